"""Incremental builds: unchanged sites are reused, edits rebuild only what shows them, output stays exact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from classmaker import jpeg_bytes, make_class, write_doc
from conftest import run_portfolio
from sitecheck import tree_digest

from portfolio_builder.build.options import BuildOptions
from portfolio_builder.build.orchestrate import build
from portfolio_builder.build.output import spare_of as _spare
from portfolio_builder.build.state import changes, inputs_digest
from portfolio_builder.site.theme import data_root


def _class(tmp_path: Path) -> Path:
    def pieces(who: str) -> dict:
        return {
            "family.md": ({"title": f"{who} family piece", "date": "2026-10-01", "targets": {"sci-observe": 2},
                           "media": [{"file": "photo.jpg", "alt": "A photo"}]}, "Family words."),
            "class.md": ({"title": f"{who} class piece", "date": "2026-10-02", "targets": {"sci-observe": 3},
                          "share": "class", "celebrate": True}, "Class words."),
        }  # fmt: skip

    students = {
        name: {"pieces": pieces(name), "files": {"photo.jpg": jpeg_bytes((800, 600), color)}}
        for name, color in (("ana", "teal"), ("ben", "navy"), ("cy", "orange"))
    }
    return make_class(tmp_path / "class", students)


def _build(tmp_path: Path, root: Path, out: str = "site") -> dict[str, int]:
    result = run_portfolio("build", str(root), "-o", out, cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    numbers = re.search(r"(\d+) student site\(s\) built, (\d+) unchanged.*\((\d+) processed, (\d+) cached\)",
                        result.stdout)
    assert numbers, result.stdout
    built, unchanged, processed, cached = map(int, numbers.groups())
    return {"built": built, "unchanged": unchanged, "processed": processed, "cached": cached}


def test_no_change_rebuild_reuses_everything(tmp_path: Path) -> None:
    root = _class(tmp_path)
    first = _build(tmp_path, root)
    assert first["built"] == 3
    before = tree_digest(tmp_path / "site")
    index_inode = (tmp_path / "site" / "index.html").stat().st_ino
    again = _build(tmp_path, root)
    assert (again["built"], again["unchanged"], again["processed"]) == (0, 3, 0)
    assert tree_digest(tmp_path / "site") == before
    assert (tmp_path / "site" / "index.html").stat().st_ino == index_inode  # linked, not rendered again


def test_a_class_home_deleted_from_the_published_folder_is_made_again(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    home = tmp_path / "site" / "index.html"
    made = home.read_bytes()
    home.unlink()
    _build(tmp_path, root)  # not "nothing changed": the published folder lost its home page
    assert home.read_bytes() == made


def test_editing_one_piece_rebuilds_only_that_student(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    class_page = (tmp_path / "site" / "index.html").stat().st_ino
    ben_page = (tmp_path / "site" / "ben" / "index.html").stat().st_ino
    write_doc(root / "ana" / "family.md", {"title": "ana family piece, revised", "date": "2026-10-01",
                                           "targets": {"sci-observe": 3}}, "Better words.")
    after = _build(tmp_path, root)
    assert (after["built"], after["unchanged"]) == (1, 2)
    assert (tmp_path / "site" / "ben" / "index.html").stat().st_ino == ben_page
    # the class pages show no family work, so they were not rendered again
    assert (tmp_path / "site" / "index.html").stat().st_ino == class_page
    assert "revised" in (tmp_path / "site" / "ana" / "work" / "family" / "index.html").read_text()
    # and the result is exactly what a cold build makes
    _build(tmp_path, root, out="cold")
    assert _without_marker(tmp_path / "site") == _without_marker(tmp_path / "cold")


def test_editing_a_class_piece_rebuilds_the_class_pages(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    write_doc(root / "ben" / "class.md", {"title": "ben class piece, now celebrated", "date": "2026-10-02",
                                          "targets": {"sci-observe": 3}, "share": "class", "celebrate": True}, "Hi")
    assert _build(tmp_path, root)["built"] == 1
    assert "now celebrated" in (tmp_path / "site" / "gallery" / "index.html").read_text()


def test_adding_a_photo_processes_only_that_photo(tmp_path: Path) -> None:
    root = _class(tmp_path)
    assert _build(tmp_path, root)["processed"] == 3
    (root / "cy" / "new.jpg").write_bytes(jpeg_bytes((900, 700), "purple"))
    write_doc(root / "cy" / "new.md", {"title": "New photo", "date": "2026-11-01", "targets": ["sci-observe"],
                                       "media": [{"file": "new.jpg", "alt": "New"}]})
    after = _build(tmp_path, root)
    assert (after["processed"], after["cached"], after["built"]) == (1, 3, 1)


def _change_theme(root: Path) -> None:
    """The class's own copy of the theme, with one more rule in its CSS: every site is made again."""
    custom = root / "themes" / "portfolio"
    shutil.copytree(data_root() / "themes" / "portfolio", custom)
    css = custom / "overrides" / "assets" / "portfolio.css"
    css.write_text(css.read_text() + "\n.pb-themecanary { color: #123456; }\n")


