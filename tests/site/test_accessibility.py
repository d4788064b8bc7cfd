"""Every page type passes axe-core's WCAG 2.1 A/AA rules with no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitecheck import page_types

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_passes_axe(browser, server: str, sample_site: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {}
    for path in [*page_types(sample_site), "sofia-hernandez/"]:
        page.goto(f"{server}/{path}", wait_until="networkidle")
        if problems := _violations(page):
            found[path] = problems
    page.close()
    assert found == {}


def test_present_mode_and_lightbox_pass_axe(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/{at('maya-rodriguez')}/passage/", wait_until="networkidle")
    page.locator("[data-pb-present]").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert _violations(page) == []
    page.goto(f"{server}/gallery/", wait_until="networkidle")
    page.locator(".pb-card a").first.focus()
    page.keyboard.press("Enter")  # by keyboard: no hover state mid-transition under the pointer
    page.wait_for_timeout(400)  # let mkdocs-material's colour transitions finish before measuring contrast
    assert _violations(page) == []
    page.close()


def test_keyboard_focus_is_visible(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/gallery/", wait_until="networkidle")
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
        )
        tag, outline, width, shadow = style
        if tag in ("A", "BUTTON", "INPUT"):
            seen += 1
            assert (outline != "none" and width != "0px") or shadow != "none", style
    assert seen >= 10
    page.close()
