"""The whole build, one class in, one folder of sites out, readable as a table of contents.

load + validate → images → views → render each site into a staging folder →
swap it in. The previous site is replaced only when the build completes
(SPEC.md: a crash or an interrupt leaves it byte for byte as it was).

Builds are incremental: each site's fingerprint (everything it is made of: its view,
the theme, the tool's version) is kept in the output's marker file; a site whose
fingerprint did not change is hard-linked from the previous output instead of rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import material
import mkdocs

from . import __version__, images, load, markup, render, theme, validate, views
from .cache import atomic_write, code_digest, default_cache_dir
from .errors import Problem, ProblemLog, Severity, UsageError, did_you_mean
from .model import Audience, ClassFolder, FileMedia, ImageMedia, Student
from .progress import Progress

T = TypeVar("T")
R = TypeVar("R")

#: Written into every output folder, so a later build knows it may replace that folder.
MARKER = ".portfolio-site"
#: Folders of the class site; a student whose slug is one of these would overwrite it.
RESERVED_SLUGS = {"assets", "gallery", "media", "search", "_teacher", "404"}
#: Where the class pages are rendered inside the staging folder, before they move up beside the students.
CLASS_PAGES = ".class-pages"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    students: tuple[str, ...] = ()
    audience: Audience = Audience.FAMILY
    cache: Path = field(default_factory=default_cache_dir)
    jobs: int | None = None  # worker processes; None: one per core
    progress: Progress = field(default_factory=Progress)


@dataclass
class BuildReport:
    log: ProblemLog
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pieces: int = 0
    images: int = 0
    images_made: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        sites = f"{len(self.built)} student site(s) built, {len(self.unchanged)} unchanged, {len(self.failed)} failed"
        photos = f"{self.images} images ({self.images_made} processed, {self.images - self.images_made} cached)"
        return f"{sites}; {self.pieces} pieces; {photos}; {self.seconds:.1f} s"


def check(root: Path) -> ProblemLog:
    """Validate the class folder and every image without writing anything."""
    log = ProblemLog()
    cls = validate.load_class(root, log)
    for media in _images_of(cls.students):
        if isinstance(media, ImageMedia):
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
    inputs = _inputs(root, output, options)
    if (remembered := _remembered(inputs, output, options)) is not None:
        remembered.seconds = time.perf_counter() - started
        return remembered
    cls = validate.load_class(root, report.log, memo=options.cache / "students")
    chosen = _choose_students(cls, options.students, report.log)
    if options.students:  # `--student maya`: Maya's problems and the class's, not everyone's
        report.log.problems = [p for p in report.log.problems if _concerns(p.path, root, chosen)]
    report.pieces = sum(len(s.pieces) for s in chosen)
    theme_dir = theme.theme_dir(cls.settings.theme, root)
    prepared = _prepare_images(_images_of(cls.students), options, report)
    salt = _salt(theme_dir)
    with markup.remembered(options.cache / "markdown.json"):
        words = theme.strings(theme_dir, cls.settings.language)
        class_site = views.class_site(cls, options.audience, prepared, words)
        sites = [(s, _student_view(cls, s, options.audience, prepared, theme_dir)) for s in chosen]
    before = _read_marker(output)
    after = {"": _fingerprint(class_site, salt)} | {s.slug: _fingerprint(site, salt) for s, site in sites}
    students = [s.slug for s in cls.students if s.slug not in RESERVED_SLUGS]
    intact = (output / "index.html").is_file() and all((output / slug).is_dir() for slug in students)
    if not options.students and after == before["sites"] and students == before["students"] and intact:
        report.unchanged = list(students)  # nothing changed: the site on disk is already this build's
        report.seconds = time.perf_counter() - started
        _remember(inputs, output, options, report)
        return report
    _remove_abandoned_staging(output)
    _remove_orphan_spares(options.cache)
    staging, held = _claim_staging(output, options.cache)
    places = _Places(staging, held, output, before)
    try:
        _drop_departed(places, students)
        class_pages = None if _reuse_class_site(places, after[""]) else class_site
        to_render = []
        for student, site in sites:
            if _reuse(places, student.slug, after[student.slug]):
                report.unchanged.append(student.slug)
            else:
                to_render.append((student, site))
        if options.students:
            after |= _carry_over(places, [slug for slug in students if slug not in after])
        _render_all(class_pages, to_render, staging, theme_dir, options, report)
        _share_identical_assets(staging, [student.slug for student, _ in to_render])
        _write_marker(staging, after, students)
        _swap_in(staging, output, _spare(output, options.cache))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    if not options.students and not report.failed:
        _remember(inputs, output, options, report)
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


def _images_of(students: Iterable[Student]) -> list[ImageMedia | FileMedia]:
    """Every photo, and every PDF (for its first-page preview)."""
    found: list[ImageMedia | FileMedia] = []
    for student in students:
        if student.photo:
            found.append(student.photo)
        for piece in student.pieces:
            found += [m for m in piece.media if isinstance(m, ImageMedia)]
            found += [m for m in piece.media if isinstance(m, FileMedia) and m.kind == "pdf"]
    return found


def _prepare_images(
    media: list[ImageMedia | FileMedia], options: BuildOptions, report: BuildReport
) -> dict[Path, images.ImageSet]:
    """Make every image's sizes once, in worker processes; a broken image is reported, not fatal."""
    first: dict[Path, ImageMedia | FileMedia] = {}
    for item in media:
        first.setdefault(item.source, item)
    options.progress.begin("images", len(first))
    prepared: dict[Path, images.ImageSet] = {}
    for source, item in first.items():  # unchanged files are found without a worker or a read
        if found := images.lookup(source, options.cache, pdf=isinstance(item, FileMedia)):
            prepared[source] = found
            options.progress.advance("images")
    missing = [source for source in first if source not in prepared]
    tasks = [(source, options.cache, isinstance(first[source], FileMedia)) for source in missing]
    for source, result in zip(missing, _map(_prepare_one, tasks, options.jobs), strict=True):
        options.progress.advance("images")
        if isinstance(result, str):
            item = first[source]
            if isinstance(item, ImageMedia):
                report.log.error(item.origin or item.source, item.line, result)
            else:  # the PDF is still published; only its preview is missing
                report.log.warning(item.source, None, f"{result} (no preview shown)")
        else:
            prepared[source] = result
    report.images = len(prepared)
    report.images_made = sum(1 for s in prepared.values() if s.fresh)
    options.progress.end("images", f"{report.images} ({report.images_made} processed, "
                                   f"{report.images - report.images_made} cached)")
    return prepared


