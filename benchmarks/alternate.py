"""Two versions of the code, measured in turns on one class: what a change is worth on a machine whose speed drifts.

    git worktree add /tmp/before <commit>
    python benchmarks/alternate.py --work /tmp/pbig /tmp/before .            # cold builds and one-piece edits
    python benchmarks/alternate.py --work /tmp/pbig --runs 6 --edits-only /tmp/before .
    python benchmarks/alternate.py --work /tmp/pbig --runs 2 --edits-only --after-full /tmp/before .

Each version is a checkout of this repository, run with this Python (`PYTHONPATH` set to the checkout).
The class is `bench.py`'s synthetic one (made there first: `python benchmarks/bench.py --work DIR`). For
each run, every version in turn builds cold (empty cache and output) and then, after a build that
changes nothing, edits one piece; the versions take turns going first. Printed: every figure, then
medians and the CPU time of the cold builds (user + system of the whole process tree), which drifts
less than the wall clock. With `--after-full`, each edit follows a build that renders every site again
(the school's name in portfolio.yml changed, as a new theme or settings would), timed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import EDITED, edited_words, installed_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("versions", nargs="+", type=Path, help="checkouts of this repository")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pbig"), help="bench.py's folder (its class is used)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits-only", action="store_true", help="one cold build each, then only edits")
    parser.add_argument("--after-full", action="store_true", help="each edit right after a build of every site")
    args = parser.parse_args()
    root = next(args.work.glob("class-*"), None)
    if root is None:
        sys.exit(f"{args.work}: no class here: run `python benchmarks/bench.py --work {args.work}` first")
    piece = sorted((root / "student-000").glob("*piece-*.md"))[5]
    original = piece.read_text()
    edited_words(piece, original)
    settings = root / "portfolio.yml"
    school = settings.read_text()
    env = installed_env()
    for version in args.versions:  # compiled once, as an installed copy would be
        package = str(version / "portfolio_builder")
        subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)
    figures: dict[Path, dict[str, list[float]]] = {
        v: {"cold": [], "cpu": [], "full": [], "edit": []} for v in args.versions
    }
    try:
        for run in range(args.runs):
            # Each run in the other order: the second cold build of a run finds the disk still writing the first's
            # cache (about 0.3 s slower and 0.5 s more CPU on the small class, whichever version it is).
            for version in args.versions if run % 2 == 0 else args.versions[::-1]:
                work = args.work / "alternate" / version.resolve().name
                build = _command(version, root, work, env)
                if run == 0 or not args.edits_only:
                    shutil.rmtree(work, ignore_errors=True)
                    work.mkdir(parents=True)
                    cold, cpu = _timed(build)
                    figures[version]["cold"].append(cold)
                    figures[version]["cpu"].append(cpu)
                    _timed(build)  # changes nothing
                if args.after_full:  # every site shows the school's name
                    settings.write_text(school.replace("\nschool: ", f"\nschool: {run} {version.resolve().name} ", 1))
                    figures[version]["full"].append(_timed(build)[0])
                # Each version's own words: the version after it must not find the edit already built.
                edited = f"I reworked this piece {run} {version.resolve().name}"
                piece.write_text(original.replace(EDITED, edited))
                edit, _ = _timed(build)
                figures[version]["edit"].append(edit)
                print(f"{version}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in figures[version].items() if v),
                      flush=True)
    finally:
        piece.write_text(original)
        settings.write_text(school)
    for version, found in figures.items():
        print(f"{version}: " + ", ".join(
            f"{k} median {statistics.median(v):.2f} s (min {min(v):.2f})" for k, v in found.items() if v))


def _command(version: Path, root: Path, work: Path, env: dict[str, str]) -> tuple[list[str], Path, dict[str, str]]:
    command = [sys.executable, "-m", "portfolio_builder", "build", str(root), "-o", str(work / "site"),
               "--teacher", str(work / "teacher"), "--jobs", "2"]
    return command, version, {**env, "PORTFOLIO_CACHE": str(work / "cache"), "PYTHONPATH": str(version.resolve())}


def _timed(build: tuple[list[str], Path, dict[str, str]]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, every process) of one build."""
    command, cwd, env = build
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(f"{cwd}: the build failed:\n{result.stderr}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
