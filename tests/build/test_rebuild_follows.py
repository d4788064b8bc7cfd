"""Builds follow what shapes the pages: the tool's own code, and student folders behind a link."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from classmaker import make_class, write_doc
from conftest import REPO

PIECE = {"title": "Essay", "date": "2026-10-01", "targets": ["ela-argument"]}


def _build(tool: Path | None, root: Path, site: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """The real command, from the repository or from a copy of the tool (an upgrade stand-in)."""
    env = {**os.environ, "PORTFOLIO_CACHE": str(cache)}
    if tool is not None:
        env["PYTHONPATH"] = str(tool)
    result = subprocess.run(
        [sys.executable, "-m", "portfolio_builder", "build", str(root), "-o", str(site)],
        cwd=root.parent, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_a_new_version_of_the_code_rebuilds_the_sites(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    shutil.copytree(REPO / "portfolio_builder", tool / "portfolio_builder",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "themes", tool / "themes")
    shutil.copy(REPO / "mkdocs.yml", tool / "mkdocs.yml")
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"essay.md": (PIECE, "Words.")}}})
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(tool, root, site, cache)
    plugin = tool / "portfolio_builder" / "site" / "plugin.py"  # a change of rendering only, not of any view
    upgrade = (
        "\n\n_before = PortfolioPlugin.on_post_page\n"
        "def _upgraded(self, output, **kwargs):\n"
        "    return _before(self, output, **kwargs).replace('</body>', '<p>UPGRADED</p></body>')\n"
        "PortfolioPlugin.on_post_page = _upgraded\n"
    )
    plugin.write_text(plugin.read_text(encoding="utf-8") + upgrade, encoding="utf-8")
    _build(tool, root, site, cache)
    assert "UPGRADED" in (site / "ana" / "work" / "essay" / "index.html").read_text(encoding="utf-8")


def test_an_edit_behind_a_linked_student_folder_is_seen(tmp_path: Path) -> None:
    elsewhere = make_class(tmp_path / "elsewhere", {"ana": {"pieces": {"essay.md": (PIECE, "First words.")}}})
    root = make_class(tmp_path / "class", {})
    (root / "ana").symlink_to(elsewhere / "ana", target_is_directory=True)
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(None, root, site, cache)
    page = site / "ana" / "work" / "essay" / "index.html"
    assert "First words." in page.read_text(encoding="utf-8")
    write_doc(elsewhere / "ana" / "essay.md", PIECE, "Second words.")
    _build(None, root, site, cache)
    assert "Second words." in page.read_text(encoding="utf-8")