def _prepare_one(task: tuple[Path, Path, bool]) -> images.ImageSet | str:
    source, cache, pdf = task
    try:
        return images.prepare(source, cache, pdf=pdf)
    except images.ImageError as exc:
        return str(exc)


def _map(function: Callable[[T], R], tasks: list[T], jobs: int | None) -> Iterator[R]:
    """`map` in worker processes when there is more than one task and more than one core to give."""
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1:
        yield from map(function, tasks)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Small chunks: a worker left alone with a long last chunk would double the tail of the stage.
        yield from pool.map(function, tasks, chunksize=max(1, len(tasks) // (workers * 64)))


def _student_view(
    cls: ClassFolder, student: Student, audience: Audience, prepared: dict[Path, images.ImageSet], theme_dir: Path
) -> views.SiteView:
    words = theme.strings(theme_dir, student.language or cls.settings.language)
    return views.student_site(cls, student, audience, prepared, words)


def _render_all(
    class_site: views.SiteView | None, sites: list[tuple[Student, views.SiteView]], staging: Path,
    theme_dir: Path, options: BuildOptions, report: BuildReport,
) -> None:
    """Render the class pages (when they changed) and the student sites that changed, in worker processes.

    One student's failure never blocks the class; the class pages failing stops the build (exit 2),
    so families never find a site without its front page.
    """
    options.progress.begin("sites", len(sites))
    tasks = [(site, staging / student.slug, theme_dir, options.cache) for student, site in sites]
    if class_site is not None:  # first: the largest task, started while the students' run beside it
        tasks.insert(0, (class_site, staging / CLASS_PAGES, theme_dir, options.cache))
    results = _map(_render_one, tasks, options.jobs)
    if class_site is not None:
        if failure := next(results):
            raise UsageError(f"{options.root / 'portfolio.yml'}: error: the class pages could not be built ({failure})")
        for entry in (staging / CLASS_PAGES).iterdir():  # beside the student sites (MkDocs empties its folder)
            os.replace(entry, staging / entry.name)
        (staging / CLASS_PAGES).rmdir()
    for (student, _), failure in zip(sites, results, strict=True):
        options.progress.advance("sites")
        if failure:
            report.log.error(student.folder / "student.md", None, f"this site could not be built ({failure})")
            report.failed.append(student.slug)
        else:
            report.built.append(student.slug)
    options.progress.end("sites", f"{len(report.built)} built, {len(report.unchanged)} unchanged")


def _render_one(task: tuple[views.SiteView, Path, Path, Path]) -> str | None:
    """Build one site; a failure is reported for that student and never blocks the class."""
    site, destination, theme_dir, cache = task
    try:
        render.build_site(site, destination, theme_dir, cache)
    except Exception as exc:
        shutil.rmtree(destination, ignore_errors=True)
        return str(exc) or type(exc).__name__
    return None


# --- incremental builds: fingerprints, the marker file, hard links ---------------------


def _salt(theme_dir: Path) -> str:
    """Everything besides a site's view that shapes its pages: versions, base config, theme files."""
    digest = hashlib.sha256(f"{__version__}|{mkdocs.__version__}|{material.__version__}".encode())
    digest.update(code_digest().encode())  # an upgrade that renders differently rebuilds every site
    digest.update(theme.base_config_path().read_bytes())
    for path in sorted(p for p in theme_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(theme_dir)).encode() + path.read_bytes())
    return digest.hexdigest()


def _fingerprint(site: views.SiteView, salt: str) -> str:
    """A site's fingerprint: the same view, theme and tool give the same pages, byte for byte."""
    return hashlib.sha256(salt.encode() + pickle.dumps(site, protocol=5)).hexdigest()


def _inputs(root: Path, output: Path, options: BuildOptions) -> str:
    """Every input of a build, cheaply: each file's path, size and time under ROOT and the theme folders."""
    digest = hashlib.sha256(
        f"{__version__}|{mkdocs.__version__}|{material.__version__}|{options.audience.value}|{output}".encode()
    )
    digest.update(code_digest().encode())
    for folder in (root, theme.data_root() / "themes"):  # the walk that reading uses: links followed
        for entry in load.walk(folder):
            digest.update(f"{entry.stamp()}\n".encode())
    digest.update(theme.base_config_path().read_bytes())
    return digest.hexdigest()


def _record(output: Path, options: BuildOptions) -> Path:
    return options.cache / "builds" / f"{hashlib.sha256(str(output).encode()).hexdigest()[:24]}.json"


def _remembered(inputs: str, output: Path, options: BuildOptions) -> BuildReport | None:
    """When not one input changed since the last full build of this output, its report, and no work.

    The problems are remembered too, so a no-change build prints the same lines and exits the same.
    """
    if options.students:
        return None
    try:
        record = json.loads(_record(output, options).read_text())
        marker = (output / MARKER).read_bytes()
    except (OSError, ValueError):
        return None
    if record.get("inputs") != inputs or record.get("marker") != hashlib.sha256(marker).hexdigest():
        return None
    if not all((output / slug).is_dir() for slug in record["unchanged"]):
        return None
    log = ProblemLog([Problem(Path(p), line, Severity(sev), msg) for p, line, sev, msg in record["problems"]])
    return BuildReport(log, unchanged=record["unchanged"], pieces=record["pieces"], images=record["images"])


def _remember(inputs: str, output: Path, options: BuildOptions, report: BuildReport) -> None:
    try:
        marker = hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return
    record = {
        "inputs": inputs, "marker": marker, "pieces": report.pieces, "images": report.images,
        "unchanged": report.built + report.unchanged,
        "problems": [[str(p.path), p.line, p.severity.value, p.message] for p in report.log.problems],
    }
    path = _record(output, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(record).encode())


def _no_sites() -> dict[str, Any]:
    """The fingerprints of a folder that holds no site."""
    return {"sites": {}, "students": []}


def _read_marker(output: Path) -> dict[str, Any]:
    """The previous build's fingerprints, or nothing when there is no usable previous build."""
    try:
        data = json.loads((output / MARKER).read_text())
    except (OSError, ValueError):
        return _no_sites()
    valid = isinstance(data, dict) and isinstance(data.get("sites"), dict) and isinstance(data.get("students"), list)
    return data if valid else _no_sites()


def _write_marker(staging: Path, sites: dict[str, str], students: list[str]) -> None:
    note = "Built by portfolio_builder. This whole folder is replaced by each build."
    (staging / MARKER).write_text(json.dumps({"note": note, "sites": sites, "students": students}, indent=1))


def _share_identical_assets(staging: Path, rendered: list[str]) -> None:
    """Every site carries the same theme files: keep one copy on disk, hard-linked into each site."""
    seen: dict[tuple[str, int, str], Path] = {}
    for folder in [staging / "assets", *(staging / slug / "assets" for slug in rendered)]:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            key = (str(path.relative_to(folder)), path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            if (first := seen.setdefault(key, path)) is not path and not path.samefile(first):
                path.unlink()
                _link(first, path)


def _link_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination, copy_function=_link)


def _link(source: Path | str, destination: Path | str) -> None:
    """Share the bytes of an unchanged file (no copy); copy where links are not possible."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


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


def _swap_in(staging: Path, output: Path, spare: Path) -> None:
    """Replace the old site with the new one in two renames: never a half-written site.

    The old site is kept in the cache as the next build's starting point: most of it is
    still right then, and renaming it costs nothing where deleting it costs a second.
    """
    shutil.rmtree(spare, ignore_errors=True)  # a spare this build did not use
    if not output.exists():
        os.replace(staging, output)
        _keep_spare(output, spare, output, link=True)
        return
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    os.replace(output, retired)
    os.replace(staging, output)
    _keep_spare(retired, spare, output, link=False)


def _keep_spare(site: Path, spare: Path, output: Path, link: bool) -> None:
    """Keep `site` as the spare of `output`: moved there, or (after a first build) a linked copy.

    Only on the cache's own disk: a spare is never a copy of every photo. `<spare>.output`
    names the folder it belongs to, so spares of folders that are gone can be cleared.
    """
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        spare.with_name(f"{spare.name}.output").write_text(str(output))
        if not link:
            os.replace(site, spare)
        elif os.stat(site).st_dev == os.stat(spare.parent).st_dev:
            _link_tree(site, spare)
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)
    if not link:
        shutil.rmtree(site, ignore_errors=True)  # not kept (the cache is on another disk): deleted


# --- the staging folder: a new one, or the previous site kept as a spare ---------------


def _spare(output: Path, cache: Path) -> Path:
    return cache / "sites" / hashlib.sha256(str(output).encode()).hexdigest()[:24]


def _remove_orphan_spares(cache: Path) -> None:
    """Spares of sites that are gone (a deleted output, `portfolio serve`'s temporary folder)."""
    for owner in (cache / "sites").glob("*.output"):
        try:
            gone = not Path(owner.read_text()).exists()
        except OSError:
            continue
        if gone:
            shutil.rmtree(owner.with_suffix(""), ignore_errors=True)
            owner.unlink(missing_ok=True)


def _claim_staging(output: Path, cache: Path) -> tuple[Path, dict[str, Any]]:
    """A folder beside the output to build into, and the fingerprints of the sites it already holds.

    The spare (the site the last build replaced) is claimed with one rename, so two builds never
    share it; its marker is removed first, so a build killed while updating it leaves nothing
    the next one would trust.
    """
    claimed = output.with_name(f".{output.name}.building-{os.getpid()}-spare")
    try:
        os.replace(_spare(output, cache), claimed)
    except OSError:  # no spare, another build took it, or it is on another disk
        return _fresh_staging(output), _no_sites()
    held = _read_marker(claimed)
    (claimed / MARKER).unlink(missing_ok=True)
    if not held["sites"]:
        shutil.rmtree(claimed, ignore_errors=True)
        return _fresh_staging(output), _no_sites()
    return claimed, held


def _fresh_staging(output: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-", dir=output.parent))


@dataclass(frozen=True)
class _Places:
    """Where a site can come from without rendering it, each with the fingerprints of what it holds."""

    staging: Path
    held: dict[str, Any]  # the staging folder: empty, or the spare
    output: Path
    before: dict[str, Any]  # the site this build replaces


def _drop_departed(places: _Places, students: list[str]) -> None:
    """Sites in the spare of students who are no longer in the class."""
    for slug in places.held["students"]:
        if slug not in students:
            shutil.rmtree(places.staging / slug, ignore_errors=True)


def _reuse(places: _Places, slug: str, fingerprint: str) -> bool:
    """Put an unchanged site in place without rendering it: kept from the spare, or linked from the output."""
    staged, previous = places.staging / slug, places.output / slug
    if places.held["sites"].get(slug) == fingerprint and staged.is_dir():
        return True
    shutil.rmtree(staged, ignore_errors=True)
    if places.before["sites"].get(slug) == fingerprint and previous.is_dir():
        _link_tree(previous, staged)
        return True
    return False


def _reuse_class_site(places: _Places, fingerprint: str) -> bool:
    """The class pages (everything at the top that is not a student's site), when unchanged."""
    if places.held["sites"].get("") == fingerprint and (places.staging / "index.html").is_file():
        return True
    for entry in places.staging.iterdir():
        if entry.name not in places.held["students"]:
            _remove(entry)
    if places.before["sites"].get("") != fingerprint or not (places.output / "index.html").is_file():
        return False
    for entry in places.output.iterdir():
        if entry.name in places.before["students"] or entry.name == MARKER:
            continue
        if entry.is_dir():
            _link_tree(entry, places.staging / entry.name)
        else:
            _link(entry, places.staging / entry.name)
    return True


def _carry_over(places: _Places, others: list[str]) -> dict[str, str]:
    """With --student, keep the other students' sites as the previous build left them."""
    kept = {}
    for slug in others:
        fingerprint = places.before["sites"].get(slug)
        if fingerprint and _reuse(places, slug, fingerprint):
            kept[slug] = fingerprint
            continue
        shutil.rmtree(places.staging / slug, ignore_errors=True)
        if (places.output / slug).is_dir():
            _link_tree(places.output / slug, places.staging / slug)
    return kept


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()
