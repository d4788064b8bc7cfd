"""Families open their own child's portfolio and nothing else: secret links, the teacher folder, rotation."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from classmaker import SETTINGS, make_class, write_doc
from conftest import run_portfolio
from sitecheck import every_file_bytes, tree_digest

PIECE = {"title": "Bridge", "date": "2026-10-01", "targets": ["ela-argument"], "share": "class", "celebrate": True}
SECRET_SETTINGS = {**SETTINGS, "links": "secret", "site_url": "https://riverside.example/crew8b/"}


def _class(tmp_path: Path, settings: dict | None = None) -> Path:  # type: ignore[type-arg]
    students = {name: {"pieces": {"bridge.md": (PIECE, f"{name} words.")}} for name in ("ana", "ben")}
    return make_class(tmp_path / "class", students, settings or SECRET_SETTINGS)


def _build(tmp_path: Path, root: Path, *args: str) -> str:
    result = run_portfolio("build", str(root), "-o", "site", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _links(tmp_path: Path) -> dict[str, str]:
    rows = csv.DictReader((tmp_path / "teacher" / "links.csv").read_text(encoding="utf-8").splitlines())
    return {row["slug"]: row["path"] for row in rows}


def test_family_sites_live_behind_secrets_nothing_published_names(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    site, links = tmp_path / "site", _links(tmp_path)
    assert set(links) == {"ana", "ben"}
    for path in links.values():
        assert re.fullmatch(r"s/[A-Za-z0-9_-]{22,}/", path)
        assert (site / path / "index.html").is_file()
    assert not (site / "ana").exists() and not (site / "ben").exists()
    secrets = [path.split("/")[1] for path in links.values()]
    for name, data in every_file_bytes(site).items():
        if not str(name).startswith(str(site / "s")):
            assert not any(secret.encode() in data for secret in secrets), name  # class pages, sitemap, marker
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /crew8b/s/\n"
    for page in (site / links["ana"]).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in html, page
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
        assert not re.search(r'(href|src)="/', html), page  # only relative links inside itself
    assert not list((site / "s").rglob("sitemap.xml*"))


def test_links_are_kept_and_rotation_removes_the_old_address(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    first = _links(tmp_path)
    _build(tmp_path, root)
    assert _links(tmp_path) == first  # a family's link keeps working
    rotated = run_portfolio("links", "rotate", "ana", cwd=tmp_path)
    assert rotated.returncode == 0, rotated.stderr
    _build(tmp_path, root)
    second = _links(tmp_path)
    assert second["ben"] == first["ben"] and second["ana"] != first["ana"]
    assert not (tmp_path / "site" / first["ana"]).exists()
    assert (tmp_path / "site" / second["ana"] / "index.html").is_file()


def test_rotate_an_unknown_student_says_did_you_mean(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    result = run_portfolio("links", "rotate", "anna", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "anna: error: there is no secret link for `anna` — did you mean `ana`?"


def test_a_damaged_links_file_stops_the_build_and_changes_nothing(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    links = tmp_path / "teacher" / "links.yml"
    links.write_text(links.read_text().replace("\nana: ", "\nana: [", 1))
    site_before, teacher_before = tree_digest(tmp_path / "site"), tree_digest(tmp_path / "teacher")
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{links}:") or "teacher/links.yml:" in result.stderr, result.stderr
    assert tree_digest(tmp_path / "site") == site_before and tree_digest(tmp_path / "teacher") == teacher_before


@pytest.mark.parametrize("where", ["class", "site"])
def test_teacher_folder_inside_the_class_or_the_output_is_refused(tmp_path: Path, where: str) -> None:
    root = _class(tmp_path)
    inside = root / "teacher" if where == "class" else tmp_path / "site" / "teacher"
    result = run_portfolio("build", str(root), "-o", "site", "--teacher", str(inside), cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "teacher folder must be outside" in result.stderr


def test_teacher_folder_holds_links_cards_and_matrix(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    teacher = tmp_path / "teacher"
    assert sorted(p.name for p in teacher.iterdir()) == ["cards", "links.csv", "links.yml", "matrix", "panel"]
    cards = (teacher / "cards" / "index.html").read_text(encoding="utf-8")
    for path in _links(tmp_path).values():
        assert f"https://riverside.example/crew8b/{path}" in cards
    assert cards.count("<svg") == 2  # a QR code per card, made offline
    assert "Keep it private" in cards
    matrix = (teacher / "matrix" / "index.html").read_text(encoding="utf-8")
    assert "ela-argument" in matrix and "Ana" in matrix


def test_without_site_url_cards_show_the_path(tmp_path: Path) -> None:
    settings = {k: v for k, v in SECRET_SETTINGS.items() if k != "site_url"}
    root = _class(tmp_path, settings)
    _build(tmp_path, root)
    cards = (tmp_path / "teacher" / "cards" / "index.html").read_text(encoding="utf-8")
    assert all(path in cards for path in _links(tmp_path).values())


def test_class_pages_link_no_family_site_and_show_no_levels(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    for page in ("index.html", "gallery/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "Ana" in html and 'href="s/' not in html and "targets met" not in html


def test_names_and_class_builds_keep_readable_addresses_linked_from_the_class_home(tmp_path: Path) -> None:
    root = _class(tmp_path, {**SECRET_SETTINGS, "links": "names"})
    _build(tmp_path, root)
    assert (tmp_path / "site" / "ana" / "index.html").is_file()
    assert 'href="ana/"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    _build(tmp_path, _class(tmp_path / "b"), "--audience", "class")
    assert json.loads((tmp_path / "site" / ".portfolio-site").read_text())["students"] == ["ana", "ben"]


def test_a_rotated_link_is_built_by_a_build_of_another_student(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _build(tmp_path, root)
    assert run_portfolio("links", "rotate", "ana", cwd=tmp_path).returncode == 0
    _build(tmp_path, root, "--student", "ben")
    links = _links(tmp_path)
    assert (tmp_path / "site" / links["ana"] / "index.html").is_file()
    assert (tmp_path / "site" / links["ben"] / "index.html").is_file()


def test_links_csv_keeps_a_name_a_spreadsheet_would_run_as_text(tmp_path: Path) -> None:
    """A name written `=HYPERLINK("https://evil.example","Ana")` opens in Excel as text, not as a live formula."""
    root = _class(tmp_path)
    formula = '=HYPERLINK("https://evil.example","Ana")'
    write_doc(root / "ana" / "student.md", {"name": formula, "grade": 8})
    _build(tmp_path, root)
    rows = list(csv.DictReader((tmp_path / "teacher" / "links.csv").read_text(encoding="utf-8").splitlines()))
    assert {row["slug"]: row["name"] for row in rows}["ana"] == f"'{formula}"


def test_what_a_killed_build_left_beside_the_teacher_folder_is_removed(tmp_path: Path) -> None:
    """The old teacher folder and a half-made one, left by a build killed mid-swap: both hold the secret links."""
    root = _class(tmp_path)
    _build(tmp_path, root)
    for name in (".teacher.old-999999999", ".teacher.building-999999999-x1y2", ".teacher.building-k3j4"):
        (tmp_path / name).mkdir()
        shutil.copy(tmp_path / "teacher" / "links.yml", tmp_path / name / "links.yml")
    piece = root / "ana" / "bridge.md"
    piece.write_text(piece.read_text() + "\nMore.\n")  # the next build that does any work clears them
    _build(tmp_path, root)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".teacher")) == []
