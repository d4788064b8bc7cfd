"""`portfolio serve` as a user runs it: the real command in a subprocess, on a free port, with a tiny class."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from classmaker import SETTINGS, make_class, write_doc

PIECE: dict[str, Any] = {"title": "Bridge", "date": "2026-10-01", "share": "family"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tiny_class(tmp_path: Path, **settings: Any) -> Path:
    """Ana, with one reflection; Ben, whose broken piece is none of Ana's preview's business."""
    return make_class(
        tmp_path / "class",
        {"ana": {"pieces": {"bridge.md": (PIECE, "First words about the bridge.")}},
         "ben": {"pieces": {"broken.md": ({"title": "No date"}, "Ben's text.")}}},
        {**SETTINGS, **settings},
    )  # fmt: skip


class Serving:
    """The running command: its address, and what it printed so far (read by threads, never blocking)."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process, self.url = process, url
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((process.stdout, self.out), (process.stderr, self.err)):
            threading.Thread(target=lambda s=stream, kept=lines: kept.extend(s), daemon=True).start()

    def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> None:
        """Wait until `text` was printed `count` times (on stdout or stderr)."""
        deadline = time.monotonic() + timeout
        while sum(text in line for line in self.out + self.err) < count:
            assert self.process.poll() is None, f"serve stopped: {''.join(self.out + self.err)}"
            assert time.monotonic() < deadline, f"never printed {text!r}: {''.join(self.out + self.err)}"
            time.sleep(0.05)


def finished(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Its output once it stops by itself; killed (and failing) after a minute, as the old preview never stopped."""
    try:
        return process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise


def start(root: Path, student: str, tmp_path: Path, port: int | None = None) -> subprocess.Popen[str]:
    """The real command, its temporary folders under `tmp_path/tmp` so a test can see what it leaves."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "portfolio_builder", "serve", str(root), "--student", student,
               "--port", str(port or free_port())]  # fmt: skip
    return subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@contextlib.contextmanager
def serving(root: Path, student: str, tmp_path: Path) -> Iterator[Serving]:
    port = free_port()
    process = start(root, student, tmp_path, port)
    running = Serving(process, f"http://127.0.0.1:{port}")
    try:
        running.wait_for("Previewing")
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@pytest.mark.browser
def test_a_save_shows_in_the_page_and_a_broken_save_shows_its_problem_over_it(tmp_path: Path, browser: Any) -> None:
    root = tiny_class(tmp_path)
    piece = root / "ana" / "bridge.md"
    with serving(root, "ana", tmp_path) as preview:
        page = browser.new_page()
        page.goto(preview.url + "/work/bridge/")
        page.get_by_text("First words about the bridge.").wait_for()

        write_doc(piece, PIECE, "Second words: zebra crossing.")
        page.get_by_text("Second words: zebra crossing.").wait_for(timeout=30_000)

        piece.write_text('---\ntitle: "unclosed\ndate: 2026-10-01\n---\nBroken words.\n', encoding="utf-8")
        overlay = page.locator(".pb-preview-overlay")
        overlay.wait_for(timeout=30_000)
        text = overlay.inner_text()
        assert "Your last save has a problem" in text
        assert "ana/bridge.md:" in text and "error" in text, text
        assert page.get_by_text("Second words: zebra crossing.").count() == 1  # the last good page, under it

        write_doc(piece, PIECE, "Fixed words again.")
        page.get_by_text("Fixed words again.").wait_for(timeout=30_000)
        assert page.locator(".pb-preview-overlay").count() == 0
        page.close()


@pytest.mark.browser
def test_a_yaml_slip_in_portfolio_yml_shows_over_the_page_in_the_students_language(
    tmp_path: Path, browser: Any
) -> None:
    root = tiny_class(tmp_path, language="es")
    settings = root / "portfolio.yml"
    good = settings.read_text(encoding="utf-8")
    with serving(root, "ana", tmp_path) as preview:
        page = browser.new_page()
        page.goto(preview.url + "/")
        settings.write_text(good + "school: [unclosed\n", encoding="utf-8")
        overlay = page.locator(".pb-preview-overlay")
        overlay.wait_for(timeout=30_000)
        assert "Lo que guardaste tiene un problema" in overlay.inner_text()
        assert "portfolio.yml:" in overlay.inner_text()
        settings.write_text(good, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=30_000)
        page.close()


def test_an_unknown_student_is_a_did_you_mean_and_exit_2(tmp_path: Path) -> None:
    root = tiny_class(tmp_path)
    process = start(root, "anna", tmp_path)
    _out, err = finished(process)
    assert process.returncode == 2, err
    assert err.strip() == "--student anna: error: there is no student `anna` — did you mean `ana`?"


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    root = tiny_class(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        process = start(root, "ana", tmp_path, busy.getsockname()[1])
        _out, err = finished(process)
    assert process.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "--port" in err and "Traceback" not in err, err


def test_sigterm_stops_it_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    root = tiny_class(tmp_path)
    with serving(root, "ana", tmp_path) as preview:
        assert any((tmp_path / "tmp").glob("portfolio-serve-*"))  # it was there while serving
    assert preview.process.returncode == 0, "".join(preview.err)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_each_problem_is_printed_once_and_only_the_students_own(tmp_path: Path) -> None:
    root = tiny_class(tmp_path)
    piece = root / "ana" / "bridge.md"
    with serving(root, "ana", tmp_path) as preview:
        with urllib.request.urlopen(preview.url + "/") as response:  # served, with the preview's script
            assert b"/__pb/preview.js" in response.read()
        for number in (1, 2):
            write_doc(piece, PIECE, f"Edit number {number}.")
            preview.wait_for("Updated ana:", count=1 + number)
    printed = "".join(preview.err)
    assert printed.count("the passage section `growth` has 0 of 1 pieces") == 1, printed
    assert "ben" not in printed, printed
