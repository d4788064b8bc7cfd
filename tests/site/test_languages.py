"""Sites in the family's language (docs/format.md, "Translations"): texts, UI words, dates, numbers, direction."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
from classmaker import SETTINGS, TARGETS, make_class
from conftest import REPO, run_portfolio, site_of
from sitecheck import main_content, parse

PIECES = {
    f"2026-10-0{day}-work.md": (
        {"title": f"Work {day}", "targets": {"sci-observe": level}, "passage": "growth"}, "Text."
    )
    for day, level in ((1, 2), (2, 3), (3, 3))
}


def _spanish_class() -> tuple[dict, list]:
    settings = copy.deepcopy(SETTINGS)
    settings["mastery"] = "mean"  # levels 2, 3, 3: a current level of 2.7
    settings["scale"] = [{"level": n, "label": {"en": en, "es": es}} for n, en, es in
                         ((1, "Beginning", "Inicial"), (2, "Approaching", "En progreso"),
                          (3, "Meets", "Cumple"), (4, "Exceeds", "Supera"))]
    settings["passage"]["title"] = {"en": "Passage to High School", "es": "Pasaje a la preparatoria"}
    settings["passage"]["sections"][0]["title"] = {"en": "How I have grown", "es": "Cómo he crecido"}
    targets = copy.deepcopy(TARGETS)
    targets[0]["statement"] = {"en": "I can observe closely.", "es": "Puedo observar con atención."}
    targets[0]["subject"] = {"en": "Science", "es": "Ciencias"}
    return settings, targets


def _build(root: Path, tmp_path: Path, code: int = 0) -> Path:
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == code, result.stdout + result.stderr
    return tmp_path / "site"


def test_a_spanish_family_reads_spanish_texts_dates_and_numbers(tmp_path: Path) -> None:
    settings, targets = _spanish_class()
    students = {"ana": {"student": {"name": "Ana", "language": "es"}, "pieces": PIECES},
                "ben": {"student": {"name": "Ben"}, "pieces": PIECES}}
    site = _build(make_class(tmp_path / "c", students, settings, targets), tmp_path)
    passage = main_content(site / "ana" / "passage" / "index.html")
    assert "Pasaje a la preparatoria" in passage and "Cómo he crecido" in passage
    assert "Puedo observar con atención." in passage and "3 de octubre de 2026" in passage
    assert "Passage to High School" not in passage and "I can observe closely." not in passage
    overview = main_content(site / "ana" / "targets" / "index.html")
    assert "Ciencias" in overview and "2,7 · Cumple" in overview and "Supera" in overview
    assert "<h2>Ciencias</h2>" in overview and "Meets" not in overview and "2.7" not in overview
    assert "<title>Pasaje a la preparatoria" in (site / "ana" / "passage" / "index.html").read_text()
    english = main_content(site / "ben" / "targets" / "index.html")  # the class language, as before
    assert "2.7 · Meets" in english and "Science" in english
    assert "October 3, 2026" in main_content(site / "ben" / "passage" / "index.html")


def test_a_count_takes_the_form_its_number_needs_in_each_language(tmp_path: Path) -> None:
    """"1 piece of evidence", "1 evidencia": UI words by CLDR plural category; a school's plain word still serves."""
    one = {"2026-10-01-work.md": ({"title": "Work", "targets": {"sci-observe": 3}}, "Text.")}
    students = {"ana": {"student": {"name": "Ana", "language": "es"}, "pieces": one},
                "ben": {"student": {"name": "Ben"}, "pieces": one},
                "eli": {"student": {"name": "Eli", "language": "cy"}, "pieces": PIECES}}
    root = make_class(tmp_path / "c", students)
    (root / "locales").mkdir()
    (root / "locales" / "cy.yml").write_text("evidence_count: darnau o dystiolaeth\n", encoding="utf-8")
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), "--teacher", str(tmp_path / "teacher"),
                           cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "evidence_count" not in result.stderr  # a plain word is a complete translation
    site = tmp_path / "site"
    page = {slug: main_content(site_of(site, slug) / "targets" / "sci-observe" / "index.html") for slug in students}
    assert "1 evidencia" in page["ana"] and "1 evidencias" not in page["ana"]
    assert "1 piece of evidence" in page["ben"] and "1 pieces" not in page["ben"]
    assert "3 darnau o dystiolaeth" in page["eli"]
    overview = main_content(site_of(site, "ben") / "targets" / "index.html")
    assert "piece of evidence" in overview and "1<span class=\"pb-count-label\"> pieces" not in overview
    matrix = (tmp_path / "teacher" / "matrix" / "index.html").read_text()
    assert "1 piece of evidence" in matrix and "3 pieces of evidence" in matrix


