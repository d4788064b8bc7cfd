"""Slips whose meaning is clear are built as meant, with a warning, by the real command (docs/format.md)."""

from __future__ import annotations

from pathlib import Path

from classmaker import jpeg_bytes, make_class
from conftest import run_portfolio
from sitecheck import main_content

SLIPS = (
    "---\n"
    "title: Bridge SLIPCANARY\n"
    "date: 2026-10-3\n"
    "share: Family\n"
    "targets:\n"
    "  SCI-Observe: Meets\n"
    "media:\n"
    "  - {file: PHOTO.jpg, alt: The bridge}\n"
    "---\n"
    "What I built.\n"
)


def test_forgiven_piece_is_on_the_family_site_with_its_meaning(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", {"ana": {"files": {"photo.jpg": jpeg_bytes((640, 480))}}})
    (root / "ana" / "bridge.md").write_text(SLIPS, encoding="utf-8")
    (root / "ana" / "essay.docx").write_bytes(b"PK\x03\x04")
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for said in [
        "class/ana/bridge.md:3: warning: `2026-10-3` was read as 2026-10-03",
        "class/ana/bridge.md:4: warning: `share: Family` was read as `family`: write it in small letters",
        "class/ana/bridge.md:6: warning: `Meets` was read as level 3 (Meets)",
        "class/ana/essay.docx: warning: `essay.docx` is not read: save your writing as a .md file",
    ]:
        assert said in result.stderr, result.stderr
    site = tmp_path / "site"
    page = site / "ana" / "work" / "bridge" / "index.html"
    assert 'datetime="2026-10-03"' in page.read_text() and "SLIPCANARY" in main_content(page)
    assert "3 · Meets" in (site / "ana" / "targets" / "sci-observe" / "index.html").read_text()
    assert "../../media/photo-" in page.read_text(), "the photo written in other capitals is missing"
    class_pages = "".join(p.read_text() for p in site.glob("*.html")) + (site / "gallery" / "index.html").read_text()
    assert "SLIPCANARY" not in class_pages  # family: the class pages never show it