def test_a_theme_change_rebuilds_every_site(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    _change_theme(root)
    after = _build(tmp_path, root)
    assert after["built"] == 3
    # the theme's CSS is part of the site's one stylesheet (site/stylesheet.py)
    [sheet] = (tmp_path / "site" / "ana" / "assets" / "stylesheets").glob("main.*.css")
    assert ".pb-themecanary{color:#123456}" in sheet.read_text()


def _without_marker(site: Path) -> dict[str, bytes]:
    files = [p for p in site.rglob("*") if p.is_file() and p.name != ".portfolio-site"]
    return {str(p.relative_to(site)): p.read_bytes() for p in files}


def test_no_change_build_reports_the_same_problems_and_exit(tmp_path: Path) -> None:
    root = _class(tmp_path)
    write_doc(root / "ana" / "broken.md", {"title": "No date", "targets": ["sci-observe"]})
    runs = [run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache") for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stderr == runs[1].stderr and "broken.md:1: error: this piece has no date" in runs[1].stderr
    assert "0 student site(s) built, 3 unchanged" in runs[1].stdout
    (tmp_path / "site" / "ben").rename(tmp_path / "ben-moved")  # someone tidied the output by hand
    again = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert again.returncode == 1 and (tmp_path / "site" / "ben" / "index.html").is_file()


def test_remembered_students_keep_their_problems_and_follow_class_changes(tmp_path: Path) -> None:
    root = _class(tmp_path)
    write_doc(root / "ana" / "broken.md", {"title": "No date", "targets": ["sci-observe"]})
    first = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert "broken.md:1: error: this piece has no date" in first.stderr
    # ben changes, ana does not: ana is remembered, and so is her problem
    write_doc(root / "ben" / "family.md", {"title": "ben family piece, revised", "date": "2026-10-01",
                                           "targets": {"sci-observe": 3}}, "Better words.")
    second = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert second.returncode == 1 and second.stderr == first.stderr
    assert "1 student site(s) built, 2 unchanged" in second.stdout
    # nobody's files change, but a target they use is renamed: every student is checked again
    targets = root / "targets.yml"
    targets.write_text(targets.read_text().replace("sci-observe", "sci-notice"))
    third = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    for who in ("ana", "ben", "cy"):
        assert f"{who}/family.md:5: error: there is no target `sci-observe`" in third.stderr, third.stderr
    # fixing ana's piece is seen even though nothing else changed
    write_doc(root / "ana" / "broken.md", {"title": "Dated", "date": "2026-10-05", "targets": ["sci-notice"]})
    fourth = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert "broken.md" not in fourth.stderr
    assert "Dated" in (tmp_path / "site" / "ana" / "work" / "broken" / "index.html").read_text()


def test_a_run_of_edits_always_gives_what_a_cold_build_gives(tmp_path: Path) -> None:
    """Each build starts from the site the one before replaced (kept in the cache): never a stale page."""
    root = _class(tmp_path)
    family = {"date": "2026-10-01", "targets": {"sci-observe": 2}, "media": [{"file": "photo.jpg", "alt": "A photo"}]}
    edits = [
        lambda: write_doc(root / "ana" / "family.md", {**family, "title": "ana, first revision"}, "One."),
        lambda: write_doc(root / "ben" / "family.md", {**family, "title": "ben, first revision"}, "Two."),
        lambda: write_doc(root / "ana" / "family.md", {**family, "title": "ana, now private", "share": "private"}),
        lambda: shutil.rmtree(root / "cy"),  # a student leaves the class
        lambda: write_doc(root / "ben" / "class.md", {"title": "ben class piece, not celebrated",
                                                      "date": "2026-10-02", "targets": ["sci-observe"],
                                                      "share": "class"}),
    ]
    _build(tmp_path, root)
    spare = _spare((tmp_path / "site").resolve(), tmp_path / "cache")
    assert (spare / ".portfolio-site").read_text() == (tmp_path / "site" / ".portfolio-site").read_text()
    for number, edit in enumerate(edits):
        replaced = (tmp_path / "site" / ".portfolio-site").read_text()
        edit()
        _build(tmp_path, root)
        assert (spare / ".portfolio-site").read_text() == replaced  # the next build starts from this one
        _build(tmp_path, root, out=f"cold-{number}")
        assert _without_marker(tmp_path / "site") == _without_marker(tmp_path / f"cold-{number}"), number
    site = tmp_path / "site"
    assert not (site / "cy").exists() and not (site / "ana" / "work" / "family").exists()
    assert "not celebrated" not in (site / "gallery" / "index.html").read_text()


def test_spares_of_sites_that_are_gone_are_cleared(tmp_path: Path) -> None:
    """`portfolio serve` builds into a temporary folder: its spare must not stay in the cache for ever."""
    root = _class(tmp_path)
    _build(tmp_path, root, out="gone")
    gone = _spare((tmp_path / "gone").resolve(), tmp_path / "cache")
    assert (gone / "index.html").is_file()
    shutil.rmtree(tmp_path / "gone")
    _build(tmp_path, root)
    assert not gone.exists() and not gone.with_name(f"{gone.name}.output").exists()
    assert (_spare((tmp_path / "site").resolve(), tmp_path / "cache") / "index.html").is_file()


def test_published_photos_are_links_to_the_cache_that_a_web_server_can_read(tmp_path: Path) -> None:
    """A photo's sizes are hard-linked from the cache (no second copy), with the mode a copied file would have.

    The cache folder is 0700 and its files were 0600: linked as they were, every photo would be
    unreadable to the web server that publishes the site.
    """
    root = _class(tmp_path)
    _build(tmp_path, root)
    photos = [p for p in (tmp_path / "site").rglob("media/*.jpg") if p.is_file()]
    assert photos
    for photo in photos:
        info = photo.stat()
        assert info.st_mode & 0o044 == 0o044, f"{photo} is {oct(info.st_mode)}"  # the umask here is 022
        assert info.st_nlink >= 2, f"{photo} is a copy, not the cache's file"
    cache = {p.stat().st_ino for p in (tmp_path / "cache" / "images").rglob("*.jpg")}
    assert {p.stat().st_ino for p in photos} <= cache


def test_a_build_knows_which_student_folders_changed_since_the_last(tmp_path: Path) -> None:
    """What picks one worker for a one-student edit, and the students read first (build/state.py `changes`)."""
    root = _class(tmp_path)
    site = (tmp_path / "site").resolve()
    options = BuildOptions(root=root, output=site, cache=tmp_path / "cache", teacher=tmp_path / "teacher", jobs=1)
    (tmp_path / "cache").mkdir(mode=0o700)
    assert changes(inputs_digest(root, site, options), site, options) is None  # no build yet: nothing is known
    build(options)

    def changed() -> tuple[list[str], list[str], bool]:
        found = changes(inputs_digest(root, site, options), site, options)
        assert found is not None
        return sorted(found.folders), sorted(found.files), found.elsewhere

    assert changed() == ([], [], False)
    write_doc(root / "ben" / "family.md", {"title": "ben, revised", "date": "2026-10-01"}, "New words.")
    assert changed() == (["ben"], [], False)  # writing only: no photo to make
    (root / "cy" / "more.jpg").write_bytes(jpeg_bytes((640, 480), "green"))
    assert changed() == (["ben", "cy"], ["cy"], False)
    with (root / "portfolio.yml").open("a") as settings:
        settings.write("# a comment\n")
    assert changed()[2]  # the class's own file: every site may change


def test_the_cache_named_by_a_relative_path_is_the_same_cache(tmp_path: Path) -> None:
    """`PORTFOLIO_CACHE=cache` then `PORTFOLIO_CACHE=/full/path/cache`: one folder, so an edit renders one site."""
    root = _class(tmp_path)
    first = run_portfolio("build", str(root), cwd=tmp_path, env={"PORTFOLIO_CACHE": "cache"})
    assert first.returncode == 0 and "3 student site(s) built" in first.stdout, first.stderr
    piece = root / "ana" / "family.md"
    piece.write_text(piece.read_text().replace("Family words.", "New words."))
    after = _build(tmp_path, root)  # the same cache, by its full path
    assert (after["built"], after["unchanged"], after["processed"]) == (1, 2, 0)


def test_a_class_theme_linked_from_a_shared_folder_is_followed_and_its_edits_seen(tmp_path: Path) -> None:
    """`themes/mine` a link to one theme shared by a teacher's classes: students' links stay in their folders,
    the teacher's theme may live anywhere, and an edit to it renders every site again."""
    shared = tmp_path / "shared" / "mine"
    shutil.copytree(data_root() / "themes" / "portfolio", shared)
    root = _class(tmp_path)
    (root / "portfolio.yml").write_text((root / "portfolio.yml").read_text() + "theme: mine\n")
    (root / "themes").mkdir()
    (root / "themes" / "mine").symlink_to(shared)
    assert _build(tmp_path, root)["built"] == 3
    assert _build(tmp_path, root)["built"] == 0
    page = shared / "overrides" / "main.html"
    page.write_text(page.read_text() + "\n{# edited #}\n")
    assert _build(tmp_path, root)["built"] == 3


def test_a_change_to_one_languages_words_rebuilds_only_the_sites_in_that_language(tmp_path: Path) -> None:
    root = _class(tmp_path)
    write_doc(root / "ben" / "student.md", {"name": "Ben", "grade": 8, "language": "es"}, "")
    (root / "locales").mkdir()
    (root / "locales" / "es.yml").write_text("about_me: Sobre mí\n", encoding="utf-8")
    _build(tmp_path, root)
    ana_home = (tmp_path / "site" / "ana" / "index.html").stat().st_ino
    (root / "locales" / "es.yml").write_text("about_me: Quién soy\n", encoding="utf-8")
    after = _build(tmp_path, root)
    assert (after["built"], after["unchanged"]) == (1, 2)  # Ben's site, in Spanish; not Ana's nor Cy's
    assert "Quién soy" in (tmp_path / "site" / "ben" / "index.html").read_text()
    assert (tmp_path / "site" / "ana" / "index.html").stat().st_ino == ana_home
    (root / "locales" / "en.yml").write_text("about_me: All about me\n", encoding="utf-8")
    after = _build(tmp_path, root)
    assert (after["built"], after["unchanged"]) == (2, 1)  # Ana's and Cy's; Ben's `about_me` is his Spanish one
    assert "All about me" in (tmp_path / "site" / "ana" / "index.html").read_text()


def test_mkdocs_finds_the_installed_themes_once_in_a_process_not_once_a_site(tmp_path: Path) -> None:
    import mkdocs.utils

    from portfolio_builder.site import runner, theme

    for _ in range(2):  # a one-page site each time, as a worker's warm-up renders
        runner.warm(theme.theme_dir("portfolio", tmp_path), "en", tmp_path / "cache")
    assert getattr(mkdocs.utils.get_themes, "found_times", None) == 1


def test_after_a_build_that_made_every_site_again_the_next_edit_starts_from_the_new_site(tmp_path: Path) -> None:
    """The spare a build keeps for the next is the site it replaced; when it rendered most sites again (a new
    theme), that one is stale through and through, and the spare is the new site instead (output.swap_in)."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    _change_theme(root)
    assert _build(tmp_path, root)["built"] == 3
    spare = _spare((tmp_path / "site").resolve(), tmp_path / "cache")
    assert (spare / ".portfolio-site").read_text() == (tmp_path / "site" / ".portfolio-site").read_text()
    assert not list(tmp_path.glob(".site.*"))  # the old site is gone, not left beside the new one
    write_doc(root / "ana" / "family.md", {"title": "ana family piece, revised", "date": "2026-10-01",
                                           "targets": {"sci-observe": 3}}, "Better words.")
    assert (_build(tmp_path, root)["built"], _build(tmp_path, root, out="cold")["built"]) == (1, 3)
    assert _without_marker(tmp_path / "site") == _without_marker(tmp_path / "cold")


def test_a_build_of_one_student_keeps_the_site_it_replaced_as_the_spare(tmp_path: Path) -> None:
    """`--student ana` renders one site of three: the site it replaced is still mostly right, and stays the spare
    (copying the whole new site there instead is for a build that rendered most sites again)."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    replaced = (tmp_path / "site" / ".portfolio-site").read_text()
    write_doc(root / "ana" / "family.md", {"title": "ana family piece, revised", "date": "2026-10-01",
                                           "targets": {"sci-observe": 3}}, "Better words.")
    result = run_portfolio("build", str(root), "-o", "site", "--student", "ana", cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "revised" in (tmp_path / "site" / "ana" / "work" / "family" / "index.html").read_text()
    spare = _spare((tmp_path / "site").resolve(), tmp_path / "cache")
    assert (spare / ".portfolio-site").read_text() == replaced
