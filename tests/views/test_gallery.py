"""Celebration galleries grouped by unit: in the order of `units:`, newest first inside one, work of no unit last."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from classmaker import SETTINGS, make_class

from portfolio_builder import views
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import Audience, ClassFolder
from portfolio_builder.site import theme
from portfolio_builder.views.gallery import GalleryView

WORDS = theme.strings(theme.data_root() / "themes" / "portfolio", "en")

#: Declared bridges first, though the pollinator work is newer; "gardens" has no work at all.
UNITS: list[dict[str, Any]] = [
    {"id": "bridges", "title": {"en": "Bridges that hold", "es": "Puentes que aguantan"}},
    {"id": "pollinators", "title": "Saving the pollinators"},
    {"id": "gardens", "title": "School gardens"},
]


def _piece(title: str, date: str, unit: str | None = None, share: str = "class") -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {"title": title, "date": date, "targets": ["sci-observe"], "celebrate": True,
                            "share": share, "subject": "Science"}
    return ({**meta, "unit": unit} if unit else meta), ""


def _class(
    tmp_path: Path, units: list[dict[str, Any]] | None = UNITS, ana_language: str | None = None,
    log: ProblemLog | None = None,
) -> ClassFolder:
    ana: dict[str, Any] = {
        "student": {"name": "Ana", "grade": 8, **({"language": ana_language} if ana_language else {})},
        "pieces": {
            "poster.md": _piece("Poster", "2026-11-01", "pollinators"),
            "bridge-test.md": _piece("Bridge test", "2026-10-01", "bridges"),
            "diary.md": _piece("Diary", "2026-10-15", "bridges", share="family"),  # not for the class gallery
        },
    }
    ben: dict[str, Any] = {"pieces": {
        "bridge.md": _piece("Bridge", "2026-09-01", "bridges", share="public"),
        "crew.md": _piece("Crew reflection", "2026-12-01"),  # the newest of all, yet last: it has no unit
        "meadow.md": _piece("Meadow letter", "2026-09-15", "pollinators"),
    }}
    if units is None:  # a class as it was before units: no `units:`, no piece names one
        for student in (ana, ben):
            student["pieces"] = {name: ({k: v for k, v in meta.items() if k != "unit"}, body)
                                 for name, (meta, body) in student["pieces"].items()}
    settings = {**SETTINGS, **({"units": units} if units is not None else {})}
    root = make_class(tmp_path / "class", {"ana": ana, "ben": ben}, settings=settings)
    problems = ProblemLog() if log is None else log
    cls = load_class(root, problems)
    assert log is not None or not problems.errors, problems.sorted()
    return cls


def _groups(view: GalleryView) -> list[tuple[str, list[str]]]:
    return [(g.title, [i.piece.title for i in g.items]) for g in view.groups]


def test_class_gallery_follows_units_then_dates_with_work_of_no_unit_last(tmp_path: Path) -> None:
    gallery = views.class_site(_class(tmp_path), Audience.FAMILY, {}, {}, WORDS).page("gallery.md").view
    assert _groups(gallery) == [
        ("Bridges that hold", ["Bridge test", "Bridge"]),
        ("Saving the pollinators", ["Poster", "Meadow letter"]),
        ("More work", ["Crew reflection"]),
    ]  # no "School gardens": a unit without celebrated work gets no heading
    assert [g.anchor for g in gallery.groups] == ["pb-unit-1", "pb-unit-2", "pb-unit-3"]
    assert len(gallery.items) == 5  # every card still in one list, newest first, for the lightbox count
    assert gallery.items[0].piece.title == "Crew reflection"


def test_a_student_gallery_groups_in_the_language_of_the_site(tmp_path: Path) -> None:
    cls = _class(tmp_path, ana_language="es")
    ana = views.student_site(cls, cls.students[0], Audience.FAMILY, {}, {}, theme.strings(
        theme.data_root() / "themes" / "portfolio", "es"))
    assert _groups(ana.page("gallery.md").view) == [
        ("Puentes que aguantan", ["Diary", "Bridge test"]),  # her family sees her family-only piece too
        ("Saving the pollinators", ["Poster"]),  # written in one language only: that one
    ]
    assert ana.page("work/index.md").view.groups == ()  # the list of all work stays one list by date


def test_without_units_the_gallery_is_one_grid(tmp_path: Path) -> None:
    gallery = views.class_site(_class(tmp_path, units=None), Audience.FAMILY, {}, {}, WORDS).page("gallery.md").view
    assert gallery.groups == () and len(gallery.items) == 5


def test_public_gallery_groups_only_what_the_public_sees(tmp_path: Path) -> None:
    gallery = views.class_site(_class(tmp_path), Audience.PUBLIC, {}, {}, WORDS).page("gallery.md").view
    assert _groups(gallery) == [("Bridges that hold", ["Bridge"])]  # and no "More work" heading over nothing


def test_no_headings_when_no_celebrated_piece_names_a_unit(tmp_path: Path) -> None:
    log = ProblemLog()
    cls = _class(tmp_path, units=[{"id": "gardens", "title": "School gardens"}], log=log)
    assert len(log.errors) == 5  # each `unit:` names a unit the class does not have: only the unit is left out
    gallery = views.class_site(cls, Audience.FAMILY, {}, {}, WORDS).page("gallery.md").view
    assert len(gallery.items) == 5 and gallery.groups == ()  # not one "More work" heading over everything
