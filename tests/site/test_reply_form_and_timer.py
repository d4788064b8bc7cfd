"""The conference page and present mode's timer in Debian's Chromium: the printed reply form, the countdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE

from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import local

pytestmark = pytest.mark.browser

CLASS = load_class(SAMPLE, ProblemLog())


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("slug", ["lea-martin", "jamal-carter"])
def test_printed_conference_is_the_family_reply_form(browser, server: str, at, slug: str) -> None:  # type: ignore[no-untyped-def]
    spec = CLASS.settings.conference
    assert spec is not None
    language = next(s.language for s in CLASS.students if s.slug == slug) or "en"
    questions = [local(q, language, "en") for q in spec.questions]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{at(slug)}/conference/", wait_until="networkidle")
    lines = page.locator(".pb-reply__lines span")
    assert lines.count() == 4 * len(questions) and not lines.first.is_visible()  # on screen: the questions only
    page.emulate_media(media="print")
    for question in questions:
        assert page.get_by_text(question, exact=True).is_visible()
    for n in range(lines.count()):
        box = lines.nth(n).bounding_box()
        assert box and box["height"] > 20 and box["width"] > 300, "no room to write"
    assert page.locator(".pb-reply__sign").is_visible() and page.locator(".pb-reply__blank").count() == 2
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".pb-conference-data").is_visible()
    assert not page.locator(".pb-conference-item").first.is_visible()
    assert _pdf_pages(page.pdf(format="Letter")) == 1 and _pdf_pages(page.pdf(format="A4")) == 1
    page.close()


def test_conference_presents_one_agenda_item_a_slide(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    spec = CLASS.settings.conference
    assert spec is not None
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{at('maya-rodriguez')}/conference/", wait_until="networkidle")
    page.locator("[data-pb-present]").click()
    total = 1 + len(spec.agenda) + 3  # a title slide, the agenda, my data, my goals, the questions
    assert page.locator("[data-pb-counter]").inner_text() == f"1 / {total}"
    page.keyboard.press("ArrowRight")
    current = page.locator(".pb-slide--current")
    assert current.get_attribute("id") == f"agenda-{spec.agenda[0].id}" and current.is_visible()
    assert page.locator("[data-pb-timer]").inner_text() == f"{spec.minutes:02d}:00"
    page.keyboard.press("End")
    assert page.locator(".pb-slide--current").get_attribute("id") == "family-questions"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.documentElement.classList.contains('pb-presenting')")
    assert errors == []
    page.close()


def test_timer_counts_down_pauses_and_turns_amber_then_red(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.clock.install()
    page.goto(f"{server}/{at('lea-martin')}/passage/", wait_until="networkidle")
    timer, said = page.locator("[data-pb-timer]"), page.locator("[data-pb-timer-said]")
    page.evaluate(  # count what screen readers would hear: the live region's changes
        "window.heard = []; new MutationObserver(() => heard.push(document.querySelector('[data-pb-timer-said]')"
        ".textContent)).observe(document.querySelector('[data-pb-timer-said]'), "
        "{childList: true, characterData: true, subtree: true})"
    )
    page.locator("[data-pb-present]").click()
    assert timer.inner_text() == "15:00" and timer.is_visible()
    page.clock.run_for("01:00")
    assert timer.inner_text() == "14:00"

    page.keyboard.press("p")
    page.clock.run_for("05:00")
    assert timer.inner_text() == "14:00", "a paused timer keeps counting"
    assert "pb-timer--paused" in (timer.get_attribute("class") or "")
    page.keyboard.press("p")

    page.clock.run_for("11:59")
    assert timer.inner_text() == "02:01" and "pb-timer--soon" not in (timer.get_attribute("class") or "")
    page.clock.run_for("00:01")
    assert timer.inner_text() == "02:00" and "pb-timer--soon" in (timer.get_attribute("class") or "")
    page.clock.run_for("02:00")
    classes = timer.get_attribute("class") or ""
    assert timer.inner_text() == "00:00" and "pb-timer--over" in classes and "pb-timer--soon" not in classes
    page.clock.run_for("01:05")
    assert timer.inner_text() == "+01:05" and "pb-timer--over" in (timer.get_attribute("class") or "")  # counts over

    assert page.evaluate("heard") == [
        "Timer started: 15 minutes.", "Timer paused. Press P to continue.", "Timer running.",
        "Two minutes left.", "Time is up.",
    ]  # the key moments only, never the seconds
    assert said.get_attribute("aria-live") == "polite" and timer.get_attribute("role") == "timer"
    page.close()


def test_timer_pauses_with_the_p_key_of_an_arabic_keyboard(browser, server: str, at, sample_site: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.clock.install()
    page.goto(f"{server}/{at('jamal-carter')}/passage/", wait_until="networkidle")
    page.locator("[data-pb-present]").click()
    page.clock.run_for("00:10")
    page.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ح', code: 'KeyP', bubbles: true}))")
    page.clock.run_for("01:00")
    assert page.locator("[data-pb-timer]").inner_text() == "14:50"
    assert page.locator("[data-pb-timer-said]").text_content() == "المؤقّت متوقّف. اضغط P للمتابعة."
    page.close()
