"""The build's worker processes, started before the heavy imports so that they load MkDocs beside the main process.

A build that has work to do forks its workers first, then imports the pipeline: each worker
loads MkDocs, mkdocs-material and Jinja2 (the renderer) while the main process loads the
readers and reads the class, on the other core. The same workers make the photos, then render
the sites; `--jobs 1` (or one core) uses none and does everything in order (docs/scale.md).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor


@contextlib.contextmanager
def worker_pool(jobs: int | None) -> Iterator[ProcessPoolExecutor | None]:
    """The workers of one build (started now), or None with one core; shut down when the build ends."""
    cores = jobs or os.cpu_count() or 1
    if cores <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=cores, initializer=_ready)
    pool.submit(os.getpid)  # forks every worker now (Python forks them all at the first task)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ready() -> None:
    """In each worker, at its start: the renderer and the image code, loaded while the main process reads."""
    import portfolio_builder.build.workers
    import portfolio_builder.site.runner  # noqa: F401  (MkDocs, mkdocs-material, Jinja2)
