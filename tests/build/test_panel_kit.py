"""The passage panel kit (teacher/panel/): one printable page per student, and `--pdf` printing it with Chromium."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from classmaker import SETTINGS, jpeg_bytes, make_class, write_doc
from conftest import need_chromium, run_portfolio
from sitecheck import parse

LEVELS = {1: "Names a habit.", 2: "Gives one example.", 3: "Proves it with evidence.", 4: "Plans how to grow it."}
RUBRIC = [
    {"criterion": "Evidence of growth", "levels": {1: "Shows one piece.", 2: "Names a change.",
                                                   3: "Explains the change.", 4: "Traces growth across subjects."}},
    {"criterion": "Habits of character", "levels": LEVELS},
    {"criterion": "Presentation", "levels": {1: "Reads from notes.", 3: "Speaks to the panel."}},  # 2 and 4 left blank
]
QUESTIONS = [f"Panel question number {n}: what helped you most?" for n in range(1, 10)]  # nine: two sheets of cards
SETTINGS_WITH_PANEL = {**SETTINGS, "passage": {**SETTINGS["passage"], "rubric": RUBRIC, "questions": QUESTIONS}}

PIECES = {
    "beetle.md": (
        {"title": "Beetle drawing, final", "date": "2026-10-08", "media": [{"file": "beetle.jpg", "alt": "A beetle"}],
         "passage": "growth", "share": "family"},
        "## What changed\n\nI added **legs**, antennae & eyes, so a < b now.\n\nSECONDPARAGRAPHCANARY stays.",
    ),
    "helping.md": (
        {"title": "Helping my crew", "date": "2026-10-10", "passage": ["growth", "character"], "share": "class"},
        "I explained slope to Bo twice.",
    ),
    "diary.md": (
        {"title": "PANELPRIVATECANARY diary", "date": "2026-10-02", "share": "private", "passage": "growth",
         "media": [{"file": "secret.jpg", "alt": "secret"}]},
        "PANELPRIVATEBODY",
    ),
}  # fmt: skip


def _class(folder: Path) -> Path:
    students: dict[str, dict[str, Any]] = {
        "ana": {
            "student": {"name": "Ana Panel", "grade": 8, "photo": {"file": "me.jpg", "alt": "Ana"}},
            "pieces": PIECES,
            "files": {"beetle.jpg": jpeg_bytes((900, 600), "navy"), "secret.jpg": jpeg_bytes((300, 200), "red"),
                      "me.jpg": jpeg_bytes((400, 400), "orange")},
        },
        "bo": {"student": {"name": "Bo Empty", "grade": 8, "language": "es"}},
    }  # fmt: skip
    return make_class(folder, students, SETTINGS_WITH_PANEL)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny class built once without `--pdf`: the kit pages, and no PDF."""
    tmp = tmp_path_factory.mktemp("panel")
    result = run_portfolio("build", str(_class(tmp / "class")), "-o", "site", cwd=tmp)
    assert result.returncode == 0, result.stderr
    return tmp


def _sheets(html: str) -> list[str]:
    """The kit's printed parts, in order: each starts a new page."""
    return re.findall(r'<section class="sheet ([\w-]+)', html)


def test_each_student_gets_a_kit_page_with_every_part(built: Path) -> None:
    panel = built / "teacher" / "panel"
    assert sorted(p.name for p in panel.iterdir()) == ["ana", "bo"]  # no PDF without --pdf
    html = (panel / "ana" / "index.html").read_text(encoding="utf-8")
    assert _sheets(html) == ["cover", "part", "part", "score", "cards-sheet", "cards-sheet", "notes"]
    cover = html[html.index('id="cover"'):html.index('id="section-1"')]
    assert "Ana Panel" in cover and "Am I ready?" in cover and "Passage panel kit" in cover
    growth = html[html.index('id="section-1"'):html.index('id="section-2"')]
    assert "How I have grown" in growth and "Beetle drawing, final" in growth and "Helping my crew" in growth
    character = html[html.index('id="section-2"'):html.index('id="score-sheet"')]
    assert "Habits of character" in character and "Helping my crew" in character and "Beetle" not in character
    notes = html[html.index('id="notes"'):]
    assert "Panel notes" in notes and notes.count('class="line"') == 18


def test_evidence_shows_the_first_paragraph_as_text_and_a_thumbnail_of_its_own(built: Path) -> None:
    kit = built / "teacher" / "panel" / "ana"
    html = (kit / "index.html").read_text(encoding="utf-8")
    assert "I added legs, antennae &amp; eyes, so a &lt; b now." in html  # text, escaped once; no <strong>
    assert "<strong>" not in html and "SECONDPARAGRAPHCANARY" not in html and "What changed" not in html
    images = [found["src"] for found in parse(kit / "index.html").images]
    assert len(images) == 2 and all(src and src.startswith("media/") for src in images)  # the photo and the beetle
    assert all((kit / str(src)).is_file() for src in images)
    assert sorted(p.name for p in (kit / "media").iterdir()) == sorted(Path(str(src)).name for src in images)