def test_a_school_template_that_prints_a_counted_word_alone_still_reads(tmp_path: Path) -> None:
    """A school's own theme written before words had forms by count: `{{ t.evidence_count }}` is the plural."""
    one = {"2026-10-01-work.md": ({"title": "Work", "targets": {"sci-observe": 3}}, "Text.")}
    settings = copy.deepcopy(SETTINGS)
    settings["theme"] = "school"
    root = make_class(tmp_path / "c", {"ana": {"student": {"name": "Ana"}, "pieces": one}, "ben": {}}, settings)
    overrides = root / "themes" / "school" / "overrides"
    shutil.copytree(REPO / "themes" / "portfolio", root / "themes" / "school")
    target = overrides / "target.html"
    text = target.read_text(encoding="utf-8")
    old = "{{ t.evidence_count | counted(pb.evidence | length, pb_site.language) }}"
    assert old in text
    target.write_text(text.replace(old, "{{ t.evidence_count }}"), encoding="utf-8")
    site = _build(root, tmp_path)
    page = main_content(site_of(site, "ana") / "targets" / "sci-observe" / "index.html")
    assert "1 pieces of evidence" in page and "{" not in page.split("pieces of evidence")[0][-40:]


def test_an_arabic_site_is_right_to_left_on_every_page(tmp_path: Path) -> None:
    students = {"ana": {"student": {"name": "Ana", "language": "ar"}, "pieces": PIECES}, "ben": {}}
    site = _build(make_class(tmp_path / "c", students), tmp_path)
    pages = sorted((site / "ana").rglob("*.html"))
    assert len(pages) >= 8 and site / "ana" / "404.html" in pages
    for page in pages:
        assert re.search(r'<html lang="ar" dir="rtl"', page.read_text()), page
    assert parse(site / "ben" / "index.html").html_lang == "en"
    assert '<html lang="en" dir="ltr"' in (site / "ben" / "index.html").read_text()


def test_a_school_adds_a_language_with_english_for_missing_words(tmp_path: Path) -> None:
    students = {"ana": {"student": {"name": "Ana", "language": "cy"}, "pieces": PIECES}, "ben": {}}
    root = make_class(tmp_path / "c", students)
    (root / "locales").mkdir()
    (root / "locales" / "cy.yml").write_text("about_me: Amdanaf i\ntargets: Targedau dysgu\n", encoding="utf-8")
    result = run_portfolio("check", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "cy.yml" in line]
    assert len(lines) == 1 and ": warning: no `cy` words for " in lines[0]
    assert "gallery" in lines[0] and "roles.peer" in lines[0] and "about_me" not in lines[0]
    site = _build(root, tmp_path)
    home = (site / "ana" / "index.html").read_text()
    assert "Amdanaf i" in home and "Targedau dysgu" in home and "Celebration of learning" in home
    assert '<html lang="cy" dir="ltr"' in home
    assert not (site / "locales").exists()  # never a student


@pytest.mark.parametrize(("class_language", "code"), [("en", 1), ("cy", 2)])
def test_a_locale_with_a_yaml_error_names_its_line(tmp_path: Path, class_language: str, code: int) -> None:
    """Only a student's language: that site falls back to English (exit 1); the class language: exit 2."""
    settings = copy.deepcopy(SETTINGS) | {"language": class_language}
    students = {"ana": {"student": {"name": "Ana", "language": "cy"}, "pieces": PIECES}, "ben": {}}
    root = make_class(tmp_path / "c", students, settings)
    (root / "locales").mkdir()
    (root / "locales" / "cy.yml").write_text("about_me: Amdanaf i\ntargets: \"Targedau\n", encoding="utf-8")
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert re.search(r"locales/cy\.yml:2: error: the quote `\"` is never closed", output), output
    if code == 1:
        assert "About me" in (tmp_path / "site" / "ana" / "index.html").read_text()


def test_each_site_searches_in_its_own_language_whatever_was_built_before(tmp_path: Path) -> None:
    """mkdocs-material's search settings follow the site's language. A worker builds many sites; the
    first one's language must not carry over (an English site's search in Spanish, or the reverse)."""
    import json

    settings, targets = _spanish_class()
    spanish = {"language": "es"}
    students = {
        f"{name}-{n}": {"student": {"name": f"{name.title()} {n}", "grade": 8, **extra}, "pieces": PIECES}
        for n in range(3) for name, extra in (("ana", spanish), ("ben", {}))
    }  # fmt: skip
    site = _build(make_class(tmp_path / "class", students, settings, targets), tmp_path)
    found = {}
    for index in site.glob("*/search/search_index.json"):
        found[index.parts[-3]] = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    assert len(found) == 6, found
    assert found == {f"{name}-{n}": [language] for n in range(3) for name, language in (("ana", "es"), ("ben", "en"))}
