"""`portfolio keepsake`: one zip per student that opens from files, offline; built for real, opened in Chromium."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from classmaker import jpeg_bytes, make_class
from conftest import SAMPLE, run_portfolio, site_of
from PIL import Image
from sitecheck import tree_digest

PIECES = {
    "bugs/draft-1.md": (
        {"title": "Beetle draft 1", "date": "2026-10-01", "series": "beetle", "targets": {"sci-draw": 1},
         "media": [{"file": "d1.jpg", "alt": "A first beetle"}], "passage": "growth", "celebrate": True,
         "share": "class"},
        "My first beetle. Then I tried [the next one](draft-2.md).",
    ),
    "bugs/draft-2.md": (
        {"title": "Beetle draft 2", "date": "2026-10-08", "series": "beetle", "targets": {"sci-draw": 3},
         "media": [{"file": "d2.jpg", "alt": "A better beetle"}], "passage": ["growth", "character"],
         "celebrate": True, "share": "family"},
        "Now with **legs** and antennae.",
    ),
    "diary.md": (
        {"title": "KEEPSAKEPRIVATECANARY diary", "date": "2026-10-02", "share": "private",
         "targets": ["ela-argument"], "media": [{"file": "secret.jpg", "alt": "secret"}]},
        "KEEPSAKEPRIVATEBODY",
    ),
}  # fmt: skip


def _class(folder: Path) -> Path:
    return make_class(
        folder,
        {
            "ana": {
                "student": {"name": "Ana Keeps", "grade": 8, "photo": {"file": "me.jpg", "alt": "Ana"}},
                "about": "I like *beetles*.",
                "pieces": PIECES,
                "files": {"bugs/d1.jpg": jpeg_bytes((900, 600), "navy"), "bugs/d2.jpg": jpeg_bytes((900, 600), "teal"),
                          "secret.jpg": jpeg_bytes((300, 200), "red"), "me.jpg": jpeg_bytes((400, 400), "orange")},
            },
            "carla": {
                "student": {"name": "Carla Guarda", "grade": 8, "language": "es"},
                "pieces": {"ensayo.md": ({"title": "Mi ensayo", "date": "2026-10-10", "targets": {"ela-argument": 2},
                                          "share": "family"}, "Mis palabras.")},
            },
        },
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny class's keepsakes, made with the real command; the class folder stays untouched."""
    tmp = tmp_path_factory.mktemp("keepsake")
    root = _class(tmp / "class")
    before = tree_digest(root)
    result = run_portfolio("keepsake", str(root), "-o", str(tmp / "zips"), cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert tree_digest(root) == before, "keepsake wrote into the class folder"
    assert "2 keepsake(s) made" in result.stdout
    return root, tmp / "zips"


def _entries(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _file_links(entries: dict[str, bytes]) -> list[str]:
    """Every internal href/src of every page that does not name a file of the zip (a folder counts as broken)."""
    broken = []
    for name in (n for n in entries if n.endswith(".html")):
        links = _Links()
        links.feed(entries[name].decode("utf-8"))
        for url in links.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("#"):
                continue
            if _normalize(PurePosixPath(name).parent / unquote(parts.path)) not in entries:
                broken.append(f"{name} → {url}")
    return broken


class _Links(HTMLParser):
    """The href, src and srcset addresses of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        self.urls += [found[key] for key in ("href", "src") if key in found]
        self.urls += [part.strip().split(" ")[0] for part in found.get("srcset", "").split(",") if part.strip()]


def _normalize(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def test_zip_holds_the_family_site_and_a_note(made: tuple[Path, Path]) -> None:
    _, zips = made
    assert sorted(p.name for p in zips.iterdir()) == ["ana.zip", "carla.zip"]
    entries = _entries(zips / "ana.zip")
    for page in ["index.html", "passage/index.html", "targets/index.html", "targets/sci-draw/index.html",
                 "gallery/index.html", "work/index.html", "work/bugs/draft-1/index.html",
                 "work/bugs/draft-2/index.html", "search/search_index.js", "search/search_worker.js",
                 "assets/portfolio.js"]:
        assert f"ana/{page}" in entries, page
    assert [n for n in entries if n.startswith("ana/media/") and n.endswith(".jpg")], "no photos"
    assert set(entries) - {"README.txt"} == {n for n in entries if n.startswith("ana/")}
    note = entries["README.txt"].decode("utf-8-sig")
    assert "index.html" in note and "Ana Keeps" in note and '"ana"' in note and "private" in note
    assert "pb-root:" not in "".join(v.decode("utf-8", "replace") for n, v in entries.items() if n.endswith(".html"))


def test_every_internal_link_names_a_file_of_the_zip(made: tuple[Path, Path]) -> None:
    _, zips = made
    for zip_path in sorted(zips.glob("*.zip")):
        entries = _entries(zip_path)
        assert _file_links(entries) == [], zip_path.name
        text = entries[f"{zip_path.stem}/work/index.html"].decode()
        assert re.search(r'href="(?![a-z]+:)[^"]*/["#]', text) is None  # no link to a folder, even a working one


def test_nothing_private_in_any_byte(made: tuple[Path, Path]) -> None:
    _, zips = made
    for zip_path in zips.glob("*.zip"):
        raw = zip_path.read_bytes()
        for name, data in _entries(zip_path).items():
            for canary in (b"KEEPSAKEPRIVATE", b"secret"):
                assert canary not in data and canary.decode() not in name, (zip_path.name, name)
            if name.endswith(".jpg"):
                assert not _mostly_red(data), name  # the private photo is the only red one
        assert b"KEEPSAKEPRIVATE" not in raw
    for name, data in _entries(zips / "carla.zip").items():  # one student's keepsake holds nothing of another
        assert b"Ana Keeps" not in data and b"Beetle" not in data, name


def test_note_and_pages_in_the_students_language(made: tuple[Path, Path]) -> None:
    _, zips = made
    entries = _entries(zips / "carla.zip")
    assert "LEEME.txt" in entries and "README.txt" not in entries
    note = entries["LEEME.txt"].decode("utf-8-sig")
    assert "Carla Guarda" in note and "sin internet" in note and '"carla"' in note
    assert parse_lang(entries["carla/index.html"]) == "es"


def parse_lang(page: bytes) -> str | None:
    found = re.search(rb'<html[^>]*\blang="([^"]+)"', page)
    return found.group(1).decode() if found else None


def test_zip_is_the_same_byte_for_byte_each_time(made: tuple[Path, Path], tmp_path: Path) -> None:
    root, zips = made
    result = run_portfolio("keepsake", str(root), "--student", "ana", "-o", str(tmp_path / "again"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again" / "ana.zip").read_bytes() == (zips / "ana.zip").read_bytes()
    with zipfile.ZipFile(zips / "ana.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert all(not i.extra and not i.comment and not i.is_dir() for i in infos)
    assert not list((tmp_path / "again").glob(".*")), "a partial zip was left behind"


def test_sample_student_keepsake_has_every_page_of_the_site(sample_site: Path, tmp_path: Path) -> None:
    result = run_portfolio("keepsake", str(SAMPLE), "--student", "lea-martin", "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = _entries(tmp_path / "lea-martin.zip")
    web = site_of(sample_site, "lea-martin")
    pages = {p.relative_to(web).as_posix() for p in web.rglob("index.html")}
    assert pages and {f"lea-martin/{p}" for p in pages} <= set(entries)
    assert _file_links(entries) == []
    private = (SAMPLE / "lea-martin" / "2026-11-02-almost-didnt-share.md").read_text(encoding="utf-8")
    title = re.search(r"^title: *(.+)$", private, re.M)
    assert title is not None
    for name, data in entries.items():
        assert title.group(1).strip().strip("\"'").encode() not in data, name


def test_unknown_student_and_output_inside_the_class_are_refused(made: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = made
    result = run_portfolio("keepsake", str(root), "--student", "anna", "-o", str(tmp_path / "k"), cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean `ana`" in result.stderr
    before = tree_digest(root)
    result = run_portfolio("keepsake", str(root), "-o", str(root / "zips"), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "outside the class folder" in result.stderr
    assert tree_digest(root) == before


def test_content_errors_exit_1_and_the_rest_is_made(tmp_path: Path) -> None:
    root = _class(tmp_path / "class")
    (root / "carla" / "broken.md").write_text("---\ntitle: Broken\ndate: not-a-date\n---\nText\n", encoding="utf-8")
    result = run_portfolio("keepsake", str(root), "-o", str(tmp_path / "zips"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert re.search(r"carla/broken\.md:\d+: error: ", result.stderr), result.stderr
    assert sorted(p.name for p in (tmp_path / "zips").iterdir()) == ["ana.zip", "carla.zip"]


def _mostly_red(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        red, green, blue = image.convert("RGB").resize((1, 1)).getpixel((0, 0))  # type: ignore[misc]
    return red > 180 and green < 80 and blue < 80


# --- in Chromium, from file://, with every other request refused ---------------------------


@pytest.mark.browser
def test_keepsake_works_offline_in_a_browser(browser, made: tuple[Path, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, zips = made
    with zipfile.ZipFile(zips / "ana.zip") as archive:
        archive.extractall(tmp_path)
    home = (tmp_path / "ana" / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    refused: list[str] = []

    def only_files(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(home, wait_until="load")
    assert page.locator("h1").count() >= 1
    assert page.evaluate("[...document.images].every(i => !i.complete || i.naturalWidth > 0)")

    # the navigation leads to the passage page, a file; present mode runs and moves a slide
    page.locator(".md-tabs a, .md-nav a").filter(has_text="Passage").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/ana/passage/index.html")
    button = page.locator("[data-pb-present]")
    button.focus()
    page.keyboard.press("Enter")
    counter = page.locator("[data-pb-counter]")
    total = counter.inner_text().split(" / ")[1]
    assert counter.inner_text() == f"1 / {total}"
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == f"2 / {total}"
    page.keyboard.press("Escape")

    # a piece, through the gallery's lightbox
    page.goto((tmp_path / "ana" / "gallery" / "index.html").as_uri(), wait_until="load")
    page.locator(".pb-card a").first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("[data-pb-lightbox]")
    assert dialog.is_visible()
    dialog.locator("a.md-button").click()
    page.wait_for_load_state("load")
    assert re.search(r"/ana/work/bugs/draft-\d/index\.html$", page.url), page.url
    assert page.locator("h1").inner_text().startswith("Beetle draft")
    assert page.evaluate("[...document.images].every(i => !i.complete || i.naturalWidth > 0)")

    # search, from files: the index is a script and the worker starts from a Blob URL
    page.keyboard.press("/")
    page.keyboard.type("antennae", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "Beetle draft 2" in result.inner_text()
    result.locator("a").first.click()
    page.wait_for_load_state("load")
    assert "/ana/work/bugs/draft-2/index.html" in page.url

    context.close()
    assert refused == [], "requests that were not for a file of the keepsake"
    assert errors == [], errors
