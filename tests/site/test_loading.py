"""What a first visit downloads, and how the page settles: one stylesheet, our script only where a page runs it,
mkdocs-material's script only once a person does something, and search, drawer and present mode still working.
(benchmarks/lighthouse.py measures the result; no timing is asserted here.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import page_types, pages

#: Pages our own script runs something on (present mode, lightbox, subject filter).
SCRIPTED = ("passage", "conference", "gallery", "work")


def test_every_page_links_one_stylesheet_and_no_material_script(sample_site: Path) -> None:
    for page in pages(sample_site):
        text = page.read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
        assert len(sheets) == 1 and re.search(r"assets/stylesheets/main\.\w+\.min\.css$", sheets[0]), (page, sheets)
        assert not re.search(r'<script src="[^"]*bundle\.\w+\.min\.js"', text), page
        if page.name == "404.html":
            continue
        assert re.search(r'const bundle = "[^"]*assets/javascripts/bundle\.\w+\.min\.js"', text), page


def test_our_script_only_on_the_pages_that_run_it(sample_site: Path) -> None:
    for page in pages(sample_site):
        kind = page.parent.name if page.parent.parent.name != "work" else "piece"
        has = bool(re.search(r'<script src="[^"]*assets/portfolio\.js"', page.read_text(encoding="utf-8")))
        assert has == (kind in SCRIPTED), page


def test_one_stylesheet_holds_the_theme_and_no_unread_custom_property(sample_site: Path) -> None:
    [sheet] = (sample_site / "assets" / "stylesheets").glob("main.*.min.css")
    css = sheet.read_text(encoding="utf-8")
    assert ".pb-card__media{" in css and ".md-header{" in css  # ours and mkdocs-material's
    assert css.index(".md-header{") < css.index(".pb-card__media{")  # ours wins where both set something
    declared = set(re.findall(r"[{;](--[\w-]+):", css))
    read = set(re.findall(r"var\((--[\w-]+)", css))
    assert declared <= read, sorted(declared - read)
    assert "--md-mermaid" not in css and "--md-source-stars-icon" not in css  # features never turned on
    assert not (sample_site / "assets" / "portfolio.css").exists()


def test_combine_keeps_what_is_read_and_strings_as_written() -> None:
    from portfolio_builder.site.stylesheet import combine

    material = ":root{--a:red;--b:var(--c);--c:blue;--d:var(--e);--e:green}.x{color:var(--b)}.highlight{color:red}"
    theme = '/* ours */\n.y  >  .z {\n  content: "→  " ;\n  margin: 0 ,  1px;\n}\n'
    theme += "@media (max-width: 30em) { .y { color: var(--a) } }"
    css = combine(material, theme)
    assert css == (
        ':root{--a:red;--b:var(--c);--c:blue}.x{color:var(--b)}.y>.z{content:"→  ";margin:0,1px}'
        "@media (max-width: 30em){.y{color:var(--a)}}"
    )


# --- in Chromium ------------------------------------------------------------------------------------------------


def _phone(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, requested, errors


@pytest.mark.browser
def test_material_script_comes_with_the_first_touch_and_search_finds(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    page, requested, errors = _phone(browser, f"{server}/{at('maya-rodriguez')}/")
    assert not [u for u in requested if "bundle." in u or "portfolio.js" in u], requested
    assert page.evaluate("document.documentElement.className.split(' ')") == ["no-js", "pb-js"]
    page.locator("label.md-header__button[for='__search']").tap()  # the magnifier shows before any script
    page.wait_for_function("document.activeElement.matches('[data-md-component=search-query]')")
    page.keyboard.type("pollinator", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "pollinator" in result.inner_text().lower()
    assert [u for u in requested if "bundle." in u]
    assert errors == []
    page.close()


@pytest.mark.browser
def test_drawer_opens_on_a_phone_with_css_alone(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    page, _, errors = _phone(browser, f"{server}/{at('lea-martin')}/")
    page.route("**/bundle.*.min.js", lambda route: route.abort())  # as if the script never came
    page.locator(".md-header label[for='__drawer']").tap()
    page.wait_for_timeout(600)  # the drawer slides in
    link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Passage")
    box = link.first.bounding_box()
    assert box is not None and 0 <= box["x"] < 390 and box["width"] > 50, box
    link.first.click()
    page.wait_for_url("**/passage/")
    assert page.locator("[data-pb-present]").is_visible()
    assert errors == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_keys_typed_before_the_script_reach_the_search(browser, server: str, at, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{server}/{at('lea-martin')}/targets/", wait_until="networkidle")
    page.keyboard.press("s")  # mkdocs-material's shortcut, before its script is there
    page.keyboard.type("butterfly", delay=10)
    assert page.locator("[data-md-component=search-query]").input_value() == "butterfly"
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.close()


@pytest.mark.browser
def test_every_page_type_runs_without_errors_once_material_has_loaded(  # type: ignore[no-untyped-def]
    browser, server: str, sample_site: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in page_types(sample_site):
        page.goto(f"{server}/{path}", wait_until="networkidle")
        page.mouse.move(200, 200)  # a person: mkdocs-material's script comes
        page.wait_for_function("document.documentElement.classList.contains('js')")
        assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible(), path
    page.close()
    assert errors == []


def test_every_image_has_its_box_and_at_most_one_comes_first(sample_site: Path) -> None:
    """width and height of the largest size (the box before the photo arrives); one `fetchpriority` a page at most."""
    from sitecheck import _Collector

    for page in pages(sample_site):
        collector = _Collector()  # the page as it shows: a lightbox's <template> holds nothing that loads
        collector.feed(re.sub(r"<template.*?</template>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL))
        images = collector.images
        for image in images:
            largest = max(int(c.split()[1][:-1]) for c in (image["srcset"] or "").split(", "))
            assert image.get("width") == str(largest) and int(image.get("height") or 0) > 0, (page, image)
        first = [i for i in images if i.get("fetchpriority") == "high"]
        assert len(first) <= 1 and all(i.get("loading") == "eager" for i in first), page
        hero = [i for i in images if i["class"] == "pb-hero__photo"]
        cards = [i for i in images if i["class"] == "pb-card__img"]
        if hero:
            assert first == hero, page  # the student's photo at the top of home, passage and conference
        elif cards and page.parent.name in ("gallery", "work"):
            assert first == cards[:1], page  # the first card with a picture


def test_cards_carry_the_lightbox_only_in_a_gallery(sample_site: Path) -> None:
    for page in pages(sample_site):
        text = page.read_text(encoding="utf-8")
        if 'class="pb-card"' in text:
            assert ("<template" in text) == ("data-pb-lightbox" in text), page


#: Lighthouse's phone (a Moto G Power): 412 × 823 CSS px at DPR 1.75.
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
WATCH = """
window.pbShifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.pbShifts.push(e.value);  /* no input here: touch emulation marks some */
}).observe({type: "layout-shift", buffered: true});
window.pbLargest = null;
new PerformanceObserver(list => {
  const e = list.getEntries().at(-1);
  window.pbLargest = e.element && e.element.tagName === "IMG"
    ? {img: true, priority: e.element.getAttribute("fetchpriority"), loading: e.element.getAttribute("loading")}
    : {img: false};
}).observe({type: "largest-contentful-paint", buffered: true});
"""


def _every_kind(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The class pages and every page type of a student with photos, a conference page and a series of drafts."""
    lea = at("lea-martin")
    kinds = ["", "passage/", "conference/", "targets/", "targets/sci-observe/", "gallery/", "work/"]
    kinds.append("work/butterfly/draft-4/")
    return ["", "gallery/", *(f"{lea}/{kind}" for kind in kinds), f"{at('jamal-carter')}/"]


