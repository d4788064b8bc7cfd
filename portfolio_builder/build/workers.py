"""Work spread over worker processes: photos made, files cleaned, sites rendered; one failure never blocks the class."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Generic, TypeVar

from .. import images, media, views
from ..errors import UsageError
from ..model import FileMedia, ImageMedia, Student
from ..site import kept
from .options import CLASS_PAGES, BuildOptions, BuildReport
from .output import remove_now

T = TypeVar("T")
R = TypeVar("R")


def prepare_images(
    media: list[ImageMedia | FileMedia], options: BuildOptions, report: BuildReport
) -> dict[Path, images.ImageSet]:
    """Make every image's sizes once, in worker processes; a broken image is reported, not fatal."""
    with PhotoWork(options) as work:
        work.add(media)
        return work.finish(report)


class PhotoWork:
    """Photos handed to worker processes as soon as they are known, collected when the views need them.

    A build adds each student's photos right after reading that student, so the workers make
    sizes while the rest of the class is still being read: on two cores reading is no longer a
    stage of its own (docs/scale.md). Unchanged files are found in the cache without a worker.
    The same workers then render the sites (`render_all`): started once, and `warm` readies them
    for MkDocs while the class is read, so a one-piece edit waits for no worker to start.
    """

    def __init__(self, options: BuildOptions, index: bool = False, workers: int | None = None) -> None:
        """`index`: find and keep photos through the build's index (`images.remembered`): for the class build
        only, so a preview or a keepsake of one student never replaces it with their few photos.
        `workers`: fewer worker processes than `options.jobs` (or the cores)."""
        self.options, self.index = options, index
        self.first: dict[Path, ImageMedia | FileMedia] = {}
        self.prepared: dict[Path, images.ImageSet] = {}
        self.waiting: dict[Path, Future[images.ImageSet | str]] = {}
        cores = options.jobs or os.cpu_count() or 1
        self.cores = min(workers or cores, cores)  # the worker processes
        self.pool = ProcessPoolExecutor(max_workers=self.cores, initializer=_start_worker) if cores > 1 else None
        self.known = images.remembered(options.cache) if index else {}
        self.identities: dict[Path, str] = {}  # each file's `images.identity`, for the index
        self.styled = False  # the stylesheet is being made (`prepare_stylesheet`)

    def __enter__(self) -> PhotoWork:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, media: Iterable[ImageMedia | FileMedia]) -> None:
        """Start the sizes of every photo (and PDF preview) not seen yet and not in the cache."""
        for item in media:
            if item.source in self.first:
                continue
            self.first[item.source] = item
            pdf = isinstance(item, FileMedia)
            try:
                digest = self.identities[item.source] = images.identity(item.source, pdf)
            except OSError:  # gone since it was read: the worker reports it, as for any unreadable photo
                digest = None
            if digest and (found := images.lookup(item.source, self.options.cache, pdf, self.known, digest)):
                self.prepared[item.source] = found
            elif self.pool is not None:
                self.waiting[item.source] = self.pool.submit(_prepare_one, (item.source, self.options.cache, pdf))

    def warm(self, theme_dir: Path | None = None, language: str = "en", root: Path | None = None) -> None:
        """Start the workers now, each loading MkDocs and its theme's code while the class is read.

        With the class's theme and language (asked again once the settings are read), each renders a
        one-page site too (`runner.warm`): its first real site, which a one-piece edit waits for, then
        finds MkDocs and the templates ready."""
        if self.pool is not None:
            for _ in range(self.cores):
                self.pool.submit(_warm, (theme_dir, language, self.options.cache, root))

    def discard(self, folder: Path) -> None:
        """Remove a folder already moved out of the way: in a worker, after what it was given before (the edited
        site's render), while the build goes on; here when there is no worker. One the build ends before is left
        to its clean-up (`output.remove_own_staging`)."""
        if self.pool is None:
            remove_now(folder)
        else:
            self.pool.submit(remove_now, folder)

    def meanwhile(self, function: Callable[[T], object], task: T) -> bool:
        """Run `function(task)` in a worker already busy with photos (none is started for it); its result is dropped.

        False when no photo is being made: there is nothing to do it beside."""
        if self.pool is not None and self.waiting:
            self.pool.submit(function, task)
            return True
        return False

    def prepare_stylesheet(self, theme_dir: Path) -> None:
        """Make the sites' stylesheet once, among the photos, as soon as the theme is known (else each worker
        makes it on its first site). Asked as each student is read: in a cold build it is made while the class
        is, not between the last photo and the first site (0.3 s of a worker)."""
        self.styled = self.styled or self.meanwhile(_prepare_stylesheet, (theme_dir, self.options.cache))

    def finish(self, report: BuildReport) -> dict[Path, images.ImageSet]:
        """Every photo's sizes, in the order they were added; broken ones reported for their student."""
        progress = self.options.progress
        progress.begin("images", len(self.first))
        for source, item in self.first.items():
            if source in self.prepared:
                progress.advance("images")
                continue
            task = (source, self.options.cache, isinstance(item, FileMedia))
            future = self.waiting.get(source)
            result = future.result() if future is not None else _prepare_one(task)
            progress.advance("images")
            if isinstance(result, str):
                _report_broken(item, result, report)
            else:
                self.prepared[source] = result
        prepared = {source: self.prepared[source] for source in self.first if source in self.prepared}
        if self.index:
            pdfs = {source: isinstance(self.first[source], FileMedia) for source in prepared}
            images.remember(
                self.options.cache, {s: (found, pdfs[s]) for s, found in prepared.items()}, self.known, self.identities
            )
        _report_notes(prepared, self.first, report)
        report.images = len(prepared)
        report.images_made = sum(1 for s in prepared.values() if s.fresh)
        progress.end("images", f"{report.images} ({report.images_made} processed, "
                               f"{report.images - report.images_made} cached)")
        return prepared


