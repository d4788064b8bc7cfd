"""The class gallery as an exhibition by unit, built by the real command: one section and <h2> per unit.

A tiny class declares its units in one order and dates its work in another; the page must read in
the order of `units:`, each unit's work newest first, celebrated work of no unit last, in the class
language. Without `units:` the gallery stays one grid with no headings at all.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from classmaker import SETTINGS, make_class
from conftest import run_portfolio
from sitecheck import main_content


class Outline(HTMLParser):
    """What a screen reader's outline shows: headings, the sections they name, and the cards under them.

    The lightbox's copy of each card sits in a <template>, which nobody reads until it opens: left out.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []  # (kind, text): ("h1", …), ("h2", …), ("section", id), ("card", …)
        self.ids: dict[str, str] = {}  # heading id → its text
        self._template = 0
        self._open: tuple[str, str] | None = None  # the element whose text is being read, and its id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "template":
            self._template += 1
        elif self._template:
            return
        elif tag == "section":
            self.items.append(("section", found.get("aria-labelledby") or ""))
        elif tag in ("h1", "h2") or "pb-card__title" in (found.get("class") or ""):
            self._open = ("card" if tag == "strong" else tag, found.get("id") or "")
            self.items.append((self._open[0], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template -= 1
        elif self._open and tag in ("h1", "h2", "strong"):
            if self._open[1]:
                self.ids[self._open[1]] = self.items[-1][1]
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            kind, text = self.items[-1]
            self.items[-1] = (kind, text + data)


def outline(page: Path) -> Outline:
    found = Outline()
    found.feed(main_content(page))
    return found


def _piece(title: str, date: str, unit: str | None = None, subject: str = "Science") -> tuple[dict[str, Any], str]:
    meta = {"title": title, "date": date, "subject": subject, "targets": ["sci-observe"], "celebrate": True,
            "share": "class", **({"unit": unit} if unit else {})}
    return meta, ""


PIECES = {
    "ana": {"poster.md": _piece("Poster", "2026-11-01", "pollinators"),
            "bridge-test.md": _piece("Bridge test", "2026-10-01", "bridges"),
            "crew.md": _piece("Crew reflection", "2026-12-01", subject="Crew")},
    "ben": {"bridge.md": _piece("Bridge", "2026-10-20", "bridges"),
            "meadow.md": _piece("Meadow letter", "2026-09-15", "pollinators", subject="ELA")},
}  # fmt: skip

UNITS = [  # bridges first, though the pollinator work is the newest
    {"id": "bridges", "title": {"en": "Bridges that hold", "es": "Puentes que aguantan"}},
    {"id": "gardens", "title": {"en": "School gardens", "es": "Huertos escolares"}},  # no work: no heading
    {"id": "pollinators", "title": {"en": "Saving the pollinators", "es": "Salvemos a los polinizadores"}},
]


def _build(work: Path, units: list[dict[str, Any]] | None) -> Path:
    """A class written in Spanish, built by the real command; without `units`, no piece names one either."""
    students = {
        slug: {"student": {"name": slug.title(), "grade": 8},
               "pieces": {name: ({k: v for k, v in meta.items() if units or k != "unit"}, body)
                          for name, (meta, body) in pieces.items()}}
        for slug, pieces in PIECES.items()
    }  # fmt: skip
    settings = {**SETTINGS, "language": "es", **({"units": units} if units else {})}
    root = make_class(work / "class", students, settings=settings)
    result = run_portfolio("build", str(root), "-o", str(work / "site"), cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def exhibition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("exhibition"), UNITS)


def test_units_in_their_order_newest_first_within_and_no_unit_last(exhibition: Path) -> None:
    found = outline(exhibition / "gallery" / "index.html")
    assert [text for kind, text in found.items if kind != "section"] == [
        "Celebración del aprendizaje",
        "Puentes que aguantan", "Bridge", "Bridge test",
        "Salvemos a los polinizadores", "Poster", "Meadow letter",
        "Más trabajos", "Crew reflection",
    ]  # fmt: skip


def test_each_unit_is_a_section_named_by_its_heading(exhibition: Path) -> None:
    found = outline(exhibition / "gallery" / "index.html")
    named = [found.ids.get(ref) for kind, ref in found.items if kind == "section"]
    assert named == ["Puentes que aguantan", "Salvemos a los polinizadores", "Más trabajos"]


def test_a_student_gallery_groups_too(exhibition: Path) -> None:
    found = outline(exhibition / "ana" / "gallery" / "index.html")
    assert [text for kind, text in found.items if kind == "h2"] == [
        "Puentes que aguantan", "Salvemos a los polinizadores", "Más trabajos"
    ]
    work = outline(exhibition / "ana" / "work" / "index.html")
    assert [kind for kind, _ in work.items] == ["h1", "card", "card", "card"]  # all work: one list by date


def test_without_units_the_gallery_has_no_headings(tmp_path: Path) -> None:
    found = outline(_build(tmp_path, None) / "gallery" / "index.html")
    assert [kind for kind, _ in found.items] == ["h1"] + ["card"] * 5
    assert [text for kind, text in found.items if kind == "card"] == [
        "Crew reflection", "Poster", "Bridge", "Bridge test", "Meadow letter"
    ]  # newest first, as before units
