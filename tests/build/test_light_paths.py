"""The quick paths of a build stay correct: what they skip is never what changed (docs/scale.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from classmaker import SETTINGS, jpeg_bytes, make_class, write_doc
from conftest import run_portfolio, site_of

from portfolio_builder.cache import unseal

SECRET_SETTINGS = {**SETTINGS, "links": "secret", "site_url": "https://riverside.example/crew8b/"}
PIECE = {"title": "Essay", "date": "2026-10-01", "targets": ["ela-argument"]}

#: Run the real command in this process, then name the heavy libraries it loaded.
LOADED = """
import runpy, sys
sys.argv = ["portfolio", *sys.argv[1:]]
try:
    runpy.run_module("portfolio_builder", run_name="__main__")
except SystemExit as exit:
    code = exit.code
heavy = ("mkdocs.", "material.", "pydantic", "PIL", "jinja2", "markdown")  # the packages' own version: cheap
print(code, sorted({name.split(".")[0] for name in sys.modules if name.startswith(heavy)}))
"""


def _class(tmp_path: Path) -> Path:
    students = {name: {"pieces": {"essay.md": (PIECE, f"{name} wrote this.")}} for name in ("ana", "ben")}
    return make_class(tmp_path / "class", students, SECRET_SETTINGS)


def _build(tmp_path: Path, root: Path) -> None:
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr


def test_a_build_that_changes_nothing_loads_no_renderer(tmp_path: Path) -> None:
    """The second build stats the files and stops: no MkDocs, pydantic, Pillow or Jinja is even imported."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    env = {"PORTFOLIO_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    loaded = subprocess.run(
        [sys.executable, "-c", LOADED, "build", str(root), "-o", "site"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert loaded.stdout.splitlines()[-1] == "0 []", loaded.stdout + loaded.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == before
    (root / "ben" / "essay.md").write_text((root / "ben" / "essay.md").read_text().replace("wrote", "rewrote"))
    changed = subprocess.run(
        [sys.executable, "-c", LOADED, "build", str(root), "-o", "site", "--jobs", "2"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    # The build reads the class (pydantic) and leaves MkDocs and Pillow to its workers.
    last = changed.stdout.splitlines()[-1]
    assert last.startswith("0 ") and "pydantic" in last and "mkdocs" not in last and "PIL" not in last, last
    assert "ben rewrote this." in (site_of(tmp_path / "site", "ben") / "work" / "essay" / "index.html").read_text()


def test_remembered_views_follow_every_edit(tmp_path: Path) -> None:
    """A student's view is made again when what it is made from changed, and never served stale."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text().replace("wrote", "drafted"))
    _build(tmp_path, root)
    ana = site_of(tmp_path / "site", "ana")
    assert "ana drafted this." in (ana / "work" / "essay" / "index.html").read_text()
    (root / "locales").mkdir()
    (root / "locales" / "en.yml").write_text("about_me: All about me\n", encoding="utf-8")
    _build(tmp_path, root)  # only the words changed: every student's view is made again
    for slug in ("ana", "ben"):
        assert "All about me" in (site_of(tmp_path / "site", slug) / "index.html").read_text()


def test_a_forged_record_of_views_is_not_trusted(tmp_path: Path) -> None:
    """views.json is sealed: an edited one (a fingerprint for a changed view) cannot keep a stale page."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    record = tmp_path / "cache" / "views.json"
    assert record.is_file(), "the build remembered no view"
    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text().replace("wrote", "revised"))
    record.write_text('{"any": "forged"}')  # no seal: read as nothing remembered
    _build(tmp_path, root)
    assert "ana revised this." in (site_of(tmp_path / "site", "ana") / "work" / "essay" / "index.html").read_text()


def test_a_forged_qr_code_is_not_printed(tmp_path: Path) -> None:
    """QR codes are kept sealed in the cache: a planted one never reaches the family cards."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    codes = list((tmp_path / "cache" / "qr").glob("*.svg"))
    assert len(codes) == 2
    for code in codes:
        code.write_text("<svg><script>alert('planted')</script></svg>")
    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text() + "\nMore.\n")
    _build(tmp_path, root)
    cards = (tmp_path / "teacher" / "cards" / "index.html").read_text(encoding="utf-8")
    assert "planted" not in cards and cards.count("<svg") == 2


def _files(site: Path) -> dict[str, bytes]:
    files = (p for p in site.rglob("*") if p.is_file() and p.name != ".portfolio-site")  # the marker: fingerprints
    return {str(p.relative_to(site)): p.read_bytes() for p in files}


def test_a_site_begun_while_the_class_is_read_is_the_site_a_whole_build_makes(tmp_path: Path) -> None:
    """An edited student's site renders while the others are read (build/early.py): same pages, nothing left over."""
    root = _class(tmp_path)
    build = ("build", str(root), "-o", "site", "--jobs", "2")
    assert run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache").returncode == 0
    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text().replace("wrote", "rewrote"))
    edited = run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache")
    assert edited.returncode == 0 and "1 student site(s) built, 1 unchanged" in edited.stdout, edited.stdout
    assert "ana rewrote this." in (site_of(tmp_path / "site", "ana") / "work" / "essay" / "index.html").read_text()
    (tmp_path / "fresh" / "teacher").mkdir(parents=True)
    (tmp_path / "fresh" / "teacher" / "links.yml").write_bytes((tmp_path / "teacher" / "links.yml").read_bytes())
    whole = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path / "fresh", cache=tmp_path / "cache2")
    assert whole.returncode == 0, whole.stderr
    assert _files(tmp_path / "site") == _files(tmp_path / "fresh" / "site")
    assert _files(tmp_path / "teacher" / "panel") == _files(tmp_path / "fresh" / "teacher" / "panel")
    # A private piece changes the student but not the site: the render begun for it is dropped.
    (root / "ana" / "diary.md").write_text("---\ntitle: Diary\ndate: 2026-10-02\nshare: private\n---\nSecret.\n")
    private = run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache")
    assert private.returncode == 0 and "0 student site(s) built" in private.stdout, private.stdout
    assert _files(tmp_path / "site") == _files(tmp_path / "fresh" / "site")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_an_edit_makes_one_panel_kit_and_carries_the_others(tmp_path: Path) -> None:
    """A kit whose key did not change is the last build's file (a link); a kit changed by hand is made again."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    panel = tmp_path / "teacher" / "panel"
    pages = {"ana": panel / "ana", "ben": panel / "ben", "cards": tmp_path / "teacher" / "cards",
             "matrix": tmp_path / "teacher" / "matrix"}  # fmt: skip
    before = {name: (folder / "index.html").stat().st_ino for name, folder in pages.items()}
    env = {**os.environ, "PORTFOLIO_CACHE": str(tmp_path / "cache")}
    for slug in ("ana", "ben"):  # Ben's kit, carried by his key in the first edit, keeps its view's key too
        essay = root / slug / "essay.md"
        essay.write_text(essay.read_text().replace("wrote", "rewrote"))
        edit = subprocess.run([sys.executable, "-c", LOADED, "build", str(root), "-o", "site"], cwd=tmp_path,
                              capture_output=True, text=True, env=env)
        loaded = edit.stdout.strip().splitlines()[-1]
        assert loaded.split()[0] == "0" and "jinja2" not in loaded, edit.stdout + edit.stderr
        for name in pages:  # carried over: a text edit changes no card, no level, and no kit (no passage piece)
            assert (pages[name] / "index.html").stat().st_ino == before[name], name
    student = root / "ana" / "student.md"
    student.write_text(student.read_text().replace("name: Ana", "name: Anaïs"))
    _build(tmp_path, root)
    for name in ("ana", "cards", "matrix"):  # her name is on them: made again
        assert "Anaïs" in (pages[name] / "index.html").read_text(), name
    assert (pages["ben"] / "index.html").stat().st_ino == before["ben"]
    (panel / "ben" / "index.html").unlink()
    (panel / "ben" / "index.html").write_text("changed by hand")
    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text().replace("rewrote", "wrote"))
    _build(tmp_path, root)
    assert "<!doctype html>" in (panel / "ben" / "index.html").read_text()  # not carried: its page is not ours


def test_the_edit_after_a_first_build_finds_every_other_view_known(tmp_path: Path) -> None:
    """The first build makes every photo; the edit after it finds them in the photo index. Their view keys
    must be the first build's, or that edit makes the whole class's views again (a pickle writes an object
    met twice as a reference: the index's shared folder Paths once keyed differently from fresh photos)."""
    photos = {f"p{n:02d}.jpg": jpeg_bytes((64, 48), color=f"#{n * 4:02x}{255 - n * 4:02x}80") for n in range(60)}
    album = {"title": "Album", "date": "2026-10-02", "targets": ["ela-argument"],
             "media": [{"file": name, "alt": f"Photo {name}"} for name in photos]}  # 60 photos: some share a folder
    students: dict[str, dict[str, Any]] = {
                "ana": {"pieces": {"essay.md": (PIECE, "ana wrote this."), "album.md": (album, "Photos.")},
                        "files": photos},
                "ben": {"pieces": {"essay.md": (PIECE, "ben wrote this.")}}}  # fmt: skip
    root = make_class(tmp_path / "class", students, SECRET_SETTINGS)
    cache = tmp_path / "cache"

    def known() -> set[str]:
        return set(json.loads(unseal(cache, (cache / "views.json").read_bytes()) or b"{}"))

    _build(tmp_path, root)
    first = known()
    (root / "ben" / "essay.md").write_text((root / "ben" / "essay.md").read_text().replace("wrote", "rewrote"))
    _build(tmp_path, root)
    assert len(first & known()) == 2, "Ana's view and the class view keep their keys"  # Ben's alone is new


@pytest.mark.parametrize("jobs", ["1", "2"])  # rendered after the class is read, or begun while it is (early.py)
def test_an_edited_site_renders_the_pages_that_changed_and_keeps_the_others(tmp_path: Path, jobs: str) -> None:
    """Unchanged pages are taken from the published site (site/kept.py); a change every page shows renders all.

    A comment written into the published pages shows which pages were taken and which were rendered."""
    poem = {"title": "Poem", "date": "2026-10-02", "targets": ["ela-argument"]}
    root = make_class(tmp_path / "class", {
        "ana": {"pieces": {"essay.md": (PIECE, "ana wrote this."), "poem.md": (poem, "Roses.")}},
        "ben": {"pieces": {"essay.md": (PIECE, "ben wrote this.")}},
    }, SECRET_SETTINGS)
    build = ("build", str(root), "-o", "site", "--jobs", jobs)
    assert run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache").returncode == 0
    ana = site_of(tmp_path / "site", "ana")
    pages = [*sorted(ana.rglob("index.html")), ana / "404.html"]
    assert len(pages) > 6
    for page in pages:
        page.write_text(page.read_text() + "<!-- as published -->")

    (root / "ana" / "essay.md").write_text((root / "ana" / "essay.md").read_text().replace("wrote", "rewrote"))
    edited = run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache")
    assert edited.returncode == 0 and "1 student site(s) built, 1 unchanged" in edited.stdout, edited.stdout
    essay = (ana / "work" / "essay" / "index.html").read_text()
    assert "ana rewrote this." in essay and "as published" not in essay  # the edited page is rendered
    taken = [p for p in pages if "as published" in p.read_text()]
    assert {ana / "work" / "poem" / "index.html", ana / "404.html"} <= set(taken), taken
    assert len(taken) >= len(pages) - 3, taken
    records = sorted((tmp_path / "cache" / "pages").iterdir())  # one a site, replaced by each render
    assert len(records) == 2 and not any(ana.name in record.name for record in records), records

    # A new piece changes the nav every page shows: the whole site is rendered.
    write_doc(root / "ana" / "story.md", {**poem, "title": "Story"}, "Once.")
    assert run_portfolio(*build, cwd=tmp_path, cache=tmp_path / "cache").returncode == 0
    assert not [p for p in pages if "as published" in p.read_text()]
