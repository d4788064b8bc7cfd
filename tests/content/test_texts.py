"""A student's text is converted once: ids unique on every page, links between pieces work, broken ones reported."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from classmaker import make_class
from conftest import run_portfolio


def _piece(title: str, date: str, **extra: object) -> dict[str, object]:
    return {"title": title, "date": date, "targets": ["ela-argument"], "passage": "growth", **extra}


def _build(tmp_path: Path) -> tuple[Path, str]:
    pieces = {
        "essay/draft-1.md": (_piece("Draft one", "2026-10-01"), "## What I tried\n\nA claim.[^1]\n\n[^1]: My note."),
        "essay/final.md": (
            _piece("Final", "2026-10-09"),
            "## What I tried\n\nBetter.[^1] See [my first draft](draft-1.md#what-i-tried), "
            "[my diary](../diary.md) and [a lost one](draft-9.md).\n\n[^1]: Another note.",
        ),
        "diary.md": (_piece("Diary", "2026-10-02", share="private", passage=None), "Private words."),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site" / "ana", result.stderr


def test_ids_are_unique_on_the_passage_page(tmp_path: Path) -> None:
    site, _ = _build(tmp_path)
    page = (site / "passage" / "index.html").read_text(encoding="utf-8")
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert page.count("fn:1") >= 2  # both footnotes are there, each with its own id
    for href in re.findall(r'href="#([^"]+)"', page):
        assert href in ids, f"in-page link to #{href} has no target"


def test_links_between_pieces_work_from_every_page(tmp_path: Path) -> None:
    site, _ = _build(tmp_path)
    final = (site / "work" / "essay" / "final" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../work/essay/draft-1/#essay-draft-1-what-i-tried"' in final
    assert (site / "work" / "essay" / "final" / "../../../work/essay/draft-1/index.html").resolve().is_file()
    passage = (site / "passage" / "index.html").read_text(encoding="utf-8")
    assert 'href="../work/essay/draft-1/#essay-draft-1-what-i-tried"' in passage
    assert "pb-piece:" not in final + passage and "pb-root:" not in final + passage


def test_a_link_to_a_private_piece_leads_nowhere(tmp_path: Path) -> None:
    site, _ = _build(tmp_path)
    final = (site / "work" / "essay" / "final" / "index.html").read_text(encoding="utf-8")
    assert "my diary" in final
    assert "diary" not in "".join(re.findall(r'href="([^"]*)"', final))
    assert not (site / "work" / "diary").exists()


def test_a_broken_link_is_a_warning_with_its_line(tmp_path: Path) -> None:
    _, stderr = _build(tmp_path)
    assert "class/ana/essay/final.md:10: warning: the link `draft-9.md` goes to no piece in your folder" in stderr
