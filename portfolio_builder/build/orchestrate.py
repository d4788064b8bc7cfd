"""The whole build, one class in, one folder of sites out, readable as a table of contents.

guards → a build that changes nothing stops here → read and check → images, and files without
metadata → views → render each site into a staging folder → swap it in (build/pipeline.py).
The previous site is replaced only when the build completes: a crash or an interrupt
leaves it byte for byte as it was (docs/architecture.md).

This module stays light: a teacher who runs `portfolio build` twice waits for a walk over the
class folder, not for MkDocs, pydantic and Pillow to load (docs/scale.md).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..cache import private
from ..content.walk import walked_once
from ..errors import ProblemLog
from .options import BuildOptions, BuildReport
from .output import restore_interrupted_swap
from .preflight import refuse_unsafe_output, refuse_unsafe_teacher
from .shards import refuse_with_students
from .state import inputs_digest, remembered_report


def check(root: Path, students: Iterable[str] = ()) -> ProblemLog:
    """Validate the class folder and every image without writing anything (build/pipeline.py)."""
    from . import pipeline  # loaded only by the commands that read the class

    return pipeline.check(root, students)


def build(options: BuildOptions) -> BuildReport:
    """Build every selected student's site and the class site, then swap them in; then the teacher folder.

    A cache folder that others can write is never read: the build uses a fresh one of its own.
    """
    if private(options.cache):
        with walked_once():
            return _build(options)
    with tempfile.TemporaryDirectory(prefix="portfolio-cache-") as fresh, walked_once():
        report = _build(replace(options, cache=Path(fresh)))
    report.log.warning(
        options.cache, None,
        "other people can write to this cache folder, so nothing in it was used (slower): "
        f"make it yours alone with `chmod 700 {options.cache}`",
    )
    return report


def _build(options: BuildOptions) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport(ProblemLog())
    root, output = options.root.resolve(), options.output.resolve()
    teacher = options.teacher.resolve() if options.teacher is not None else None
    refuse_with_students(options.shard, options.students)
    refuse_unsafe_output(root, output, options.cache.resolve())
    if teacher is not None:
        refuse_unsafe_teacher(teacher, root, output)
    restore_interrupted_swap(output)
    inputs = inputs_digest(root, output, options)
    if (remembered := remembered_report(inputs, output, options)) is not None:
        remembered.seconds = time.perf_counter() - started
        return remembered
    from . import pipeline  # something changed: now load what a real build needs

    return pipeline.rebuild(options, inputs, report, started)