def test_the_score_sheet_has_a_box_per_criterion_and_level_labelled_from_the_scale(built: Path) -> None:
    html = (built / "teacher" / "panel" / "ana" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="rubric">'):html.index("</table>")]
    assert table.count('class="box"') == len(RUBRIC) * 4
    assert [re.sub(r"\s+", " ", h) for h in re.findall(r'<th scope="col">([^<]*)</th>', table)] == [
        "1 · Beginning", "2 · Approaching", "3 · Meets", "4 · Exceeds"]
    assert table.count("Comment:") == len(RUBRIC) and "Traces growth across subjects." in table
    assert "Ready" in html and "Not yet: present again" in html


def test_question_cards_are_cut_into_sheets_of_eight(built: Path) -> None:
    html = (built / "teacher" / "panel" / "bo" / "index.html").read_text(encoding="utf-8")
    sheets = html.split('<section class="sheet cards-sheet"')[1:]
    assert [sheet.count('class="qcard"') for sheet in sheets] == [8, 1]
    assert "Question 9 · <bdi>Bo Empty</bdi>" in html and QUESTIONS[8] in html
    assert html.count("No evidence chosen yet for this section.") == 2  # Bo chose nothing: the panel sees it


def test_no_private_piece_reaches_the_kit(built: Path) -> None:
    panel = built / "teacher" / "panel"
    text = "".join(p.read_text(encoding="utf-8") for p in panel.rglob("*.html"))
    assert "PANELPRIVATE" not in text
    secret = [p for p in (built / "class" / "ana").iterdir() if p.name == "secret.jpg"]
    assert secret and not [p for p in panel.rglob("secret*")]


def test_a_rubric_level_outside_the_scale_stops_the_build(tmp_path: Path) -> None:
    rubric = [{"criterion": "Growth", "levels": {1: "a", 5: "off the scale"}}]
    root = make_class(tmp_path / "class", {}, {**SETTINGS, "passage": {**SETTINGS["passage"], "rubric": rubric}})
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(r"portfolio\.yml:\d+: error: the rubric's level 5 is not a level of the scale", result.stderr)


# --- --pdf: Chromium through Playwright ----------------------------------------------------


def _pages(pdf: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.browser
def test_pdf_prints_one_kit_per_student_page_by_page(built: Path, tmp_path: Path) -> None:
    need_chromium()
    work = tmp_path / "work"
    shutil.copytree(built, work)
    result = run_portfolio("build", str(work / "class"), "-o", "site", "--pdf", cwd=work)
    assert result.returncode == 0, result.stderr
    panel = work / "teacher" / "panel"
    assert sorted(p.name for p in panel.glob("*.pdf")) == ["ana.pdf", "bo.pdf"]
    sections = len(SETTINGS["passage"]["sections"])
    expected = 1 + sections + 1 + math.ceil(len(QUESTIONS) / 8) + 1  # cover, sections, score sheet, cards, notes
    for slug, name in (("ana", "Ana Panel"), ("bo", "Bo Empty")):
        pages = _pages(panel / f"{slug}.pdf")
        assert len(pages) == expected, slug
        assert name in pages[0] and "Am I ready?" in pages[0]
        assert "How I have grown" in pages[1] and "Habits of character" in pages[2]
        assert "Score sheet" in pages[1 + sections] and "Question 9" in pages[-2] and "Panel notes" in pages[-1]
    assert "Beetle drawing, final" in _pages(panel / "ana.pdf")[1]


@pytest.mark.browser
def test_a_pdf_is_kept_while_its_kit_is_unchanged_and_dropped_when_stale(tmp_path: Path) -> None:
    need_chromium()
    root = _class(tmp_path / "class")
    assert run_portfolio("build", str(root), "-o", "site", cwd=tmp_path).returncode == 0
    result = run_portfolio("build", str(root), "-o", "site", "--pdf", cwd=tmp_path)  # nothing else changed
    assert result.returncode == 0, result.stderr
    panel = tmp_path / "teacher" / "panel"
    printed = {slug: (panel / f"{slug}.pdf").read_bytes() for slug in ("ana", "bo")}
    write_doc(root / "ana" / "helping.md",
              {"title": "Helping my whole crew", "date": "2026-10-10", "passage": "character"}, "Slope again.")
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path)  # no --pdf: nothing printed
    assert result.returncode == 0, result.stderr
    assert not (panel / "ana.pdf").exists(), "a PDF of the old kit would mislead the panel"
    assert (panel / "bo.pdf").read_bytes() == printed["bo"]


def test_pdf_without_an_engine_says_what_to_install_and_still_builds(built: Path, tmp_path: Path) -> None:
    """No Chromium on PATH (and none named): one line, exit 0, the site and the kit pages built, no PDF."""
    empty = tmp_path / "bin"
    empty.mkdir()
    cases = {"path": {"PATH": str(empty), "PORTFOLIO_CHROMIUM": ""},
             "variable": {"PORTFOLIO_CHROMIUM": str(tmp_path / "no-such-chromium")}}
    for case, env in cases.items():
        work = tmp_path / case
        root = _class(work / "class")
        result = run_portfolio("build", str(root), "-o", "site", "--pdf", cwd=work, env=env)
        assert result.returncode == 0, result.stderr
        lines = [line for line in result.stderr.splitlines() if "--pdf" in line]
        assert len(lines) == 1, result.stderr
        assert "needs Chromium and Playwright" in lines[0] and "apt-get install chromium" in lines[0]
        assert "portfolio-builder[pdf]" in lines[0]
        assert (work / "site" / "index.html").is_file()
        assert (work / "teacher" / "panel" / "ana" / "index.html").is_file()
        assert not list((work / "teacher" / "panel").glob("*.pdf")), case
