"""The whole build, one class in, one folder of sites out, readable as a table of contents.

load + validate → images → views → render each site into a staging folder →
swap it in. The previous site is replaced only when the build completes
(SPEC.md: a crash or an interrupt leaves it byte for byte as it was).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import images, render, theme, validate, views
from .errors import ProblemLog, UsageError, did_you_mean
from .model import Audience, ClassFolder, ImageMedia, Student

#: Written into every output folder, so a later build knows it may replace that folder.
MARKER = ".portfolio-site"
#: Folders of the class site; a student whose slug is one of these would overwrite it.
RESERVED_SLUGS = {"assets", "gallery", "media", "search", "_teacher", "404"}


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    students: tuple[str, ...] = ()
    audience: Audience = Audience.FAMILY
    cache: Path = field(default_factory=images.default_cache_dir)
    jobs: int | None = None  # worker processes; None: one per core


@dataclass
class BuildReport:
    log: ProblemLog
    built: list[str] = field(default_factory=list)
    images: int = 0
    seconds: float = 0.0


def check(root: Path) -> ProblemLog:
    """Validate the class folder and every image without writing anything."""
    log = ProblemLog()
    cls = validate.load_class(root, log)
    for media in _images_of(cls.students):
        try:
            images.inspect(media.source)
        except images.ImageError as exc:
            log.error(media.origin or media.source, media.line, str(exc))
    return log


def build(options: BuildOptions) -> BuildReport:
    """Build every selected student's site and the class site, then swap them in."""
    started = time.perf_counter()
    report = BuildReport(ProblemLog())
    root, output = options.root.resolve(), options.output.resolve()
    _refuse_unsafe_output(root, output, options.cache.resolve())
    cls = validate.load_class(root, report.log)
    chosen = _choose_students(cls, options.students, report.log)
    if options.students:  # `--student maya`: Maya's problems and the class's, not everyone's
        report.log.problems = [p for p in report.log.problems if _concerns(p.path, root, chosen)]
    theme_dir = theme.theme_dir(cls.settings.theme, root)
    prepared = _prepare_images(_images_of(cls.students), options.cache, report.log)
    report.images = len(prepared)
    _remove_abandoned_staging(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-", dir=output.parent))
    try:
        _render_class(cls, options.audience, prepared, theme_dir, staging)
        sites = [(s, _student_view(cls, s, options.audience, prepared, theme_dir)) for s in chosen]
        for student, failure in _render_students(sites, staging, theme_dir, options.jobs):
            if failure:
                report.log.error(student.folder / "student.md", None, f"this site could not be built ({failure})")
            else:
                report.built.append(student.slug)
        if options.students:
            _carry_over(output, staging, cls, chosen)
        (staging / MARKER).write_text("Built by portfolio_builder. This whole folder is replaced by each build.\n")
        _swap_in(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


# --- steps ---------------------------------------------------------------------------


def _refuse_unsafe_output(root: Path, output: Path, cache: Path) -> None:
    """Nothing is ever written into the class folder, and nothing not ours is ever replaced."""
    for name, folder in (("output", output), ("cache", cache)):
        if folder == root or folder.is_relative_to(root) or root.is_relative_to(folder):
            raise UsageError(f"{folder}: error: the {name} folder must be outside the class folder {root}")
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise UsageError(
            f"{output}: error: this folder already holds other files; choose an empty or new folder with -o"
        )
    if not output.parent.is_dir():
        raise UsageError(f"{output.parent}: error: this folder does not exist")


def _choose_students(cls: ClassFolder, wanted: Iterable[str], log: ProblemLog) -> list[Student]:
    students = []
    for student in cls.students:
        if student.slug in RESERVED_SLUGS:
            log.error(student.folder, None, f"`{student.slug}` is a name the class site uses: rename this folder")
        else:
            students.append(student)
    slugs = {s.slug for s in students}
    for slug in wanted:
        if slug not in slugs:
            raise UsageError(f"--student {slug}: error: there is no student `{slug}`{did_you_mean(slug, slugs)}")
    return [s for s in students if not wanted or s.slug in wanted]


def _concerns(path: Path, root: Path, chosen: list[Student]) -> bool:
    """True for a problem in a chosen student's folder or in the class's own files."""
    if not path.is_relative_to(root):
        return True
    parts = path.relative_to(root).parts
    return len(parts) <= 1 or parts[0] in {s.folder.name for s in chosen}


def _images_of(students: Iterable[Student]) -> list[ImageMedia]:
    found: list[ImageMedia] = []
    for student in students:
        if student.photo:
            found.append(student.photo)
        found += [m for p in student.pieces for m in p.media if isinstance(m, ImageMedia)]
    return found


def _prepare_images(
    media: Iterable[ImageMedia], cache: Path, log: ProblemLog
) -> dict[Path, images.ImageSet]:
    prepared: dict[Path, images.ImageSet] = {}
    for item in media:
        if item.source in prepared:
            continue
        try:
            prepared[item.source] = images.prepare(item.source, cache)
        except images.ImageError as exc:
            log.error(item.origin or item.source, item.line, str(exc))
    return prepared


def _render_class(
    cls: ClassFolder, audience: Audience, prepared: dict[Path, images.ImageSet], theme_dir: Path, staging: Path
) -> None:
    words = theme.strings(theme_dir, cls.settings.language)
    render.build_site(views.class_site(cls, audience, prepared, words), staging, theme_dir)


def _student_view(
    cls: ClassFolder, student: Student, audience: Audience, prepared: dict[Path, images.ImageSet], theme_dir: Path
) -> views.SiteView:
    words = theme.strings(theme_dir, student.language or cls.settings.language)
    return views.student_site(cls, student, audience, prepared, words)


def _render_students(
    sites: list[tuple[Student, views.SiteView]], staging: Path, theme_dir: Path, jobs: int | None
) -> Iterator[tuple[Student, str | None]]:
    """Render each student's site, in worker processes when there is more than one to do."""
    students = [student for student, _ in sites]
    tasks = [(site, staging / student.slug, theme_dir) for student, site in sites]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        yield from zip(students, map(_render_one, tasks), strict=True)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from zip(students, pool.map(_render_one, tasks), strict=True)


def _render_one(task: tuple[views.SiteView, Path, Path]) -> str | None:
    """Build one site; a failure is reported for that student and never blocks the class."""
    site, destination, theme_dir = task
    try:
        render.build_site(site, destination, theme_dir)
    except Exception as exc:
        shutil.rmtree(destination, ignore_errors=True)
        return str(exc) or type(exc).__name__
    return None


def _carry_over(output: Path, staging: Path, cls: ClassFolder, chosen: list[Student]) -> None:
    """With --student, keep the other students' sites from the previous build."""
    rebuilt = {s.slug for s in chosen}
    for student in cls.students:
        previous = output / student.slug
        if student.slug not in rebuilt and previous.is_dir():
            shutil.copytree(previous, staging / student.slug)


def _remove_abandoned_staging(output: Path) -> None:
    """Clear half-built folders left by a build that was killed (its process is gone)."""
    leftovers = [*output.parent.glob(f".{output.name}.building-*-*"), *output.parent.glob(f".{output.name}.old-*")]
    for folder in leftovers:
        pid = folder.name.split(".building-" if ".building-" in folder.name else ".old-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging: Path, output: Path) -> None:
    """Replace the old site with the new one in two renames: never a half-written site."""
    if not output.exists():
        os.replace(staging, output)
        return
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    os.replace(output, retired)
    os.replace(staging, output)
    shutil.rmtree(retired, ignore_errors=True)
