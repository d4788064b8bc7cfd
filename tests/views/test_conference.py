"""The conference page as a view: agenda order and its pieces, my data since the date, goals, no conference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from classmaker import SETTINGS, TARGETS, make_class

from portfolio_builder import views
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import Audience, ClassFolder
from portfolio_builder.site import theme

WORDS = theme.strings(theme.data_root() / "themes" / "portfolio", "en")

CONFERENCE: dict[str, Any] = {
    "title": {"en": "Fall conference", "es": "Conferencia de otoño"},
    "since": "2026-10-01",
    "agenda": [
        {"id": "proud", "title": "Work I am proud of", "prompt": {"en": "Why?", "es": "¿Por qué?"}},
        {"id": "growing", "title": "Where I am growing"},
        {"id": "habits", "title": "My habits"},
    ],
    "questions": [{"en": "What did you notice?", "es": "¿Qué notaron?"}],
}
TARGETS_PLUS = [*TARGETS, {"id": "ela-speaking", "statement": "I can speak up.", "subject": "ELA"}]


def _piece(date: str, targets: dict[str, int] | list[str], **extra: Any) -> dict[str, Any]:
    return {"title": f"Piece of {date}", "date": date, "targets": targets, **extra}


PIECES = {
    # levels before 2026-10-01 and after: up, down, the same, new; one target listed without a level
    "sept-a.md": (_piece("2026-09-10", {"sci-observe": 2, "ela-argument": 3, "sci-draw": 3}, conference="proud"),
                  "# A heading\n\nFirst paragraph of *September*.\n\nSecond paragraph."),
    "oct-a.md": (_piece("2026-10-01", {"sci-observe": 3, "ela-argument": 2}, conference=["habits", "proud"]), ""),
    "oct-b.md": (_piece("2026-10-20", {"sci-draw": 3, "hoc-perseverance": 4}), ""),
    "talk.md": (_piece("2026-10-22", ["ela-speaking"]), ""),
    # private: never on the page, never in the levels (it would turn `hoc-perseverance` from new to up)
    "diary.md": (_piece("2026-09-01", {"hoc-perseverance": 1}, share="private", conference="growing"), ""),
}  # fmt: skip

GOALS = [{"goal": "Read every night.", "status": "in-progress", "checkins": [
    {"date": "2026-11-01", "note": "Latest."}, {"date": "2026-10-01", "note": "Earlier."}]}]


@pytest.fixture
def cls(tmp_path: Path) -> ClassFolder:
    students = {
        "ana": {"student": {"name": "Ana", "grade": 8, "goals": GOALS}, "pieces": PIECES},
        "bea": {"student": {"name": "Bea", "grade": 8, "language": "es"}, "pieces": {"x.md": PIECES["sept-a.md"]}},
    }
    root = make_class(tmp_path / "class", students, {**SETTINGS, "conference": CONFERENCE}, TARGETS_PLUS)
    log = ProblemLog()
    loaded = load_class(root, log)
    assert log.errors == []
    return loaded


def _view(cls: ClassFolder, student: int = 0) -> Any:
    return views.student_site(cls, cls.students[student], Audience.FAMILY, {}, {}, WORDS).page("conference.md").view


def test_agenda_in_order_with_each_item_s_pieces_in_date_order(cls: ClassFolder) -> None:
    agenda = _view(cls).agenda
    assert [item.id for item in agenda] == ["proud", "growing", "habits"]
    proud, growing, habits = agenda
    assert [a.piece.title for a in proud.pieces] == ["Piece of 2026-09-10", "Piece of 2026-10-01"]
    assert growing.pieces == ()  # its only piece is private
    assert [a.piece.title for a in habits.pieces] == ["Piece of 2026-10-01"]
    first = proud.pieces[0]
    assert first.first_line == "First paragraph of September."  # the heading skipped, the emphasis kept as text
    assert first.piece.url == "work/sept-a/"
    assert proud.prompt == "Why?"


def test_my_data_says_how_each_target_moved_since_the_date(cls: ClassFolder) -> None:
    rows = {row.url: row for row in _view(cls).data}
    moved = {url.split("/")[1]: row.movement for url, row in rows.items()}
    assert moved == {
        "sci-observe": "up",  # 2 before, 3 on the date itself (the date counts as "since")
        "ela-argument": "down",  # 3 → 2
        "sci-draw": "same",  # 3 → 3
        "hoc-perseverance": "new",  # no level before the date (the private 1 does not count)
        "ela-speaking": "",  # evidence, but never a level: nothing to compare
    }
    observe = rows["targets/sci-observe/"]
    assert (observe.before.text, observe.now.text) == ("2 · Approaching", "3 · Meets")
    assert rows["targets/hoc-perseverance/"].before is None
    assert rows["targets/ela-speaking/"].now is None


def test_my_data_now_follows_the_class_rule(cls: ClassFolder) -> None:
    highest = ClassFolder(cls.root, cls.settings.model_copy(update={"mastery": "highest"}), cls.targets, cls.students)
    rows = {row.url: row for row in _view(highest).data}
    argument = rows["targets/ela-argument/"]
    assert (argument.before.text, argument.now.text, argument.movement) == ("3 · Meets", "3 · Meets", "same")


def test_no_since_date_shows_levels_without_movement(cls: ClassFolder) -> None:
    assert cls.settings.conference is not None
    spec = cls.settings.conference.model_copy(update={"since": None})
    undated = ClassFolder(cls.root, cls.settings.model_copy(update={"conference": spec}), cls.targets, cls.students)
    view = _view(undated)
    assert view.since == "" and {row.movement for row in view.data} == {""}


def test_goals_show_their_latest_check_in_and_questions_follow(cls: ClassFolder) -> None:
    view = _view(cls)
    (goal,) = view.goals
    assert goal.goal.status_label == "In progress"
    assert (goal.latest.note, goal.latest.date) == ("Latest.", "November 1, 2026")  # by date, not by order written
    assert view.questions == ("What did you notice?",)


def test_in_the_family_s_language(cls: ClassFolder) -> None:
    view = _view(cls, student=1)
    assert view.title == "Conferencia de otoño"
    assert view.questions == ("¿Qué notaron?",)
    assert view.agenda[0].prompt == "¿Por qué?" and view.agenda[1].title == "Where I am growing"  # no `es`: English
    assert view.since == "1 de octubre de 2026"


def test_conference_is_in_the_nav_only_when_the_class_has_one(cls: ClassFolder) -> None:
    site = views.student_site(cls, cls.students[0], Audience.FAMILY, {}, {}, WORDS)
    assert site.nav[1] == {"Conference": "conference.md"}
    assert site.page("conference.md").template == "conference.html"
    without = ClassFolder(cls.root, cls.settings.model_copy(update={"conference": None}), cls.targets, cls.students)
    site = views.student_site(without, without.students[0], Audience.FAMILY, {}, {}, WORDS)
    assert all(p.src_uri != "conference.md" for p in site.pages)
    assert "conference.md" not in [next(iter(entry.values())) for entry in site.nav]


def test_passage_minutes_reach_the_view(cls: ClassFolder) -> None:
    passage = cls.settings.passage.model_copy(update={"minutes": 12})
    timed = ClassFolder(cls.root, cls.settings.model_copy(update={"passage": passage}), cls.targets, cls.students)
    site = views.student_site(timed, timed.students[0], Audience.FAMILY, {}, {}, WORDS)
    assert site.page("passage.md").view.minutes == 12
