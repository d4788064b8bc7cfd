"""Real pages in Debian's Chromium: phone-sized, offline, nothing fetched from another host."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import page_types

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_loads_clean(browser, server: str, sample_site: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    foreign, errors = [], []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(server) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in page_types(sample_site):
        page.goto(f"{server}/{path}", wait_until="networkidle")
        assert page.locator("h1").count() >= 1, path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}px"
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        broken = page.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0 && i.loading !== 'lazy')"
            ".map(i => i.src)"
        )
        assert broken == [], path
    page.close()
    assert foreign == [], "requests to another host"
    assert errors == [], errors


def _open(browser, url: str, width: int = 1280):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, errors


@pytest.mark.parametrize("width", [390, 1280])
def test_search_index_is_fetched_only_when_search_opens(browser, server: str, width: int, at) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "search_index" in r.url else None)
    page.goto(f"{server}/{at('maya-rodriguez')}/", wait_until="networkidle")
    assert fetched == [], "the search index is downloaded with every page"
    if width < 600:
        page.locator("label.md-header__button[for='__search']").click()  # the magnifier of the phone header
    else:
        page.keyboard.press("/")  # mkdocs-material's keyboard shortcut
    page.keyboard.type("pollinator", delay=30)  # typed at once: the query waits for the index, not the reverse
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert len(fetched) == 1
    assert "pollinator" in result.inner_text().lower()
    page.close()


def test_present_mode_runs_through_every_section_by_keyboard(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE

    from portfolio_builder.content.students import load_class
    from portfolio_builder.errors import ProblemLog
    from portfolio_builder.model import local

    sections = load_class(SAMPLE, ProblemLog()).settings.passage.sections
    page, errors = _open(browser, f"{server}/{at('lea-martin')}/passage/")
    button = page.locator("[data-pb-present]")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    counter = page.locator("[data-pb-counter]")
    total = len(sections) + 1
    assert counter.inner_text() == f"1 / {total}"
    assert page.evaluate("document.documentElement.classList.contains('pb-presenting')")
    assert not page.locator(".md-header").is_visible()
    for number, section in enumerate(sections, start=2):
        page.keyboard.press("ArrowRight" if number % 2 else " ")
        assert counter.inner_text() == f"{number} / {total}"
        current = page.locator(".pb-slide--current")
        assert current.count() == 1 and local(section.title, "en", "en") in current.locator("h2").first.inner_text()
        assert page.locator("[data-pb-slide]:visible").count() == 1
    page.keyboard.press("ArrowRight")  # past the end stays on the last slide
    assert counter.inner_text() == f"{total} / {total}"
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == f"{total - 1} / {total}"
    page.keyboard.press("Home")
    assert counter.inner_text() == f"1 / {total}"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.documentElement.classList.contains('pb-presenting')")
    assert page.locator("[data-pb-slide]:visible").count() == total  # the page reads top to bottom again
    assert page.evaluate("document.activeElement.hasAttribute('data-pb-present')")  # focus comes back
    assert errors == []
    page.close()


def test_gallery_lightbox_and_filter(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page, errors = _open(browser, f"{server}/gallery/", width=390)
    cards = page.locator(".pb-card")
    total = cards.count()
    assert total >= 3
    cards.nth(0).locator("a").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("[data-pb-lightbox]")
    assert dialog.is_visible()
    counter = dialog.locator("[data-pb-counter]")
    assert counter.inner_text() == f"1 / {total}"
    first_title = dialog.locator(".pb-lightbox__title").inner_text()
    assert first_title == cards.nth(0).locator(".pb-card__title").inner_text()
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == f"2 / {total}"
    assert dialog.locator(".pb-lightbox__title").inner_text() != first_title
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last
    assert counter.inner_text() == f"{total} / {total}"
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    # filter by subject: only that subject's cards stay
    chosen = page.locator("[data-pb-filter] button[data-subject]:not([data-subject=''])").first
    subject = chosen.get_attribute("data-subject")
    chosen.click()
    shown = page.locator(".pb-card:visible")
    assert 0 < shown.count() < total
    assert all(shown.nth(i).get_attribute("data-subject") == subject for i in range(shown.count()))
    assert chosen.get_attribute("aria-pressed") == "true"
    assert errors == []
    page.close()


def test_grouped_gallery_walks_across_units_and_the_filter_hides_empty_units(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    """The sample gallery is grouped by unit: next runs on into the following unit, the lightbox names
    the unit, and a subject no unit of which has work takes that unit's heading away with its cards."""
    page, errors = _open(browser, f"{server}/gallery/", width=390)
    units = page.locator("[data-pb-group]")
    assert units.count() == 3
    first_unit = units.nth(0).locator(".pb-card")
    last = first_unit.count() - 1
    first_unit.nth(last).locator("a").click()
    dialog = page.locator("[data-pb-lightbox]")
    counter = dialog.locator("[data-pb-counter]")
    total = page.locator(".pb-card").count()
    assert counter.inner_text() == f"{last + 1} / {total}"
    assert dialog.locator(".pb-kicker").inner_text().startswith(units.nth(0).locator("h2").inner_text())
    page.keyboard.press("ArrowRight")  # from the first unit's last card to the second unit's first
    second = units.nth(1)
    assert dialog.locator(".pb-lightbox__title").inner_text() == second.locator(".pb-card__title").first.inner_text()
    assert dialog.locator(".pb-kicker").inner_text().startswith(second.locator("h2").inner_text())
    assert counter.inner_text() == f"{last + 2} / {total}"
    page.keyboard.press("Escape")
    # Crew work names no unit: both units go, headings and all; "All subjects" brings them back
    page.locator("[data-pb-filter] button[data-subject='Crew']").click()
    assert [units.nth(i).is_visible() for i in range(3)] == [False, False, True]
    assert page.locator("h2:visible").all_inner_texts() == ["More work"]
    page.locator(".pb-card:visible a").first.click()
    crew = page.locator(".pb-card:visible").count()
    assert counter.inner_text() == f"1 / {crew}"  # the lightbox counts only what the filter shows
    page.keyboard.press("Escape")
    page.locator("[data-pb-filter] button[data-subject='']").click()
    assert [units.nth(i).is_visible() for i in range(3)] == [True, True, True]
    assert errors == []
    page.close()


