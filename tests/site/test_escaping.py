"""Untrusted text stays text: markup typed into any field of a class reaches every page as words.

A class is built with the real command where every field a person writes holds a script or an
event handler; no page, no search result and no tooltip may turn it into live markup, and each
value must still be readable, escaped once (`&lt;`), never twice (`&amp;lt;`).
The last test checks that every link of every page (404.html too) is relative.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from classmaker import SETTINGS, jpeg_bytes, make_class
from conftest import REPO, run_portfolio, serving

#: The four shapes of attack: a script, an event handler, a break out of <title>, a break out of an attribute.
ATTACKS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</title><script>alert('T')</script>",
    '"><svg onload=alert(1)>',
)


def hostile(field: str) -> str:
    """A value for `field`: a word naming the field (so a test failure says which), then an attack."""
    return f"Q{field} {ATTACKS[sum(map(ord, field)) % len(ATTACKS)]}"


#: A tiny valid WAV file: the audio player shows the media `title`.
WAV = (
    b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00"
    b"@\x1f\x00\x00@\x1f\x00\x00\x01\x00\x08\x00data\x00\x00\x00\x00"
)


def _settings() -> dict[str, Any]:
    """portfolio.yml with markup in the school, the class, the year, the scale and the whole passage."""
    return {
        **SETTINGS,
        "school": hostile("school"),
        "class": hostile("class"),
        "year": hostile("year"),
        "share": "class",
        "scale": [{"level": n, "label": hostile(f"level{n}")} for n in (1, 2, 3, 4)],
        "units": [{"id": "bridges", "title": hostile("unittitle")}],
        "passage": {
            "title": hostile("passagetitle"),
            "question": hostile("question"),
            "sections": [
                {"id": "growth", "title": hostile("sectiontitle"), "prompt": hostile("prompt"), "min": 1},
            ],
        },
    }


def _targets() -> list[dict[str, Any]]:
    """targets.yml with markup in statements, subjects and standards."""
    return [
        {"id": "sci-observe", "statement": hostile("statement"), "subject": hostile("targetsubject"),
         "standard": hostile("standard")},
        {"id": "sci-draw", "statement": hostile("childstatement"), "subject": hostile("targetsubject"),
         "kind": "supporting", "parent": "sci-observe"},
    ]  # fmt: skip


def _piece(title: str, day: int, series: str = "bridge", unit: str | None = None) -> dict[str, Any]:
    """A piece's front matter with markup in every field, celebrated and shared with the class."""
    return {
        **({"unit": unit} if unit else {}),  # the galleries' unit headings: the unit's title and "More work"
        "title": title,
        "date": f"2026-10-{day:02d}",
        "subject": hostile("subject"),
        "series": series,
        "celebrate": True,
        "share": "class",
        "targets": {"sci-observe": {"level": 3, "self": 2}, "sci-draw": 2},
        "passage": ["growth"],
        "media": [
            {"file": "photo.jpg", "alt": hostile("alt"), "caption": hostile("caption")},
            {"file": "sound.wav", "title": hostile("audiotitle"), "caption": hostile("audiocaption")},
            {"url": "https://example.org/video", "title": hostile("linktitle")},
        ],
        "feedback": [
            {"from": hostile("from"), "role": "teacher", "text": hostile("feedback")},
            {"from": "A peer", "role": "peer", "text": hostile("peerfeedback")},
        ],
    }


#: A reflection whose headings (the table of contents) and text hold escaped markup and code.
BODY = (
    "## Notes &lt;img src=x onerror=alert(1)&gt;\n\nI wrote &lt;script&gt;alert(1)&lt;/script&gt; on the board.\n\n"
    "## Code `<script>alert(1)</script>`\n\nDone.\n"
)


def hostile_class(root: Path) -> Path:
    """A class of one student, Maya, with markup in every field a student or teacher writes."""
    student = {
        "name": hostile("name"),
        "grade": hostile("grade"),
        "pronouns": hostile("pronouns"),
        "photo": {"file": "me.jpg", "alt": hostile("photoalt")},
        "goals": [{
            "goal": hostile("goal"), "target": "sci-observe", "by": "2026-12-18",
            "checkins": [{"date": "2026-10-20", "note": hostile("note")}],
        }],
    }  # fmt: skip
    spec = {
        "student": student,
        "about": "About &lt;svg onload=alert(1)&gt; me.",
        "pieces": {
            "bridge-1.md": (_piece(hostile("title"), 1, unit="bridges"), BODY),
            "bridge-2.md": (_piece(hostile("secondtitle"), 9), "Second draft."),
        },
        "files": {"photo.jpg": jpeg_bytes((400, 300)), "me.jpg": jpeg_bytes((300, 300)), "sound.wav": WAV},
    }
    make_class(root, {"maya": spec}, settings=_settings(), targets=_targets())
    return hostile_theme(root)


