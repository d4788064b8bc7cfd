"""Celebration-of-learning galleries (gallery.html, work.html): cards with a subject filter, grouped by unit.

A celebration of learning is often an exhibition by unit or expedition rather than by student
(docs/format.md, `units`): where the class declares units, a gallery shows one section per unit
that has work in it, in the order of `units:`, and the work of no unit last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..model import ClassFolder, UnitSpec, local
from .parts import Strings
from .piece import PieceView


@dataclass(frozen=True)
class GalleryItem:
    piece: PieceView
    student: str


@dataclass(frozen=True)
class GalleryGroup:
    """One unit's work under its title (`title` is the site's language); `unit` is None for work of no unit."""

    unit: str | None
    title: str
    items: tuple[GalleryItem, ...]
    anchor: str = ""  # the heading's id, which names the section for a screen reader


@dataclass(frozen=True)
class GalleryView:
    items: tuple[GalleryItem, ...]
    subjects: tuple[str, ...]
    groups: tuple[GalleryGroup, ...] = ()  # empty: one grid without headings, as before units existed


@dataclass(frozen=True)
class Units:
    """What grouping needs: the class's units, the site's language, and the heading of work of no unit."""

    specs: Sequence[UnitSpec]
    language: str
    fallback: str  # the class language, for a title not written in the site's
    rest: str  # the UI word for work of no unit ("More work")


def class_units(cls: ClassFolder, language: str, t: Strings) -> Units:
    """The class's units as a site in `language` (with its UI words `t`) names them."""
    return Units(cls.settings.units, language, cls.settings.language, t["more_work"])


def gallery_view(items: Iterable[GalleryItem], units: Units | None = None) -> GalleryView:
    """The cards in the order given (newest first), and, with `units`, the same cards grouped by unit."""
    chosen = tuple(items)
    subjects = tuple(sorted({i.piece.subject for i in chosen if i.piece.subject}))
    return GalleryView(chosen, subjects, by_unit(chosen, units) if units else ())


def by_unit(items: Sequence[GalleryItem], units: Units) -> tuple[GalleryGroup, ...]:
    """A group per unit with work, in the order of `units:`; within one, the order given.

    No group at all when no item names a unit: a heading over everything would only repeat the page title.
    """
    if not any(i.piece.unit for i in items):
        return ()
    specs = {spec.id: spec for spec in reversed(units.specs)}  # an id written twice: its first place counts
    groups = [
        GalleryGroup(spec.id, local(spec.title, units.language, units.fallback),
                     tuple(i for i in items if i.piece.unit == spec.id))
        for spec in units.specs if specs[spec.id] is spec
    ]
    groups.append(GalleryGroup(None, units.rest, tuple(i for i in items if not i.piece.unit)))
    shown = [group for group in groups if group.items]
    return tuple(replace(group, anchor=f"pb-unit-{n}") for n, group in enumerate(shown, 1))

