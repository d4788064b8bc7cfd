"""Who may see a piece: the one word the build's light first steps share with the class model.

Kept apart from `model.py` so that a build whose inputs did not change decides so without
loading pydantic (docs/scale.md, "A build that changes nothing").
"""

from __future__ import annotations

from enum import Enum


class Audience(str, Enum):
    """Who may see a piece. The audiences nest: public ⊂ class ⊂ family (docs/privacy.md)."""

    PRIVATE = "private"
    FAMILY = "family"
    CLASS = "class"
    PUBLIC = "public"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def reaches(self, audience: Audience) -> bool:
        """True when a piece shared with `self` may be shown to `audience` (asked of each piece, many times)."""
        return self is not Audience.PRIVATE and _RANKS[self] >= _RANKS[audience]


_RANKS = {audience: rank for rank, audience in enumerate(Audience)}