#: UI words a class may change in its own copy of the theme: nav titles, and page titles our templates print.
WORDS = ("about_me", "passage", "targets", "gallery", "work", "class_gallery", "students", "matrix", "more_work")


def hostile_theme(root: Path) -> Path:
    """The class's own copy of the theme (`themes/portfolio/`), its nav and page titles holding markup."""
    theme = root / "themes" / "portfolio"
    shutil.copytree(REPO / "themes" / "portfolio", theme)
    words = yaml.safe_load((theme / "locales" / "en.yml").read_text(encoding="utf-8"))
    words.update({key: hostile(key) for key in WORDS})
    (theme / "locales" / "en.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    return root


#: Every value written above, as a reader must see it (words, not markup).
FIELDS = [
    "school", "class", "year", "level1", "level2", "level3", "level4", "photoalt",
    "passagetitle", "question", "sectiontitle", "prompt", "statement", "unittitle",
    "targetsubject", "standard", "childstatement", "subject", "alt", "caption", "audiotitle", "linktitle",
    "from", "feedback", "peerfeedback", "name", "grade", "pronouns", "goal", "note", "title", "secondtitle",
    *WORDS,
]  # fmt: skip


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile class, built once by the real command."""
    work = tmp_path_factory.mktemp("hostile")
    root = hostile_class(work / "class")
    result = run_portfolio("build", str(root), "-o", str(work / "site"), cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "site"


# --- what a browser would make of a page --------------------------------------------------


class LiveMarkup(HTMLParser):
    """What a browser makes of a page: what would run (scripts calling alert, on* handlers, <img src=x>),
    and the words a reader sees (text, alt, aria-label...).

    With mkdocs-material's `content.tooltips` on, a `title` attribute is shown as HTML: its value
    is parsed again, like the browser does when the tooltip opens.
    """

    def __init__(self, tooltips: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.tooltips = tooltips
        self.live: list[str] = []
        self.text: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        handlers = [name for name, _ in attrs if name.startswith("on")]
        if handlers:
            self.live.append(f"<{tag} {' '.join(handlers)}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("<img src=x>")
        if tag == "script":
            self._script = []
        for name, value in attrs:
            if name == "title" and value and self.tooltips:
                self._tooltip(value)
            elif value:
                self.text.append(value)  # alt, aria-label: read out as words

    def _tooltip(self, value: str) -> None:
        shown = LiveMarkup(tooltips=False)
        shown.feed(value)
        shown.close()
        self.live += [f"tooltip {live}" for live in shown.live]
        self.text += shown.text

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if "alert" in "".join(self._script):
                self.live.append("<script>alert</script>")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)


def read_page(path: Path) -> LiveMarkup:
    """Parse a page; its title attributes as tooltips when mkdocs-material's `content.tooltips` is on."""
    page = path.read_text(encoding="utf-8")
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.DOTALL)
    if config is None:  # not a mkdocs-material page (the teacher's pages): tooltips only where a script could make them
        tooltips = "<script" in page
    else:
        tooltips = "content.tooltips" in json.loads(config.group(1)).get("features", [])
    parser = LiveMarkup(tooltips)
    parser.feed(page)
    parser.close()
    return parser


def html_files(site: Path) -> list[Path]:
    """Every page of the sites, and the teacher's pages beside them (cards, matrix)."""
    return sorted([*site.rglob("*.html"), *(site.parent / "teacher").rglob("*.html")])


# --- the tests --------------------------------------------------------------------------


def test_no_page_holds_live_markup(hostile_site: Path) -> None:
    """Each page, 404.html included, with its <title>, header, nav, cards and templates."""
    found = {str(p.relative_to(hostile_site.parent)): read_page(p).live for p in html_files(hostile_site)}
    assert len(found) > 10
    assert {page: live for page, live in found.items() if live} == {}


def test_every_value_is_still_shown_as_text(hostile_site: Path) -> None:
    """Escaping must not drop a value: each one reads, as typed, somewhere in the sites."""
    words = "\n".join(t for p in html_files(hostile_site) for t in read_page(p).text)
    missing = [field for field in FIELDS if hostile(field) not in words]
    assert missing == []


