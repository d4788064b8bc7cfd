"""Measure portfolio_builder against doing it by hand, in one run, on one machine.

    python benchmarks/bench.py                       # the default class: 30 students × 40 pieces × 20 photos (12 MP)
    python benchmarks/bench.py --students 5 --quick  # a smoke run

Figures printed (wall-clock seconds unless said; compare ratios, the machine is noisy):
- ours: cold build, no-change rebuild, one-piece edit (median of three in a row, each printed), one added
  photo, peak memory of the whole process tree (during the cold build), with --jobs N;
- by hand: one plain mkdocs-material site per student (full-size photos copied in, `mkdocs build`
  as one process per student) + sigal for the galleries (all cores);
- first-load weight of a student home page and a gallery page at 390 px (DPR 3), as loaded by Chromium;
- scaling: cold builds of 10, 30 and 90 students (with --scaling).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from synth import make_class

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None, watch: bool = False) -> tuple[float, int]:
    """Run a command; return its wall time and, with `watch`, the peak RSS of its whole process tree (MB).

    Only the cold build is watched (its peak is the build's largest): the sampler walks /proc ten
    times a second, which cost a one-piece edit about 0.06 s of a 2-core machine at every 20 ms.
    """
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = _watch(process) if watch else 0
        process.wait()
        seconds = time.perf_counter() - started
        if process.returncode not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return seconds, peak // (1024 * 1024)


def _watch(process: subprocess.Popen[bytes]) -> int:
    """The largest summed RSS of the process and its children, sampled every 0.1 s until it ends."""
    peak = 0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.1)  # returns as soon as it ends: no sleep added to the time
    return peak


def installed_env() -> dict[str, str]:
    """The environment of a teacher's computer: Python keeps compiled modules (`pip install` writes them).

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run compile the tool's code again;
    both sides run without it, and the tool's modules are compiled once first, as pip would have.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = Path(__file__).resolve().parent.parent / "portfolio_builder"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=env)
    return env


def class_folder(work: Path, students: int, pieces: int, photos: int, megapixels: float) -> Path:
    root = work / f"class-{students}x{pieces}x{photos}-{megapixels:g}mp"
    if not (root / "portfolio.yml").exists():
        print(f"making {root.name} ...", flush=True)
        make_class(root, students, pieces, photos, megapixels)
    return root


#: One-piece edits timed in a row; `edit_one_piece` is their median, each is printed too.
EDITS = 3


#: What the timed edits replace in the piece: without it an "edit" changes no text and renders nothing.
EDITED = "I worked on this piece"


def edited_words(piece: Path, text: str) -> None:
    """Stop unless `piece` still holds the words an edit replaces (a piece left rewritten by hand times nothing)."""
    if EDITED not in text:
        sys.exit(f"{piece}: no `{EDITED}` in it (rewritten since the class was made?): put the words back, or "
                 "delete the class folder to have it made again")


def ours(root: Path, work: Path, jobs: int) -> dict[str, float]:
    """Cold build, no-change rebuild, one-piece edit, one added photo."""
    pieces = sorted((root / "student-000").glob("*piece-*.md"))
    piece = pieces[min(5, len(pieces) - 1)]  # a family piece of the default class; any piece of a small one
    original = piece.read_text()
    edited_words(piece, original)  # before any build: a piece that cannot be edited times nothing
    work.mkdir(parents=True, exist_ok=True)
    env = {**installed_env(), "PORTFOLIO_CACHE": str(work / "cache")}
    shutil.rmtree(work / "cache", ignore_errors=True)
    shutil.rmtree(work / "site", ignore_errors=True)
    site = str(work / "site")
    command = [sys.executable, "-m", "portfolio_builder", "build", str(root), "-o", site, "--jobs", str(jobs)]
    figures: dict[str, float] = {}
    figures["cold"], figures["peak_mb"] = timed(command, work, env, watch=True)
    figures["no_change"], _ = timed(command, work, env)
    try:
        edits = []  # three edits in a row: one figure of well under a second moves with the machine
        for n in range(EDITS):
            piece.write_text(original.replace(EDITED, f"I reworked this piece ({n + 1})"))
            edits.append(timed(command, work, env)[0])
        figures["edit_one_piece"] = statistics.median(edits)
        figures.update({f"edit_{n + 1}": seconds for n, seconds in enumerate(edits)})
        photo = sorted((root / "student-001").glob("photo-*.jpg"))[0]
        added = root / "student-001" / "added-photo.jpg"
        added.write_bytes(photo.read_bytes()[:2] + b"\xff\xfe\x00\x07added" + photo.read_bytes()[2:])
        extra = root / "student-001" / "2026-11-20-added.md"
        extra.write_text("---\ntitle: Added photo\nsubject: Science\ntargets: [sci-observe]\n"
                         "media: [{file: added-photo.jpg, alt: A new photo}]\n---\nNew.\n")
        figures["add_one_photo"], _ = timed(command, work, env)
    finally:
        piece.write_text(original)
        for leftover in (root / "student-001" / "added-photo.jpg", root / "student-001" / "2026-11-20-added.md"):
            leftover.unlink(missing_ok=True)
    return figures


def by_hand(root: Path, work: Path) -> dict[str, float]:
    """What a teacher would do without us: one plain mkdocs-material site per student, sigal for galleries."""
    hand = work / "by-hand"
    shutil.rmtree(hand, ignore_errors=True)
    hand.mkdir()
    env = installed_env()
    started = time.perf_counter()
    students = sorted(p for p in root.iterdir() if (p / "student.md").exists())
    for student in students:
        docs = hand / student.name / "docs"
        shutil.copytree(student, docs)  # markdown and full-size photos as they are
        (docs / "index.md").write_text((docs / "student.md").read_text())
        (hand / student.name / "mkdocs.yml").write_text(
            f"site_name: {student.name}\ntheme:\n  name: material\nplugins:\n  - search\n"
        )
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=hand / student.name, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    sites = time.perf_counter() - started
    albums = hand / "albums"
    for student in students:
        (albums / student.name).mkdir(parents=True)
        for photo in student.glob("*.jpg"):
            os.link(photo, albums / student.name / photo.name)
    (hand / "sigal.conf.py").write_text("# sigal's defaults: 640x480 images, 200x150 thumbnails, all cores\n")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sigal", "build", str(albums), str(hand / "gallery")], check=True,
                   cwd=hand, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    gallery = time.perf_counter() - started
    return {"mkdocs_sites": sites, "sigal": gallery, "total": sites + gallery}


def site_path(root: Path, slug: str) -> str:
    """Where a student's site is in the output: `s/<secret>/` (teacher/links.csv beside the class), or `<slug>/`."""
    table = root.parent / "teacher" / "links.csv"
    if table.is_file():
        for row in csv.DictReader(table.read_text(encoding="utf-8").splitlines()):
            if row["slug"] == slug:
                return str(row["path"])
    return f"{slug}/"


def page_weight(site: Path, paths: list[str]) -> dict[str, int]:
    """Bytes a 390 px phone (DPR 3) downloads on first load: HTML, CSS, JS, fonts and the images it picks."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in paths:
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3)
            page = context.new_page()
            loaded: list[int] = []
            page.on("requestfinished", functools.partial(_count, loaded))
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}", wait_until="networkidle")
            weights[path] = sum(loaded)
            context.close()
        browser.close()
    server.shutdown()
    return weights


def _count(loaded: list[int], request: object) -> None:
    loaded.append(request.sizes()["responseBodySize"])  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--pieces", type=int, default=40)
    parser.add_argument("--photos", type=int, default=20, help="photos per student")
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "portfolio-bench")
    parser.add_argument("--no-baseline", action="store_true", help="skip the by-hand build")
    parser.add_argument("--scaling", action="store_true", help="also cold-build 10, 30 and 90 students")
    parser.add_argument("--quick", action="store_true", help="skip page weight")
    args = parser.parse_args()
    if args.students < 2 or args.pieces < 1 or args.photos < 1:
        parser.error("the edits it times need at least 2 students, 1 piece and 1 photo each")
    args.work.mkdir(parents=True, exist_ok=True)
    root = class_folder(args.work, args.students, args.pieces, args.photos, args.megapixels)
    size = f"{args.students} students × {args.pieces} pieces × {args.photos} photos ({args.megapixels:g} MP)"
    results: dict[str, object] = {"class": size, "jobs": args.jobs, "cpus": os.cpu_count()}
    print(f"class: {size}; jobs {args.jobs} on {os.cpu_count()} cores", flush=True)
    results["ours"] = mine = ours(root, args.work, args.jobs)
    for name, value in mine.items():
        print(f"  ours {name:<16} {value:8.2f}" + (" MB" if name == "peak_mb" else " s"), flush=True)
    if not args.no_baseline:
        results["by_hand"] = hand = by_hand(root, args.work)
        for name, value in hand.items():
            print(f"  by hand {name:<13} {value:8.2f} s", flush=True)
        results["speedup_cold"] = round(hand["total"] / mine["cold"], 2)
        print(f"  cold build: {results['speedup_cold']}× faster than by hand", flush=True)
    if not args.quick:
        student = site_path(root, "student-000")  # behind its secret link: teacher/links.csv says where
        home, gallery = student, f"{student}gallery/"
        results["weight_bytes"] = weights = page_weight(args.work / "site", [home, gallery, "gallery/"])
        for path, weight in weights.items():
            print(f"  first load at 390 px: {path:<22} {weight / 1024:8.1f} KB", flush=True)
    if args.scaling:
        results["scaling"] = scaling = {}
        for count in (10, 30, 90):
            folder = class_folder(args.work, count, args.pieces, args.photos, args.megapixels)
            seconds = ours(folder, args.work / f"scale-{count}", args.jobs)["cold"]
            scaling[count] = seconds
            print(f"  scaling: {count:>3} students cold {seconds:8.2f} s ({seconds / count:.2f} s per student)",
                  flush=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print(f"results: {args.work / 'results.json'}")


if __name__ == "__main__":
    main()