def test_printed_passage_is_one_page_per_section(browser, server: str, sample_site: Path, at) -> None:  # type: ignore[no-untyped-def]
    import re

    from conftest import SAMPLE

    from portfolio_builder.content.students import load_class
    from portfolio_builder.errors import ProblemLog

    cls = load_class(SAMPLE, ProblemLog())
    expected = len(cls.settings.passage.sections) + 1  # a cover, then one page per section
    for student in cls.students:
        page, errors = _open(browser, f"{server}/{at(student.slug)}/passage/")
        page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
        assert errors == []
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(format="Letter")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == expected, f"{student.slug}: {pages} printed pages"
        page.close()


def test_present_mode_controls_fit_one_line_on_a_phone(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    """Held upright, every control keeps its words whole on one line: no button squeezed a letter a line."""
    page, errors = _open(browser, f"{server}/{at('lea-martin')}/passage/", width=390)
    page.click("[data-pb-present]")
    bar = page.locator("[data-pb-controls]").bounding_box()
    assert bar is not None and bar["height"] < 90, bar  # one row of 44 px buttons
    for control in page.locator("[data-pb-controls] > :visible").all():
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (control.inner_text(), box)
        assert box["height"] <= 60, (control.inner_text(), box)
    assert "Esc" not in page.locator("[data-pb-exit]").inner_text()  # no keyboard to name on a phone
    assert errors == []
    page.close()


def test_right_to_left_home_fits_a_phone_and_its_drawer_opens_from_the_right(  # type: ignore[no-untyped-def]
    browser, server: str, sample_site: Path
) -> None:
    from conftest import SAMPLE, site_of

    from portfolio_builder.content.students import load_class
    from portfolio_builder.errors import ProblemLog

    arabic = next(s for s in load_class(SAMPLE, ProblemLog()).students if s.language == "ar")
    path = site_of(sample_site, arabic.slug).relative_to(sample_site).as_posix()
    page, errors = _open(browser, f"{server}/{path}/", width=390)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    page.click(".md-header label[for='__drawer']")
    page.wait_for_timeout(600)  # the drawer slides in
    box = page.locator(".md-sidebar--primary").bounding_box()
    assert box is not None and box["width"] > 100
    assert abs(box["x"] + box["width"] - 390) <= 1 and box["x"] > 0, box
    assert errors == []
    page.close()
