"""Stage 2: the checked class: every student with their pieces, every problem with its line.

Only unreadable class settings stop the build (exit status 2); one student's typo never
blocks the class (docs/format.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from ..errors import ProblemLog, UsageError, did_you_mean
from ..model import (
    Audience,
    ClassFolder,
    ClassSettings,
    FileRef,
    Goal,
    GoalCheckin,
    GoalSpec,
    ImageMedia,
    Piece,
    Student,
    StudentMeta,
    Target,
)
from .files import (
    Document,
    StudentFolder,
    not_read_words,
    outside_words,
    scan_students,
    slugify,
    student_folders,
    unnamed_folders,
    unnamed_words,
)
from .forgive import forgive_student, known_id
from .memo import checking_salt, remembered_student
from .pieces import (
    OUTSIDE_FILE,
    Context,
    by_slug,
    drop_colliding_pieces,
    keep_dates_where_needed,
    read_piece,
    resolve_file,
    unique,
)
from .settings import read_settings, read_targets
from .texts import convert_texts
from .translations import warn_missing_texts
from .words import read_or_report, validate_or_report, validate_part


def load_class(
    root: Path, log: ProblemLog, memo: Path | None = None,
    each: Callable[[Student, ClassFolder], None] | None = None, settings: ClassSettings | None = None,
    first: Collection[str] = (),
) -> ClassFolder:
    """Read and check the whole class folder; content problems go to `log`.

    With `memo` (a folder in the build cache), a student whose files and class settings are
    unchanged since the last check is remembered instead of read again. `each` is given every
    student as soon as they are read, with the class so far (its settings and targets, no
    students yet): a build starts their photos, or an edited student's site, while it reads the others.
    `settings`: the class's, when the caller read them first (`class_settings`). The folders named in `first`
    (those changed since the last build) are read before the others, so their sites start early; the class,
    its students and its problems come out in the folders' order all the same.
    """
    settings = settings or class_settings(root)
    targets = read_targets(root, settings)
    if settings.site_url and not settings.site_url.startswith("https://"):
        log.warning(
            root / "portfolio.yml", None,
            f"`site_url: {settings.site_url}` should start with https:// — family links sent over plain http "
            "can be read on the way",
        )
    if settings.links == "secret" and not settings.site_url:
        log.warning(
            root / "portfolio.yml", None,
            "there is no `site_url`: the family cards can show only the end of each link; "
            "add a line like `site_url: https://your-school.example/crew8b/` (where the site is published)",
        )
    read = _reader(settings, targets, memo)
    so_far = ClassFolder(root, settings, targets, ())
    folders = list(scan_students(root))
    results: dict[int, tuple[Student | None, ProblemLog]] = {}
    for n in sorted(range(len(folders)), key=lambda n: folders[n].path.name not in first):
        own = ProblemLog()
        student = results.setdefault(n, (read(folders[n], log=own), own))[0]
        if student is not None and each is not None:
            each(student, so_far)
    found = []
    for n in range(len(folders)):
        student, own = results[n]
        log.extend(own.problems)
        if student is not None:
            found.append(student)
    for path in unnamed_folders(root):
        log.warning(path, None, unnamed_words(path))
    warn_missing_texts(root, settings, targets, found, log)
    return ClassFolder(root, settings, targets, tuple(drop_colliding_students(found, log)))


def class_settings(root: Path) -> ClassSettings:
    """The class settings (portfolio.yml); a missing class folder or unreadable settings stop the build."""
    if not root.is_dir():
        raise UsageError(f"{root}: error: there is no class folder here (expected a folder with portfolio.yml inside)")
    return read_settings(root)


def load_student(root: Path, slug: str, log: ProblemLog, memo: Path | None = None) -> ClassFolder:
    """The class settings and targets with one student only: what a preview of that student needs.

    A save re-reads this student's folder and no other (the other folders are only listed, to
    find a slug written twice); an unknown slug stops with a did-you-mean (exit 2).
    """
    settings = class_settings(root)
    targets = read_targets(root, settings)
    folders = list(scan_students(root, named=lambda name: slugify(name) == slug))
    if not folders:
        known = {slugify(folder.name) for folder in student_folders(root)}
        raise UsageError(f"--student {slug}: error: there is no student `{slug}`{did_you_mean(slug, known)}")
    read = _reader(settings, targets, memo)
    found = [s for s in (read(folder, log=log) for folder in folders) if s is not None]
    return ClassFolder(root, settings, targets, tuple(drop_colliding_students(found, log)))


def _reader(settings: ClassSettings, targets: dict[str, Target], memo: Path | None) -> Any:
    """Read a student folder, or remember it when nothing in it changed (with `memo`)."""
    read = functools.partial(read_student, settings=settings, targets=targets)
    if memo is not None:
        read = functools.partial(remembered_student, read=read, memo=memo, salt=checking_salt(settings, targets))
    return read


def read_student(
    folder: StudentFolder, *, settings: ClassSettings, targets: dict[str, Target], log: ProblemLog
) -> Student | None:
    if not folder.slug:
        log.error(folder.path, None, "this folder name has no plain letters or digits (a–z, 0–9), so the site would "
                  "have no address: rename it with some, like `li-ming`")
        return None
    for path in folder.unread:
        log.warning(path, None, not_read_words(path))
    for path in folder.unnamed:
        log.warning(path, None, unnamed_words(path))
    for path in folder.outside:
        log.warning(path, None, outside_words(path))
    if not folder.student_file.is_file():
        log.error(folder.path, None, "this student folder needs a student.md file with `name:`")
        return None
    if not folder.student_file.resolve().is_relative_to(folder.path.resolve()):  # as for a piece (pieces.py)
        log.error(folder.student_file, None, OUTSIDE_FILE)
        return None
    doc = read_or_report(folder.student_file, log)
    if doc is None:
        return None
    if not forgive_student(doc, log):
        return None
    meta = validate_or_report(StudentMeta, doc, log)
    if meta is None:
        return None
    ctx = Context(settings, targets, folder.path)
    read = [read_piece(path, ctx, log) for path in folder.pieces]
    dated = keep_dates_where_needed([p for p in read if p is not None], folder.path)
    pieces = list(drop_colliding_pieces(dated, log))
    warn_short_passage(folder.student_file, pieces, settings, log)
    student = Student(
        slug=folder.slug,
        folder=folder.path,
        name=meta.name.strip(),
        grade=None if meta.grade is None else str(meta.grade),
        pronouns=meta.pronouns,
        language=meta.language,
        about=doc.body,
        photo=resolve_photo(doc, meta.photo, ctx, log),
        goals=tuple(resolve_goals(doc, meta.goals, targets, log)),
        pieces=tuple(pieces),
    )
    return convert_texts(student, doc.body_line, log)


def warn_short_passage(path: Path, pieces: list[Piece], settings: ClassSettings, log: ProblemLog) -> None:
    """A panel expects `min` pieces per section; private pieces are never shown, so they don't count."""
    for section in settings.passage.sections:
        shown = [p for p in pieces if section.id in p.passage and p.share is not Audience.PRIVATE]
        if len(shown) < section.min:
            log.warning(
                path, None,
                f"the passage section `{section.id}` has {len(shown)} of {section.min} pieces: "
                f"add `passage: {section.id}` to another piece",
            )


