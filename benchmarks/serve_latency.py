"""How long a save takes to show in the browser with `portfolio serve`, measured with a real Chromium.

    python benchmarks/serve_latency.py                 # the sample class and a 30-student synthetic class
    python benchmarks/serve_latency.py --edits 20

For each class: start `portfolio serve` (a subprocess, as a student runs it), open the piece's page
in Debian's Chromium, then, `--edits` times, write a unique word into the piece's reflection and
measure from just before the file write to the word being in the page (Playwright waits for the
text, across the page's reload). Prints the median and the maximum of each class side by side.
Not a test: the figures depend on the machine (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from synth import make_class

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_serving(root: Path, student: str, work: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """The real command, on a free port; return it, its address and how long until it served."""
    port = free_port()
    env = {**os.environ, "PORTFOLIO_CACHE": str(work / "cache"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "portfolio_builder", "serve", str(root), "--student", student, "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(b"Previewing"):
            return process, f"http://127.0.0.1:{port}", time.perf_counter() - started
    raise SystemExit(f"portfolio serve stopped before serving {root}")


def latencies(page: Any, piece: Path, edits: int) -> list[float]:
    """Seconds from each save of a unique word to that word in the page."""
    original = piece.read_text(encoding="utf-8")
    found = []
    try:
        for number in range(edits):
            word = f"zebra{number}x{time.monotonic_ns() % 100_000}"
            started = time.perf_counter()
            piece.write_text(f"{original.rstrip()}\n\nA new sentence with {word} in it.\n", encoding="utf-8")
            page.get_by_text(word).wait_for(timeout=30_000)
            found.append(time.perf_counter() - started)
            time.sleep(0.3)  # a student does not save twice within a few milliseconds
    finally:
        piece.write_text(original, encoding="utf-8")
    return found


def measure(browser: Any, root: Path, student: str, piece: Path, work: Path, edits: int) -> dict[str, float]:
    from portfolio_builder.content.pieces import piece_slug

    process, url, first = start_serving(root, student, work)
    try:
        page = browser.new_page()
        page.goto(f"{url}/work/{piece_slug(piece, root / student)}/")
        times = latencies(page, piece, edits)
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"first": first, "median": statistics.median(times), "max": max(times), "edits": len(times)}


def classes(work: Path) -> list[tuple[str, Path, str, Path]]:
    """The sample class (a copy) and a synthetic class of 30 students; a published piece of one student each."""
    sample = work / "sample-class"
    if not sample.is_dir():
        shutil.copytree(REPO / "sample_students", sample)
    synthetic = work / "serve-class-30"
    if not (synthetic / "portfolio.yml").is_file():
        make_class(synthetic, students=30, pieces=40, photos=20, megapixels=12)
    return [
        ("sample class (maya-rodriguez)", sample, "maya-rodriguez", sample / "maya-rodriguez/bridge/final-model.md"),
        ("30 students × 40 pieces (student-007)", synthetic, "student-007",
         synthetic / "student-007" / "2026-09-02-piece-01.md"),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/portfolio-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, root, student, piece in classes(args.work):
            rows.append((name, measure(browser, root, student, piece, args.work, args.edits)))
        browser.close()
    print(f"{'class':40} {'first build':>12} {'median':>9} {'max':>9} {'edits':>6}")
    for name, figures in rows:
        print(f"{name:40} {figures['first']:>10.2f} s {figures['median']:>7.3f} s {figures['max']:>7.3f} s "
              f"{figures['edits']:>6.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