def _prepare_stylesheet(task: tuple[Path, Path]) -> None:
    from ..site import stylesheet  # in the worker: the build itself never parses CSS

    stylesheet.prepare(*task)


def _start_worker() -> None:
    """A worker renders site after site: it collects its cycles, whatever the build's own process does.

    What it was forked with (the build's modules, the class read so far) is frozen first: its collections
    never walk those objects again (each took about 0.05 s), and never touch the pages it shares with the build.
    """
    gc.freeze()
    gc.enable()


def _warm(task: tuple[Path | None, str, Path, Path | None]) -> None:
    from ..site import runner

    runner.warm(*task)


def _report_broken(item: ImageMedia | FileMedia, message: str, report: BuildReport) -> None:
    if isinstance(item, ImageMedia):
        report.log.error(item.origin or item.source, item.line, message)
    else:  # the PDF is still published; only its preview is missing
        report.log.warning(item.source, None, f"{message} (no preview shown)")


def _report_notes(
    prepared: dict[Path, images.ImageSet], first: dict[Path, ImageMedia | FileMedia], report: BuildReport
) -> None:
    """Every build repeats a photo's warnings, found in the cache or not, until the student fixes the file."""
    for source, found in prepared.items():
        item = first[source]
        for note in found.notes:
            report.log.warning(item.origin or item.source, item.line, note)


def _prepare_one(task: tuple[Path, Path, bool]) -> images.ImageSet | str:
    source, cache, pdf = task
    try:
        return images.prepare(source, cache, pdf=pdf)
    except images.ImageError as exc:
        return str(exc)


def prepare_media(files: list[FileMedia], options: BuildOptions, report: BuildReport) -> dict[Path, media.CleanFile]:
    """Clean every PDF, recording and video once, in worker processes; what cannot be cleaned is left out.

    Left out, never published as it is: a file that keeps its metadata would tell families a
    name or a place (docs/privacy.md). A broken file is an error; a missing tool is a warning.
    """
    first: dict[Path, FileMedia] = {}
    for item in files:
        first.setdefault(item.source, item)
    if not first:
        return {}
    options.progress.begin("files", len(first))
    cleaned: dict[Path, media.CleanFile] = {}
    for source in first:  # unchanged files are found without a worker or a read
        if found := media.lookup(source, options.cache):
            cleaned[source] = found
            options.progress.advance("files")
    missing = [source for source in first if source not in cleaned]
    tasks = [(source, options.cache) for source in missing]
    for source, result in zip(missing, in_workers(_clean_one, tasks, options.jobs), strict=True):
        options.progress.advance("files")
        item = first[source]
        if isinstance(result, media.MissingTool):
            report.log.warning(item.origin or item.source, item.line, str(result))
        elif isinstance(result, media.MediaError):
            report.log.error(item.origin or item.source, item.line, f"{result} (not published)")
        else:
            cleaned[source] = result
    made = sum(1 for f in cleaned.values() if f.fresh)
    options.progress.end("files", f"{len(cleaned)} without metadata ({made} cleaned, {len(cleaned) - made} cached)")
    return cleaned


def _clean_one(task: tuple[Path, Path]) -> media.CleanFile | media.MediaError:
    source, cache = task
    try:
        return media.clean(source, cache)
    except media.MediaError as exc:
        return exc


