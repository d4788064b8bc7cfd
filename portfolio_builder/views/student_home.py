"""The student's home (student_home.html): about me, goals with check-ins, highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import (
    ClassFolder,
    Student,
)
from .parts import (
    ImageView,
    Strings,
    TargetLink,
    format_date,
    target_link,
)
from .piece import PieceView
from .target import TargetView


@dataclass(frozen=True)
class CheckinView:
    date: str
    note: str


@dataclass(frozen=True)
class GoalView:
    goal: str
    target: TargetLink | None
    by: str
    status: str
    status_label: str
    checkins: tuple[CheckinView, ...]


@dataclass(frozen=True)
class StudentCard:
    slug: str
    url: str
    name: str
    grade: str | None
    pronouns: str | None
    photo: ImageView | None
    pieces: int
    met: int
    assessed: int


@dataclass(frozen=True)
class HomeView:
    card: StudentCard
    goals: tuple[GoalView, ...]
    highlights: tuple[PieceView, ...]
    recent: tuple[PieceView, ...]


def goals_view(student: Student, cls: ClassFolder, t: Strings, language: str) -> tuple[GoalView, ...]:
    return tuple(
        GoalView(
            goal=g.goal,
            target=target_link(cls.targets[g.target], language, cls.settings.language) if g.target else None,
            by=format_date(g.by, language),
            status=g.status,
            status_label=t["goal_status"].get(g.status, g.status),
            checkins=tuple(CheckinView(format_date(c.date, language), c.note) for c in g.checkins),
        )
        for g in student.goals
    )


def student_card(
    student: Student, url: str, photo: ImageView | None, pieces: int, targets: Sequence[TargetView], meets: int
) -> StudentCard:
    assessed = [t for t in targets if t.current]
    met = sum(1 for t in assessed if t.current and t.current.value >= meets)
    return StudentCard(
        student.slug, url, student.name, student.grade, student.pronouns, photo, pieces, met, len(assessed)
    )
