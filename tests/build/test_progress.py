"""Progress for people: a live bar on a terminal, plain lines in a log, and a closing summary."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from classmaker import jpeg_bytes, make_class
from conftest import run_portfolio


def _class(tmp_path: Path) -> Path:
    pieces = {"p.md": ({"title": "P", "date": "2026-10-01", "targets": ["sci-observe"],
                        "media": [{"file": "a.jpg", "alt": "A"}]}, "")}  # fmt: skip
    return make_class(tmp_path / "class", {"ana": {"pieces": pieces, "files": {"a.jpg": jpeg_bytes((300, 200))}}})


def test_plain_lines_and_summary_when_not_a_terminal(tmp_path: Path) -> None:
    result = run_portfolio("build", str(_class(tmp_path)), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "images: 1 (1 processed, 0 cached)"
    assert lines[1] == "sites: 1 built, 0 unchanged"
    assert lines[-1].startswith("site/: 1 student site(s) built, 0 unchanged, 0 failed; 1 pieces; 1 images")
    assert "\x1b[" not in result.stdout  # no terminal codes in a log


def test_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    root = _class(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "PORTFOLIO_CACHE": str(tmp_path / "cache"), "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "portfolio_builder", "build", str(root)],
        cwd=tmp_path, stdin=follower, stdout=follower, stderr=follower, env=env,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=120) == 0
    text = output.decode(errors="replace")
    assert "images" in text and "sites" in text and "1/1" in text  # a bar per stage, with counts
    assert "━" in text or "\x1b[" in text
    assert "1 student site(s) built" in text