def in_workers(function: Callable[[T], R], tasks: list[T], jobs: int | None) -> Iterator[R]:
    """`map` in worker processes when there is more than one task and more than one core to give."""
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        yield from map(function, tasks)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Small chunks: a worker left alone with a long last chunk would double the tail of the stage.
        yield from pool.map(function, tasks, chunksize=max(1, len(tasks) // (workers * 64)))


class _Inline(Generic[T, R]):
    """A task run when its result is asked for: the one-core build's stand-in for a worker's future."""

    def __init__(self, function: Callable[[T], R], task: T) -> None:
        self.function, self.task = function, task

    def result(self) -> R:
        return self.function(self.task)


def _submit(pool: ProcessPoolExecutor | None, function: Callable[[T], R], task: T) -> Future[R] | _Inline[T, R]:
    return pool.submit(function, task) if pool is not None else _Inline(function, task)


def render_all(
    class_pages: Callable[[], views.SiteView | None], sites: list[tuple[Student, views.SiteView]],
    where: dict[str, str], staging: Path, theme_dir: Path, options: BuildOptions, report: BuildReport,
    meanwhile: Callable[[], None] | None = None, pool: ProcessPoolExecutor | None = None,
    begun: Mapping[str, tuple[Future[Outcome], Path]] | None = None, earlier: Mapping[str, kept.Earlier] | None = None,
) -> None:
    """Render the student sites that changed, and the class pages when `class_pages()` gives them, in the workers.

    Many sites (a first build): the class pages go first, the largest task begun early. A few (a
    one-piece edit): the students' go first, and `class_pages()` makes the class view while they
    render. One student's failure never blocks the class; the class pages failing stops the build
    (exit 2), so families never find a site without its front page. `meanwhile` runs while they render.
    `begun`: sites already rendering while the class was read (early.py), with the folder they render in.
    `earlier`: each student's site as published and as it will be (site/kept.py).
    """
    options.progress.begin("sites", len(sites))
    begun, earlier = begun or {}, earlier or {}
    tasks: list[RenderTask] = [
        (site, staging / where[student.slug], theme_dir, options.cache, earlier.get(student.slug))
        for student, site in sites
    ]
    cores = options.jobs or os.cpu_count() or 1
    early = class_pages() if len(sites) >= cores else None
    first = _submit(pool, render_one, (early, staging / CLASS_PAGES, theme_dir, options.cache, None)) if early else None
    students = [
        begun[student.slug][0] if student.slug in begun else _submit(pool, render_one, task)
        for (student, _), task in zip(sites, tasks, strict=True)
    ]
    late = class_pages() if len(sites) < cores else None
    last = _submit(pool, render_one, (late, staging / CLASS_PAGES, theme_dir, options.cache, None)) if late else None
    if meanwhile is not None:
        meanwhile()
    if (class_task := first or last) is not None:
        _place_class_pages(class_task.result(), staging, options, report)
    outcomes = (
        _in_place(future.result(), begun.get(student.slug), staging / where[student.slug])
        for (student, _), future in zip(sites, students, strict=True)
    )
    record_outcomes([student for student, _ in sites], outcomes, ("site", "built"), options, report)
    options.progress.end("sites", f"{len(report.built)} built, {len(report.unchanged)} unchanged")


def _in_place(outcome: Outcome, begun: tuple[Future[Outcome], Path] | None, destination: Path) -> Outcome:
    """A site rendered beside the output while the class was read, moved to its place in the staging folder."""
    if begun is not None and outcome[0] is None:
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(begun[1], destination)
    return outcome


def _place_class_pages(outcome: Outcome, staging: Path, options: BuildOptions, report: BuildReport) -> None:
    """The class pages' outcome: moved up beside the student sites, or the build stopped."""
    failure, warnings = outcome
    if failure:
        raise UsageError(f"{options.root / 'portfolio.yml'}: error: the class pages could not be built ({failure})")
    for warning in warnings:
        report.log.warning(options.root / "portfolio.yml", None, f"the class pages: {warning}")
    for entry in (staging / CLASS_PAGES).iterdir():  # beside the student sites (MkDocs empties its folder)
        os.replace(entry, staging / entry.name)
    (staging / CLASS_PAGES).rmdir()


Outcome = tuple[str | None, list[str]]  # a failure (or None) and MkDocs' warnings


def record_outcomes(
    students: list[Student], outcomes: Iterator[Outcome], what: tuple[str, str], options: BuildOptions,
    report: BuildReport,
) -> None:
    """Each student's outcome as problems on their student.md: one failure never blocks the class.

    `what` names the thing made and how ("site", "built"): also the progress stage (`sites`).
    """
    thing, done = what
    stage = f"{thing}s"
    for student, (failure, warnings) in zip(students, outcomes, strict=True):
        options.progress.advance(stage)
        for warning in warnings:
            report.log.warning(student.folder / "student.md", None, f"while making this {thing}: {warning}")
        if failure:
            report.log.error(student.folder / "student.md", None, f"this {thing} could not be {done} ({failure})")
            report.failed.append(student.slug)
        else:
            report.built.append(student.slug)


RenderTask = tuple[views.SiteView, Path, Path, Path, "kept.Earlier | None"]


def render_one(task: RenderTask) -> Outcome:
    """Build one site: its failure (reported for that student, never blocking the class) and MkDocs' warnings.

    With an `Earlier` site, its unchanged pages are taken from it (site/kept.py)."""
    from ..site import runner  # in the worker: the build's own process never loads MkDocs

    site, destination, theme_dir, cache, earlier = task
    try:
        return None, runner.build_site(site, destination, theme_dir, cache, shared=True, earlier=earlier)
    except Exception as exc:
        shutil.rmtree(destination, ignore_errors=True)
        return str(exc) or type(exc).__name__, []