def test_nothing_is_escaped_twice(hostile_site: Path) -> None:
    """`&amp;lt;` would show the reader `&lt;` instead of `<`: no word seen holds an entity."""
    entity = re.compile(r"&(lt|gt|quot|amp|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
    found = {}
    for path in html_files(hostile_site):
        if hits := [t for t in read_page(path).text if entity.search(t)]:
            found[str(path.relative_to(hostile_site))] = hits
    assert found == {}
    for index in hostile_site.rglob("search_index.json"):  # titles and text are HTML there: escaped once
        assert not re.search(r"&amp;(lt|gt|#\d+);", index.read_text(encoding="utf-8")), index


@pytest.mark.parametrize("page", ["maya/work/bridge-1/index.html", "maya/index.html", "index.html"])
def test_title_header_and_headings_show_the_words(hostile_site: Path, page: str) -> None:
    """The raw value is in the page exactly as escaped text where a reader looks for it first."""
    text = (hostile_site / page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
    assert title is not None and "<" not in title.group(1)
    assert "&lt;" in title.group(1)
    assert "&lt;script&gt;alert(1)" in text or "&lt;img src=x onerror=alert(1)&gt;" in text


#: Student markdown that writes `title` attributes: a link title, an abbreviation, raw HTML.
TITLED = (
    '[source](https://example.org "<img src=x onerror=alert(2)>")\n\n'
    '<span title="&lt;img src=x onerror=alert(3)&gt;">hover me</span>\n\n'
    "The HTML page.\n\n*[HTML]: <img src=x onerror=alert(4)>\n"
)


def test_title_attributes_of_student_html_stay_text(tmp_path: Path) -> None:
    """A reflection's `title` attributes, on the piece page and the passage page, open no markup as tooltips."""
    piece = {"title": "Titled", "date": "2026-10-01", "targets": ["sci-observe"], "passage": ["growth"]}
    root = make_class(tmp_path / "class", {"maya": {"pieces": {"titled.md": (piece, TITLED)}}})
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = ["maya/work/titled/index.html", "maya/passage/index.html"]
    assert {page: read_page(tmp_path / "site" / page).live for page in pages} == {page: [] for page in pages}


def _search_documents(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for index in site.rglob("search/search_index.json"):
        docs += json.loads(index.read_text(encoding="utf-8"))["docs"]
    return docs


def test_search_index_holds_words_not_markup(hostile_site: Path) -> None:
    """mkdocs-material renders result titles and text as HTML: the index must hold them escaped."""
    docs = _search_documents(hostile_site)
    assert docs
    markup = re.compile(r"<\s*/?\s*(script|img|svg|title)\b", re.IGNORECASE)
    assert [d for d in docs if markup.search(d["title"]) or markup.search(d["text"])] == []
    titles = "\n".join(d["title"] for d in docs)
    assert "Qtitle &lt;/title&gt;&lt;script&gt;" in titles
    assert "Notes &lt;img src=x onerror=alert(1)&gt;" in titles


def test_links_are_relative_on_every_page(sample_site: Path) -> None:
    """A site may live in a sub-folder of its host (a class site holds one per student): no link may start at /."""
    absolute = re.compile(r"""\b(?:href|src|srcset|action)\s*=\s*["']?/""", re.IGNORECASE)
    found = {}
    for path in html_files(sample_site):
        if hits := absolute.findall(path.read_text(encoding="utf-8")):
            found[str(path.relative_to(sample_site))] = len(hits)
    assert found == {}


def test_links_of_404_pages_lead_somewhere(sample_site: Path) -> None:
    """404.html of each site, opened where it lies, links to pages and assets that exist."""
    pages = sorted(sample_site.rglob("404.html"))
    assert len(pages) > 1
    for page in pages:
        links = re.findall(r"""\b(?:href|src)="([^"#?]+)""", page.read_text(encoding="utf-8"))
        local = [link for link in links if not re.match(r"[a-z]+:", link)]
        assert local
        broken = [link for link in local if not _resolves(page, link)]
        assert broken == [], page


def _resolves(page: Path, link: str) -> bool:
    target = page.parent / posixpath.normpath(link)
    return target.is_file() or (target / "index.html").is_file()


# --- in a real browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


@pytest.mark.browser
def test_no_dialog_opens_in_a_browser(browser, hostile_server: str) -> None:  # type: ignore[no-untyped-def]
    """Open each kind of page and search for the payload: a script that ran would open an alert()."""
    dialogs: list[str] = []
    paths = ["", "gallery/", "404.html", "maya/", "maya/passage/", "maya/targets/",
             "maya/targets/sci-observe/", "maya/gallery/", "maya/work/", "maya/work/bridge-1/",
             "maya/404.html"]  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    def seen(dialog: Any) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", seen)
    for path in paths:
        page.goto(f"{hostile_server}/{path}", wait_until="networkidle")
    for word in ("Qtitle", "Notes", "board"):  # titles, a heading of a reflection, its text
        _search(page, f"{hostile_server}/maya/", word)
    page.close()
    assert dialogs == []


def _search(page: Any, url: str, word: str) -> None:
    """Type into mkdocs-material's search box and wait for results: it renders their titles as HTML."""
    page.goto(url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(word, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # let every result render
    assert word.lower() in results.first.inner_text().lower()
