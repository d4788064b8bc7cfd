"""The teacher's class × targets matrix (teacher/matrix.html): current levels, gaps at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import (
    Audience,
    ClassFolder,
    Student,
)
from .parts import (
    Assets,
    LevelView,
    Strings,
    TargetLink,
    level_view,
    target_link,
)
from .sites import student_data


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
    """One student's current levels, from the pieces their own site publishes (so each is traceable)."""
    data = student_data(cls, student, audience, Assets({}, {}), t, cls.settings.language)
    meets = cls.settings.meets
    cells = tuple(
        MatrixCell(view.current, len(view.evidence), bool(view.current and view.current.value < meets))
        for view in data.targets
    )
    return MatrixRow(student.name, f"{student.slug}/", cells)


def matrix_view(cls: ClassFolder, audience: Audience, t: Strings) -> MatrixView:
    """The whole class: for the teacher folder, never published (levels are education records)."""
    rows = tuple(matrix_row(cls, student, audience, t) for student in cls.students)
    language = cls.settings.language  # the teacher's page: the class language
    targets = tuple(target_link(target, language, language) for target in cls.targets.values())
    return MatrixView(targets, rows, level_view(cls.settings.meets, cls, language), cls.settings.mastery)
