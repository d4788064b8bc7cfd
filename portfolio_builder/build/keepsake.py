"""`portfolio keepsake`: each student's family site as one zip a family keeps, that opens from files, offline.

The same reading, photos and views as `build` (what a family may see is decided in one place), one
MkDocs build per student with the keepsake flag (site/offline.py), then one zip per student:
`<slug>/…` and a note saying how to open it, in the student's language.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import markup
from ..content.students import load_class
from ..errors import ProblemLog, UsageError
from ..model import Audience, ClassFolder, Student
from ..site import runner, theme
from ..views import SiteView
from .options import BuildOptions, BuildReport
from .pipeline import choose_students, concerns
from .sitekeys import files_of, images_of, student_view
from .workers import in_workers, prepare_images, prepare_media, record_outcomes

#: A keepsake is the family site: family, class and public pieces, never private ones.
AUDIENCE = Audience.FAMILY
#: Every entry's time: the zip's bytes depend on the site only, not on when it was made.
_EPOCH = (1980, 1, 1, 0, 0, 0)
#: Files worth compressing; photos, PDFs and recordings are compressed already and are stored as they are.
_TEXT = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml"}


@dataclass(frozen=True)
class Keepsake:
    """One student's zip to make, as a worker process gets it."""

    site: SiteView
    slug: str
    destination: Path  # DIR/<slug>.zip
    theme_dir: Path
    cache: Path
    note_name: str
    note: str


def keepsakes(options: BuildOptions) -> BuildReport:
    """Write DIR/<slug>.zip for every chosen student; a student whose site fails is reported, not fatal."""
    report = BuildReport(ProblemLog())
    root, output = options.root.resolve(), options.output.resolve()
    _refuse_unsafe_output(root, output)
    with markup.remembered(options.cache / "markdown.json"):
        cls = load_class(root, report.log, memo=options.cache / "students")
    chosen = choose_students(cls, options.students, report.log)
    if options.students:  # `--student maya`: Maya's problems and the class's, not everyone's
        folders = {s.folder.name for s in chosen}
        report.log.problems = [p for p in report.log.problems if concerns(p.path, root, folders)]
    report.pieces = sum(len([p for p in s.pieces if p.share.reaches(AUDIENCE)]) for s in chosen)
    prepared = prepare_images(images_of(chosen, AUDIENCE), options, report)
    cleaned = prepare_media(files_of(chosen, AUDIENCE), options, report)  # never a file with its metadata
    theme_dir = theme.theme_dir(cls.settings.theme, root)
    output.mkdir(exist_ok=True)
    tasks = [
        _keepsake(cls, student, student_view(cls, student, AUDIENCE, prepared, cleaned, theme_dir, secret=True),
                  output, theme_dir, options.cache)
        for student in chosen
    ]
    _make_all(tasks, chosen, options, report)
    return report


def _keepsake(
    cls: ClassFolder, student: Student, site: SiteView, output: Path, theme_dir: Path, cache: Path
) -> Keepsake:
    """The task for one student: the site, and the note in the student's language (locales, never Python)."""
    language = student.language or cls.settings.language
    # A class's own theme may predate keepsakes: the built-in theme's words fill in what it lacks.
    builtin = theme.data_root() / "themes" / "portfolio"
    words = theme.strings(builtin, language, cls.root) | theme.strings(theme_dir, language, cls.root)
    note = str(words["keepsake_note"]).format(name=student.name, folder=student.slug)
    return Keepsake(site, student.slug, output / f"{student.slug}.zip", theme_dir, cache,
                    str(words["keepsake_note_file"]), note)


def _make_all(tasks: list[Keepsake], chosen: list[Student], options: BuildOptions, report: BuildReport) -> None:
    """Make every zip in worker processes; one student's failure never blocks the class."""
    options.progress.begin("keepsakes", len(tasks))
    record_outcomes(chosen, in_workers(make_one, tasks, options.jobs), ("keepsake", "made"), options, report)
    options.progress.end("keepsakes", f"{len(report.built)} made, {len(report.failed)} failed")


def make_one(task: Keepsake) -> tuple[str | None, list[str]]:
    """Render one student's keepsake site into a temporary folder and zip it: its failure and MkDocs' warnings."""
    try:
        with tempfile.TemporaryDirectory(prefix="portfolio-keepsake-") as scratch:
            folder = Path(scratch) / task.slug
            warnings = runner.build_site(task.site, folder, task.theme_dir, task.cache, keepsake=True)
            write_zip(task.destination, folder, {task.note_name: _note_bytes(task.note)})
    except Exception as exc:
        return str(exc) or type(exc).__name__, []
    return None, warnings


def _note_bytes(note: str) -> bytes:
    """The note as any text viewer reads it: UTF-8 with a byte-order mark, Windows line ends (old Notepad)."""
    return "\ufeff".encode() + note.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def write_zip(destination: Path, folder: Path, notes: dict[str, bytes]) -> None:
    """`folder` as `<folder name>/…` plus `notes` at the top, in a fixed order, written beside and renamed.

    A killed run leaves the previous zip whole (or none), never half a zip under its name.
    """
    fd, partial = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for name, data in sorted(notes.items()):
                archive.writestr(_entry(name, data_size=len(data)), data)
            files = {f"{folder.name}/{p.relative_to(folder).as_posix()}": p for p in folder.rglob("*") if p.is_file()}
            for arcname, path in sorted(files.items()):
                with path.open("rb") as source, archive.open(_entry(arcname, path.stat().st_size), "w") as target:
                    shutil.copyfileobj(source, target)
        os.replace(partial, destination)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _entry(name: str, data_size: int) -> zipfile.ZipInfo:
    """A zip entry with nothing but its name, size and a fixed time and mode: no owner, no real date."""
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.create_system = 3  # Unix, so the mode below means what it says on every system that unzips it
    info.external_attr = 0o644 << 16
    info.file_size = data_size
    info.compress_type = zipfile.ZIP_DEFLATED if Path(name).suffix.lower() in _TEXT else zipfile.ZIP_STORED
    return info


def _refuse_unsafe_output(root: Path, output: Path) -> None:
    """Nothing is ever written into the class folder; DIR is a folder (made if its parent exists)."""
    if output == root or output.is_relative_to(root):
        raise UsageError(f"{output}: error: the keepsake folder must be outside the class folder {root}")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: error: this is a file, not a folder; choose a folder with -o")
    if not output.parent.is_dir():
        raise UsageError(f"{output.parent}: error: this folder does not exist")
