"""The teacher's class × targets matrix (teacher/matrix.html): current levels, gaps at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from .. import mastery
from ..content import outline
from ..model import (
    Audience,
    ClassFolder,
    Student,
)
from .parts import (
    LevelView,
    Strings,
    TargetLink,
    level_view,
    target_link,
)


@dataclass(frozen=True)
class MatrixCell:
    level: LevelView | None
    evidence: int
    below: bool  # assessed, but under the class's `meets` level


@dataclass(frozen=True)
class MatrixRow:
    name: str
    url: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class MatrixView:
    """The teacher's class × targets grid: where each student stands, gaps at a glance."""

    targets: tuple[TargetLink, ...]
    rows: tuple[MatrixRow, ...]
    meets: LevelView | None
    rule: str


def matrix_row(cls: ClassFolder, student: Student, audience: Audience, t: Strings) -> MatrixRow:
    """One student's current levels, from the pieces their own site publishes (so each is traceable).

    Counted as the site's target pages count them (target.target_views), without making the pages.
    """
    language, meets = cls.settings.language, cls.settings.meets
    found = {row.target_id: row for row in outline.levels_of(student, audience)}  # in date order, as the site's
    cells = []
    for target in cls.targets.values():
        levels, evidence = (found[target.id].levels, found[target.id].evidence) if target.id in found else ((), 0)
        current = level_view(mastery.current_level(cls.settings.mastery, levels), cls, language)
        cells.append(MatrixCell(current, evidence, bool(current and current.value < meets)))
    return MatrixRow(student.name, f"{student.slug}/", tuple(cells))


def matrix_view(cls: ClassFolder, audience: Audience, t: Strings) -> MatrixView:
    """The whole class: for the teacher folder, never published (levels are education records)."""
    rows = tuple(matrix_row(cls, student, audience, t) for student in cls.students)
    language = cls.settings.language  # the teacher's page: the class language
    targets = tuple(target_link(target, language, language) for target in cls.targets.values())
    return MatrixView(targets, rows, level_view(cls.settings.meets, cls, language), cls.settings.mastery)
