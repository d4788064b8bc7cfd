"""The targets overview (targets.html): every target by subject, long-term and supporting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import (
    ClassFolder,
)
from .parts import (
    LevelView,
    level_view,
)
from .target import TargetView


@dataclass(frozen=True)
class TargetGroup:
    subject: str
    long_term: tuple[TargetView, ...]
    supporting: tuple[TargetView, ...]


@dataclass(frozen=True)
class TargetsView:
    groups: tuple[TargetGroup, ...]
    rule: str
    scale: tuple[LevelView, ...]


def targets_overview(cls: ClassFolder, targets: Sequence[TargetView], language: str) -> TargetsView:
    subjects: dict[str, list[TargetView]] = defaultdict(list)
    for target in targets:
        subjects[target.subject or "—"].append(target)
    groups = tuple(
        TargetGroup(
            subject,
            tuple(t for t in members if t.kind != "supporting"),
            tuple(t for t in members if t.kind == "supporting"),
        )
        for subject, members in subjects.items()
    )
    scale = tuple(v for v in (level_view(s.level, cls, language) for s in cls.settings.scale) if v)
    return TargetsView(groups, cls.settings.mastery, scale)
