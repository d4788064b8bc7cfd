"""The teacher's class × targets matrix (teacher/matrix.html): current levels, gaps at a glance."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .. import mastery
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
    published,
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
    evidence: Counter[str] = Counter()
    levels: dict[str, list[int]] = defaultdict(list)
    for piece in published(student.pieces, audience):  # in date order, as the site's
        for a in piece.assessments:
            evidence[a.target_id] += 1
            if a.level is not None:
                levels[a.target_id].append(a.level)
    cells = []
    for target in cls.targets.values():
        current = level_view(mastery.current_level(cls.settings.mastery, levels[target.id]), cls, language)
        cells.append(MatrixCell(current, evidence[target.id], bool(current and current.value < meets)))
    return MatrixRow(student.name, f"{student.slug}/", tuple(cells))


def matrix_view(cls: ClassFolder, audience: Audience, t: Strings) -> MatrixView:
    """The whole class: for the teacher folder, never published (levels are education records)."""
    rows = tuple(matrix_row(cls, student, audience, t) for student in cls.students)
    language = cls.settings.language  # the teacher's page: the class language
    targets = tuple(target_link(target, language, language) for target in cls.targets.values())
    return MatrixView(targets, rows, level_view(cls.settings.meets, cls, language), cls.settings.mastery)
