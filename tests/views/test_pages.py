"""What each page type of the sample class shows, asserted on the built HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SAMPLE, site_of
from sitecheck import main_content

from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import local

CLASS = load_class(SAMPLE, ProblemLog())
LEA = "lea-martin"


def test_target_page_has_chart_text_alternative_and_table(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, LEA) / "targets" / "sci-observe" / "index.html")
    assert '<svg viewBox="0 0 480 230" role="img"' in page
    desc = re.search(r'<desc id="pb-chart-desc">(.*?)</desc>', page, re.S)
    assert desc and "1 · Beginning" in desc.group(1) and "4 · Exceeds" in desc.group(1)
    assert "<details" in page and "<table>" in page
    assert page.count("<circle") == 4  # four drafts, four teacher levels
    assert "My self-assessment" in page


def test_targets_overview_groups_and_labels(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, LEA) / "targets" / "index.html")
    for subject in {local(t.subject, "en", "en") for t in CLASS.targets.values()}:
        assert f"<h2>{subject}</h2>" in page
    assert "Long-term targets" in page and "Supporting targets" in page
    assert "Not yet assessed" in page
    assert page.count('href="sci-observe/"') == 1


def test_passage_page_is_a_deck_with_every_section(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, LEA) / "passage" / "index.html")
    sections = CLASS.settings.passage.sections
    assert page.count("data-pb-slide") == len(sections) + 1  # a title slide, then one per section
    for section in sections:
        assert local(section.title, "en", "en") in page and local(section.prompt, "en", "en") in page
    assert "data-pb-present hidden" in page  # the button appears only when the script runs
    assert "Before → after" in page and 'aria-current="step"' in page
    assert local(CLASS.settings.passage.question, "en", "en") in page


def test_short_passage_section_is_flagged(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, "jamal-carter") / "passage" / "index.html")
    assert "يحتاج إلى أدلة أكثر: 1 من 2" in page  # his family reads Arabic (sample_students/locales/ar.yml)


def test_gallery_filter_and_lightbox_markup(sample_site: Path) -> None:
    page = main_content(sample_site / "gallery" / "index.html")
    assert "data-pb-filter hidden" in page and 'data-subject=""' in page
    assert page.count('<template class="pb-card__lightbox">') == page.count('<li class="pb-card"')
    assert "<dialog" in page
    assert "Open the piece" not in page and 'href="s/' not in page  # family sites sit behind secret links


def test_class_gallery_is_an_exhibition_by_unit(sample_site: Path) -> None:
    """The sample class's two units, in the order of portfolio.yml, then its celebrated work of no unit."""
    page = main_content(sample_site / "gallery" / "index.html")
    headings = re.findall(r'<h2 id="pb-unit-\d+" class="pb-unit__title" dir="auto">(.*?)</h2>', page)
    titles = [local(unit.title, "en", "en") for unit in CLASS.settings.units]
    assert len(titles) == 2 and headings == [*titles, "More work"]
    assert page.count("<section") == 3 and page.count("data-pb-gallery") == 1  # one gallery for the lightbox
    sofia = main_content(site_of(sample_site, "sofia-hernandez") / "gallery" / "index.html")
    assert "Expedición: Salvemos a los polinizadores</h2>" in sofia  # her family's site, in Spanish


def test_class_home_names_each_student_and_no_levels(sample_site: Path) -> None:
    """Names and the class gallery only: levels and counts are for the student, the family and the teacher."""
    page = main_content(sample_site / "index.html")
    for student in CLASS.students:
        assert student.name in page
        secret = site_of(sample_site, student.slug).name
        assert secret not in (sample_site / "index.html").read_text()
    assert "targets met" not in page and "<meter" not in page


def test_teacher_matrix_is_in_the_teacher_folder_only(sample_site: Path) -> None:
    page = (sample_site.parent / "teacher" / "matrix" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert page.count('<tr><th scope="row">') == len(CLASS.students)
    assert 'class="below"' in page
    assert not (sample_site / "_teacher").exists()
    index = json.loads((sample_site / "search" / "search_index.json").read_text())
    assert not any("matrix" in doc["location"] for doc in index["docs"])


def test_piece_page_shows_the_growth_series(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, LEA) / "work" / "butterfly" / "draft-2" / "index.html")
    assert "Growth over time" in page
    assert page.count('<li class="pb-series__step') == 4
    assert "(this draft)" in page


def test_home_page_goals_timeline_and_highlights(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, LEA) / "index.html")
    goal = next(s for s in CLASS.students if s.slug == LEA).goals[0]
    assert goal.goal in page and 'class="pb-timeline"' in page
    assert all(c.note in page for c in goal.checkins)
    assert "Highlights" in page


def test_conference_page_of_every_student_has_its_agenda_data_and_questions(sample_site: Path) -> None:
    spec = CLASS.settings.conference
    assert spec is not None
    for student in CLASS.students:
        language = student.language or "en"
        site = site_of(sample_site, student.slug)
        page = main_content(site / "conference" / "index.html")
        titles = [local(item.title, language, "en") for item in spec.agenda]
        where = [page.index(f"{n}. {title}</h2>") for n, title in enumerate(titles, 1)]
        assert where == sorted(where), student.slug  # in the class's order
        assert page.count('class="pb-agenda-piece"') >= 1, f"{student.slug} has no piece under any agenda item"
        for question in spec.questions:
            assert local(question, language, "en") in page
        assert page.count('class="pb-move pb-move--') >= 1
        assert 'href="conference/"' in (site / "index.html").read_text(encoding="utf-8")  # in the nav


def test_conference_page_speaks_the_family_s_language(sample_site: Path) -> None:
    page = main_content(site_of(sample_site, "jamal-carter") / "conference" / "index.html")
    assert "مؤتمر الخريف الذي يقوده الطالب" in page and "بياناتي" in page and "قبل 15 أكتوبر 2026" in page
    page = main_content(site_of(sample_site, "sofia-hernandez") / "conference" / "index.html")
    assert "Preguntas para mi familia" in page and "Antes del 15 de octubre de 2026" in page


def test_timed_decks_carry_their_minutes(sample_site: Path) -> None:
    site = site_of(sample_site, LEA)
    assert 'data-pb-minutes="15"' in main_content(site / "passage" / "index.html")
    assert 'data-pb-minutes="20"' in main_content(site / "conference" / "index.html")
    assert 'role="timer"' in main_content(site / "passage" / "index.html")


def test_every_dialog_has_a_name(sample_site: Path) -> None:
    """A dialog a screen reader enters says what it is (the search box, the lightbox, present mode)."""
    import re

    dialogs = 0
    for page in sample_site.rglob("*.html"):
        for tag in re.findall(r'<[a-z]+[^>]*role="dialog"[^>]*>|<dialog\b[^>]*>', page.read_text(encoding="utf-8")):
            dialogs += 1
            assert "aria-label=" in tag or "aria-labelledby=" in tag, (page, tag)
    assert dialogs > 0
