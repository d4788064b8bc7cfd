"""The student-led conference (conference.html): the agenda with its pieces, my data, my goals, the family's questions.

The student leads it (docs: DOMAIN, "Student-led conferences"): the page is the script and the slides,
and printed it is the family's reply form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .. import markup, mastery
from ..model import (
    ClassFolder,
    ConferenceSpec,
    GoalCheckin,
    Piece,
    Student,
)
from .parts import (
    ImageView,
    LevelView,
    Strings,
    format_date,
    level_view,
    local,
)
from .piece import PieceView, card
from .student_home import CheckinView, GoalView, goals_view
from .target import TargetView


@dataclass(frozen=True)
class AgendaPiece:
    piece: PieceView
    first_line: str  # the reflection's opening, under the title on the card


@dataclass(frozen=True)
class AgendaItemView:
    id: str
    title: str
    prompt: str
    pieces: tuple[AgendaPiece, ...]


@dataclass(frozen=True)
class DataRow:
    """One target in "my data": where it is now, where it was before the date, and which way it moved."""

    statement: str
    url: str
    now: LevelView | None
    before: LevelView | None
    movement: str  # up | down | same | new; "" when nothing is assessed yet or the class gave no date


@dataclass(frozen=True)
class ConferenceGoal:
    goal: GoalView
    latest: CheckinView | None


@dataclass(frozen=True)
class ConferenceView:
    title: str
    student: str
    photo: ImageView | None
    since: str  # the date levels are compared with, as the site's language writes it; "" for none
    rule: str  # the class's mastery rule, for the words that explain "now"
    minutes: int | None  # present mode's countdown
    agenda: tuple[AgendaItemView, ...]
    data: tuple[DataRow, ...]
    goals: tuple[ConferenceGoal, ...]
    questions: tuple[str, ...]


def conference_view(
    cls: ClassFolder, student: Student, photo: ImageView | None, pieces: Sequence[Piece],
    views: Sequence[PieceView], targets: Sequence[TargetView], t: Strings, language: str,
) -> ConferenceView | None:
    """The class's conference, worded in the site's `language`, filled with this student's published work.

    `pieces` and `views` are the site's published pieces in date order, `targets` their target views.
    None when `portfolio.yml` has no `conference:` (then the site has no such page).
    """
    spec = cls.settings.conference
    if spec is None:
        return None
    fallback = cls.settings.language
    return ConferenceView(
        title=local(spec.title, language, fallback),
        student=student.name,
        photo=photo,
        since=format_date(spec.since, language),
        rule=cls.settings.mastery,
        minutes=spec.minutes,
        agenda=_agenda(spec, pieces, views, language, fallback),
        data=data_rows(cls, spec.since, pieces, targets, language),
        goals=tuple(
            ConferenceGoal(view, _latest(goal.checkins, language))
            for goal, view in zip(student.goals, goals_view(student, cls, t, language), strict=True)
        ),
        questions=tuple(local(q, language, fallback) for q in spec.questions),
    )


def _agenda(
    spec: ConferenceSpec, pieces: Sequence[Piece], views: Sequence[PieceView], language: str, fallback: str
) -> tuple[AgendaItemView, ...]:
    """Each agenda item in the class's order, with the pieces tagged for it in date order."""
    return tuple(
        AgendaItemView(
            item.id, local(item.title, language, fallback), local(item.prompt, language, fallback),
            tuple(
                AgendaPiece(card(view), markup.first_line(piece.html))
                for piece, view in zip(pieces, views, strict=True) if item.id in piece.conference
            ),
        )
        for item in spec.agenda
    )


def data_rows(
    cls: ClassFolder, since: dt.date | None, pieces: Sequence[Piece], targets: Sequence[TargetView], language: str
) -> tuple[DataRow, ...]:
    """Every target with published evidence: its level now (as the targets page says) and before `since`.

    "Before" applies the class rule to the teacher levels dated before `since` only: the level the
    family heard at the last conference. No such level makes the target "new" since then.
    """
    rows = []
    for target in targets:
        if not target.evidence:
            continue
        earlier = [
            a.level for piece in pieces if since and piece.date < since
            for a in piece.assessments if a.target_id == target.id and a.level is not None
        ]
        before = mastery.current_level(cls.settings.mastery, earlier)
        rows.append(DataRow(
            target.statement, target.url, target.current, level_view(before, cls, language),
            movement(target.current, before) if since else "",
        ))
    return tuple(rows)


def movement(now: LevelView | None, before: float | None) -> str:
    """Which way a level moved, compared as the page shows the numbers (to one decimal)."""
    if now is None:
        return ""
    if before is None:
        return "new"
    shown_now, shown_before = round(now.value, 1), round(before, 1)
    return "up" if shown_now > shown_before else "down" if shown_now < shown_before else "same"


def _latest(checkins: Sequence[GoalCheckin], language: str) -> CheckinView | None:
    """The most recent check-in, whatever order the student wrote them in."""
    if not checkins:
        return None
    last = sorted(checkins, key=lambda c: c.date)[-1]  # stable: of two on one day, the one written last
    return CheckinView(format_date(last.date, language), last.note)
