"""Where one build's time goes in the main process: each step's start and length, from timestamps.

    python benchmarks/steps.py build /tmp/pbig/class-30x40x20-12mp -o /tmp/pbig/site   # any `portfolio` arguments

Runs the real command in this process with a wrapper around each step of the pipeline (importing it,
reading the class, the early site, keys, the teacher folder, rendering, the swap) and prints, on
stderr, every step that took more than 3 ms: when it started (seconds from the start), how long it
took, and how many times it ran. Set `PORTFOLIO_CACHE` as `bench.py` does to time a build of its class.
The wrappers cost a little; compare runs of this script with each other, not with `bench.py`.
Used for the figures in benchmarks/README.md ("Where a one-piece edit ... spends its time").
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

START = time.perf_counter()
MARKS: list[tuple[str, float, float]] = []

#: module → the functions of it to time.
STEPS = {
    "portfolio_builder.build.pipeline": (
        "load_class", "check_words", "choose_students", "read_links", "with_secrets", "_write_site", "media_of",
        "class_key", "student_sites", "render_all", "_fill_teacher", "remember_report", "swap_in",
        "share_identical_assets", "claim_staging", "remove_orphan_spares", "remove_abandoned_staging", "reuse",
        "drop_departed", "read_known_views", "read_marker", "write_marker",
    ),
    "portfolio_builder.content.students": (
        "read_settings", "read_targets", "read_student", "warn_missing_texts", "drop_colliding_students",
    ),
    "portfolio_builder.content.memo": ("files_key",),
    "portfolio_builder.build.teacher": ("swap_teacher_folder",),
}


#: Functions run in the worker processes, timed there (a forked worker inherits the wrappers).
WORKER_STEPS = {
    "portfolio_builder.build.workers": ("_warm", "render_one", "_prepare_one", "_prepare_stylesheet"),
}
MAIN = os.getpid()
WORKER_LOG = Path(tempfile.mkdtemp(prefix="steps-")) / "workers.log"


def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            mark = (label, began - START, time.perf_counter() - began)
            if os.getpid() == MAIN:
                MARKS.append(mark)
            else:  # perf_counter is the system's monotonic clock: the same in every process
                with WORKER_LOG.open("a") as log:
                    log.write(f"worker {os.getpid()} {mark[0]}\t{mark[1]}\t{mark[2]}\n")

    return wrapper


def main() -> None:
    import importlib

    from portfolio_builder import cli

    began = time.perf_counter()
    for name in STEPS:
        importlib.import_module(name)
    MARKS.append(("import the pipeline", began - START, time.perf_counter() - began))
    for name, functions in (*STEPS.items(), *WORKER_STEPS.items()):
        module = sys.modules[name]
        for function in functions:
            setattr(module, function, timed(f"{name.rsplit('.', 1)[1]}.{function}", getattr(module, function)))
    from portfolio_builder.build import early, workers
    from portfolio_builder.build.early import EarlySites

    early.render_one = workers.render_one  # type: ignore[attr-defined]  # the edited site, begun while the class is read
    from portfolio_builder.build.workers import PhotoWork

    EarlySites.__call__ = timed("early.EarlySites (each student as read)", EarlySites.__call__)  # type: ignore[method-assign]
    PhotoWork.finish = timed("workers.PhotoWork.finish", PhotoWork.finish)  # type: ignore[method-assign]
    PhotoWork.__exit__ = timed("workers.PhotoWork.__exit__ (workers stop)", PhotoWork.__exit__)  # type: ignore[method-assign]
    sys.argv = ["portfolio", *sys.argv[1:]]
    with contextlib.suppress(SystemExit):
        cli.main()
    total = time.perf_counter() - START
    if WORKER_LOG.exists():
        for line in WORKER_LOG.read_text().splitlines():
            name, at, took = line.split("\t")
            MARKS.append((name, float(at), float(took)))
    steps: dict[str, list[float]] = {}
    for label, start, seconds in MARKS:
        step = steps.setdefault(label, [start, 0.0, 0])
        step[1] += seconds
        step[2] += 1
    for label, (start, seconds, count) in sorted(steps.items(), key=lambda item: item[1][0]):
        if seconds > 0.003:
            print(f"{start:7.3f} s {seconds:7.3f} s  ×{int(count):<3} {label}", file=sys.stderr)
    print(f"{total:7.3f} s in all", file=sys.stderr)


if __name__ == "__main__":
    main()