def resolve_photo(doc: Document, raw: Any, ctx: Context, log: ProblemLog) -> ImageMedia | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"file": raw}
    ref = validate_part(FileRef, raw, doc, ("photo",), log)
    if ref is None:
        return None
    media = resolve_file(doc, ref.file, ref.alt, None, ("photo",), ctx, log)
    return media if isinstance(media, ImageMedia) else None


def resolve_goals(
    doc: Document, raw: list[Any], targets: dict[str, Target], log: ProblemLog
) -> Iterable[Goal]:
    for index, item in enumerate(raw):
        spec = validate_part(GoalSpec, item, doc, ("goals", index), log)
        if spec is None:
            continue
        target, line = spec.target, doc.line("goals", index, "target")
        if target and not (target := known_id(doc, line, target, targets, "target", log)):
            hint = did_you_mean(str(spec.target), targets)
            log.error(doc.path, line, f"there is no target `{spec.target}`{hint}")
        checkins = tuple(GoalCheckin(c.date, c.note) for c in sorted(spec.checkins, key=lambda c: c.date))
        yield Goal(spec.id or f"goal-{index + 1}", spec.goal, target, spec.by, spec.status, checkins)


def drop_colliding_students(students: list[Student], log: ProblemLog) -> Iterable[Student]:
    for slug, same in by_slug(students):
        names = " and ".join(f"`{s.folder.name}`" for s in same)
        for student in same:
            log.error(
                student.folder / "student.md", None,
                f"the folders {names} would both become the site `{slug}/`: rename one of them",
            )
    return unique(students)