@pytest.mark.browser
def test_nothing_moves_while_photos_arrive_and_the_largest_comes_first(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    """Photos held back until the page has painted: every box is there already, no layout shift; an image that is the
    largest paint is on the first screen, fetched at once, never lazily."""
    import time

    context = browser.new_context(**PHONE)
    context.add_init_script(WATCH)

    def late(route):  # type: ignore[no-untyped-def]
        time.sleep(0.25)
        route.continue_()

    context.route(re.compile(r".*/media/.*\.jpg$"), late)
    page = context.new_page()
    for path in _every_kind(at):
        page.goto(f"{server}/{path}", wait_until="networkidle")
        page.wait_for_timeout(300)
        assert page.evaluate("window.pbShifts") == [], path
        largest = page.evaluate("window.pbLargest")
        assert largest is not None, path
        if largest["img"]:
            assert largest["loading"] == "eager", (path, largest)  # Lighthouse: lcp-lazy-loaded
    context.close()


def test_pages_come_without_the_templates_indentation(sample_site: Path) -> None:
    from portfolio_builder.site.plugin import _compact

    for page in pages(sample_site):
        text = re.sub(r"<(pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.search(r"\n[ \t]|\n\n", text), page
    pre, code = "<pre>x\n    y</pre>", "<code>a  \n  b</code>"
    compacted = _compact(f"<div>\n    <p>one\n\n    two</p>\n  {pre}\n  {code}</div>")
    assert compacted == f"<div>\n<p>one\ntwo</p>\n{pre}\n{code}</div>"


@pytest.mark.browser
def test_a_phone_fetches_thumbnails_at_their_size(browser, server: str, at) -> None:  # type: ignore[no-untyped-def]
    """Lighthouse's phone: the profile photo (140 px) and the cards (half the column) come in their 320 px size,
    the piece's photo (the column) in 720 px: what `sizes` says matches the layout."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/{at('lea-martin')}/", wait_until="networkidle")
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    width = "i => [i.className, i.currentSrc.replace(/.*-(\\d+)\\.jpg$/, '$1')]"
    chosen = page.evaluate(f"[...document.images].map({width})")
    assert ["pb-hero__photo", "320"] in chosen, chosen
    assert {width for kind, width in chosen if kind == "pb-card__img"} == {"320"}, chosen
    page.goto(f"{server}/{at('lea-martin')}/work/butterfly/draft-4/", wait_until="networkidle")
    assert page.evaluate("document.querySelector('.pb-media img').currentSrc").endswith("-720.jpg")
    context.close()
