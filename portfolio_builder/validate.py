"""Stage 2: turn raw documents into the typed class, reporting every problem with its line.

A faulty piece or student is reported and left out; a faulty part of a piece
(an unknown target, a missing photo) is reported and only that part is left out.
Only unreadable class settings stop the build (SPEC.md, exit status 2).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import load
from .cache import atomic_write, code_digest, seal, unseal
from .errors import ContentError, ProblemLog, UsageError, did_you_mean
from .model import (
    Assessment,
    Audience,
    ClassFolder,
    ClassSettings,
    Feedback,
    FileMedia,
    FileRef,
    Goal,
    GoalSpec,
    ImageMedia,
    LinkMedia,
    Media,
    MediaSpec,
    Piece,
    PieceMeta,
    Student,
    StudentMeta,
    Target,
    TargetSpec,
)

ModelT = TypeVar("ModelT", bound=BaseModel)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic", ".heif"}
FILE_KINDS = {
    ".pdf": "pdf",
    ".mp3": "audio", ".m4a": "audio", ".ogg": "audio", ".oga": "audio", ".wav": "audio",
    ".mp4": "video", ".webm": "video", ".mov": "video", ".m4v": "video",
}  # fmt: skip


@dataclass
class _Context:
    """What every piece is checked against."""

    settings: ClassSettings
    targets: dict[str, Target]
    student_dir: Path

    @functools.cached_property
    def home(self) -> Path:
        """The student's folder with links resolved: nothing outside it is ever read."""
        return self.student_dir.resolve()

    @property
    def levels(self) -> set[int]:
        return {step.level for step in self.settings.scale}

    @property
    def sections(self) -> list[str]:
        return [section.id for section in self.settings.passage.sections]


def load_class(root: Path, log: ProblemLog, memo: Path | None = None) -> ClassFolder:
    """Read and check the whole class folder; content problems go to `log`.

    With `memo` (a folder in the build cache), a student whose files and class settings are
    unchanged since the last check is remembered instead of read again.
    """
    if not root.is_dir():
        raise UsageError(f"{root}: error: there is no class folder here (expected a folder with portfolio.yml inside)")
    settings = _read_settings(root)
    targets = _read_targets(root, settings)
    read = functools.partial(_read_student, settings=settings, targets=targets)
    if memo is not None:
        read = functools.partial(_remembered_student, read=read, memo=memo, salt=_salt(settings, targets))
    students = [read(folder, log=log) for folder in load.scan_students(root)]
    found = [student for student in students if student is not None]
    return ClassFolder(root, settings, targets, tuple(_drop_colliding_students(found, log)))


# --- portfolio.yml and targets.yml: problems here stop the build ------------------------


def _read_settings(root: Path) -> ClassSettings:
    path = root / "portfolio.yml"
    if not path.is_file():
        raise UsageError(f"{path}: error: the class folder needs a portfolio.yml file")
    data, lines = _read_required_yaml(path)
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: error: portfolio.yml must be `key: value` lines")
    settings = _validate_or_stop(ClassSettings, data, path, lines)
    levels = [step.level for step in settings.scale]
    if settings.meets not in levels:
        line = lines.get(("meets",), 1)
        raise UsageError(f"{path}:{line}: error: `meets: {settings.meets}` is not a level of the scale")
    return settings


def _read_targets(root: Path, settings: ClassSettings) -> dict[str, Target]:
    path = root / "targets.yml"
    lines: load.LineIndex = {}
    key: tuple[str | int, ...] = ()
    if settings.targets is not None and not path.exists():
        # Inline targets: their lines were not kept, so problems point at portfolio.yml itself.
        specs, key, path = settings.targets, ("targets",), root / "portfolio.yml"
    else:
        if not path.is_file():
            raise UsageError(f"{path}: error: the class folder needs a targets.yml file")
        data, lines = _read_required_yaml(path)
        if not isinstance(data, list):
            raise UsageError(f"{path}:1: error: targets.yml must be a list of targets, each `- id: ...`")
        specs = [_validate_or_stop(TargetSpec, item, path, lines, (i,)) for i, item in enumerate(data)]
    return _check_targets(specs, path, lines, key)


def _check_targets(
    specs: list[TargetSpec], path: Path, lines: load.LineIndex, key: tuple[str | int, ...]
) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for index, spec in enumerate(specs):
        line = lines.get((*key, index), 1)
        if spec.id in targets:
            raise UsageError(f"{path}:{line}: error: two targets have the id `{spec.id}`")
        targets[spec.id] = Target(
            spec.id, spec.statement.strip(), spec.subject, spec.standard, spec.kind, spec.parent
        )
    for index, spec in enumerate(specs):
        if spec.parent and spec.parent not in targets:
            line = lines.get((*key, index, "parent"), 1)
            hint = did_you_mean(spec.parent, targets)
            raise UsageError(f"{path}:{line}: error: there is no target `{spec.parent}`{hint}")
    return targets


def _read_required_yaml(path: Path) -> tuple[Any, load.LineIndex]:
    try:
        return load.read_yaml_file(path)
    except ContentError as exc:
        raise UsageError(exc.problem.format(), [exc.problem]) from exc


def _validate_or_stop(
    model: type[ModelT], data: Any, path: Path, lines: load.LineIndex, key: tuple[str | int, ...] = ()
) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = (*key, *first["loc"])
        line = _line_of(lines, loc)
        raise UsageError(f"{path}:{line}: error: {explain(first, model)}") from exc


# --- remembered students: a one-piece edit re-reads one student, not the class --------


def _remembered_student(
    folder: load.StudentFolder, *, log: ProblemLog, read: Callable[..., Student | None], memo: Path, salt: str
) -> Student | None:
    """The student as checked last time when none of their files changed, with the same problems.

    The student is always handed on as unpickled from its record, fresh or remembered, so the
    objects it shares inside are the same either way and site fingerprints do not move.
    """
    key = _files_key(folder.path, salt)
    record = memo / f"{hashlib.sha256(str(folder.path).encode()).hexdigest()[:24]}.pickle"
    try:
        # Only a record sealed with this cache's key is unpickled: a forged one could run code.
        sealed = unseal(memo.parent, record.read_bytes())
        if key is not None and sealed is not None:
            stored, blob, problems = pickle.loads(sealed)
            if stored == key:
                log.extend(problems)
                return pickle.loads(blob)  # type: ignore[no-any-return]
    except (OSError, ValueError, TypeError, EOFError, AttributeError, ImportError, pickle.UnpicklingError):
        pass
    own = ProblemLog()
    blob = pickle.dumps(read(folder, log=own), protocol=5)
    log.extend(own.problems)
    if key is not None and (sealed := seal(memo.parent, pickle.dumps((key, blob, own.problems), protocol=5))):
        atomic_write(record, sealed)
    return pickle.loads(blob)  # type: ignore[no-any-return]


def _salt(settings: ClassSettings, targets: dict[str, Target]) -> str:
    """What every student is checked against: the class settings, the targets and this module's code."""
    code = code_digest().encode()
    digest = hashlib.sha256(code + settings.model_dump_json().encode() + repr(sorted(targets.items())).encode())
    return digest.hexdigest()


def _files_key(folder: Path, salt: str) -> str | None:
    """Every file's name, size and times in the folder; None (never remembered) when it holds a link."""
    digest = hashlib.sha256(f"{salt}|{folder}|{folder.resolve()}".encode())
    for entry in load.walk(folder):
        if entry.linked:
            return None
        digest.update(f"{entry.stamp()}\n".encode())
    return digest.hexdigest()


# --- students -------------------------------------------------------------------------


def _read_student(
    folder: load.StudentFolder, *, settings: ClassSettings, targets: dict[str, Target], log: ProblemLog
) -> Student | None:
    if not folder.slug:
        log.error(folder.path, None, "this folder name has no letters or digits: rename it")
        return None
    if not folder.student_file.is_file():
        log.error(folder.path, None, "this student folder needs a student.md file with `name:`")
        return None
    doc = _read_or_report(folder.student_file, log)
    if doc is None:
        return None
    meta = _validate_or_report(StudentMeta, doc, log)
    if meta is None:
        return None
    ctx = _Context(settings, targets, folder.path)
    read = [_read_piece(path, ctx, log) for path in folder.pieces]
    dated = _keep_dates_where_needed([p for p in read if p is not None], folder.path)
    pieces = list(_drop_colliding_pieces(dated, log))
    _warn_short_passage(folder.student_file, pieces, settings, log)
    return Student(
        slug=folder.slug,
        folder=folder.path,
        name=meta.name.strip(),
        grade=None if meta.grade is None else str(meta.grade),
        pronouns=meta.pronouns,
        language=meta.language,
        about=doc.body,
        photo=_resolve_photo(doc, meta.photo, ctx, log),
        goals=tuple(_resolve_goals(doc, meta.goals, targets, log)),
        pieces=tuple(pieces),
    )


def _warn_short_passage(path: Path, pieces: list[Piece], settings: ClassSettings, log: ProblemLog) -> None:
    """A panel expects `min` pieces per section; private pieces are never shown, so they don't count."""
    for section in settings.passage.sections:
        shown = [p for p in pieces if section.id in p.passage and p.share is not Audience.PRIVATE]
        if len(shown) < section.min:
            log.warning(
                path, None,
                f"the passage section `{section.id}` has {len(shown)} of {section.min} pieces: "
                f"add `passage: {section.id}` to another piece",
            )


def _resolve_photo(doc: load.Document, raw: Any, ctx: _Context, log: ProblemLog) -> ImageMedia | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"file": raw}
    ref = _validate_part(FileRef, raw, doc, ("photo",), log)
    if ref is None:
        return None
    media = _resolve_file(doc, ref.file, ref.alt, None, ("photo",), ctx, log)
    return media if isinstance(media, ImageMedia) else None


def _resolve_goals(
    doc: load.Document, raw: list[Any], targets: dict[str, Target], log: ProblemLog
) -> Iterable[Goal]:
    for index, item in enumerate(raw):
        spec = _validate_part(GoalSpec, item, doc, ("goals", index), log)
        if spec is None:
            continue
        target = spec.target
        if target and target not in targets:
            hint = did_you_mean(target, targets)
            log.error(doc.path, doc.line("goals", index, "target"), f"there is no target `{target}`{hint}")
            target = None
        checkins = tuple(sorted(spec.checkins, key=lambda c: c.date))
        yield Goal(spec.id or f"goal-{index + 1}", spec.goal, target, spec.by, spec.status, checkins)


def _drop_colliding_students(students: list[Student], log: ProblemLog) -> Iterable[Student]:
    for slug, same in _by_slug(students):
        names = " and ".join(f"`{s.folder.name}`" for s in same)
        for student in same:
            log.error(
                student.folder / "student.md", None,
                f"the folders {names} would both become the site `{slug}/`: rename one of them",
            )
    return _unique(students)


SlugT = TypeVar("SlugT", Student, Piece)


def _by_slug(items: list[SlugT]) -> Iterable[tuple[str, list[SlugT]]]:
    """The groups of two or more that would land on one address (SPEC.md: both are left out)."""
    groups: dict[str, list[SlugT]] = defaultdict(list)
    for item in items:
        groups[item.slug].append(item)
    return [(slug, same) for slug, same in groups.items() if len(same) > 1]


def _unique(items: list[SlugT]) -> list[SlugT]:
    counts = Counter(item.slug for item in items)
    return [item for item in items if counts[item.slug] == 1]


# --- pieces ---------------------------------------------------------------------------


def piece_slug(path: Path, student_dir: Path, keep_date: bool = False) -> str:
    """`butterfly/draft-1.md` → `butterfly/draft-1`; `2026-10-03-argument.md` → `argument`.

    With `keep_date`, `2026-10-03-reflection.md` → `2026-10-03-reflection` (weekly pieces, docs/format.md).
    """
    parts = list(path.relative_to(student_dir).with_suffix("").parts)
    if not keep_date:
        parts[-1] = load.DATE_PREFIX.sub("", parts[-1])
    slugs = [load.slugify(part) for part in parts]
    if len(slugs) > 1 and slugs[-1] == "index":  # `bridge/index.md` is the page `bridge/`
        slugs.pop()
    return "/".join(slugs)


def _read_piece(path: Path, ctx: _Context, log: ProblemLog) -> Piece | None:
    if not path.resolve().is_relative_to(ctx.home):
        log.error(path, None, "this file is a link to somewhere outside your folder: copy the real file in instead")
        return None
    doc = _read_or_report(path, log)
    if doc is None:
        return None
    meta = _validate_or_report(PieceMeta, doc, log)
    if meta is None:
        return None
    date = _piece_date(doc, meta, log)
    slug = piece_slug(path, ctx.student_dir)
    if slug == "index":
        log.error(path, None, "`index` is the name of the page that lists all your work: rename this file")
        return None
    if date is None or not slug:
        return None
    media = tuple(_resolve_media(doc, meta.media, ctx, log))
    assessments = tuple(_resolve_targets(doc, meta.targets, ctx, log))
    if not assessments and meta.targets is None:
        log.warning(path, 1, "this piece has no targets: add `targets:` with the learning targets it shows")
    return Piece(
        slug=slug,
        source=path,
        title=meta.title.strip(),
        date=date,
        kind=meta.kind or ("work" if media else "reflection"),
        subject=meta.subject,
        share=Audience(meta.share or ctx.settings.share),
        body=doc.body,
        assessments=assessments,
        media=media,
        series=meta.series,
        feedback=tuple(Feedback(f.from_, f.role, f.text.strip(), f.date) for f in meta.feedback),
        celebrate=meta.celebrate,
        passage=tuple(_resolve_passage(doc, meta.passage, ctx, log)),
    )


def _piece_date(doc: load.Document, meta: PieceMeta, log: ProblemLog) -> dt.date | None:
    if meta.date is not None:
        return meta.date
    match = load.DATE_PREFIX.match(doc.path.name)
    if not match:
        log.error(
            doc.path, 1,
            "this piece has no date: add a line like `date: 2026-10-03`, "
            "or start the file name with the date (2026-10-03-my-piece.md)",
        )
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        log.error(doc.path, None, f"the date `{match.group(1)}` in the file name is not a real date")
        return None


def _resolve_targets(
    doc: load.Document, raw: list[Any] | dict[str, Any] | None, ctx: _Context, log: ProblemLog
) -> Iterable[Assessment]:
    """Accept all three shapes: a list of ids, id → level, id → {level, self}."""
    entries: list[tuple[tuple[str | int, ...], Any, Any]] = []
    if isinstance(raw, dict):
        entries = [(("targets", str(k)), k, v) for k, v in raw.items()]
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict) and len(item) == 1:
                (k, v), = item.items()
                entries.append((("targets", index), k, v))
            else:
                entries.append((("targets", index), item, None))
    for key, target_id, value in entries:
        assessment = _assessment(doc, key, target_id, value, ctx, log)
        if assessment is not None:
            yield assessment


def _assessment(
    doc: load.Document, key: tuple[str | int, ...], target_id: Any, value: Any,
    ctx: _Context, log: ProblemLog,
) -> Assessment | None:
    line = doc.line(*key)
    if not isinstance(target_id, str) or target_id not in ctx.targets:
        hint = did_you_mean(str(target_id), ctx.targets)
        log.error(doc.path, line, f"there is no target `{target_id}`{hint}")
        return None
    if isinstance(value, dict):
        unknown = set(value) - {"level", "self"}
        if unknown:
            log.warning(doc.path, line, f"`{target_id}` only takes `level` and `self`, not `{sorted(unknown)[0]}`")
        level = _level(doc, line, target_id, value.get("level"), ctx, log)
        own = _level(doc, line, target_id, value.get("self"), ctx, log)
        return Assessment(target_id, level, own)
    return Assessment(target_id, _level(doc, line, target_id, value, ctx, log))


def _level(
    doc: load.Document, line: int, target_id: str, value: Any, ctx: _Context, log: ProblemLog
) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in ctx.levels:
        return value
    scale = ", ".join(f"{s.level} {s.label}" for s in ctx.settings.scale)
    log.error(doc.path, line, f"`{value}` is not a level for `{target_id}`: use one of {scale}")
    return None


def _resolve_passage(
    doc: load.Document, raw: str | list[str] | None, ctx: _Context, log: ProblemLog
) -> Iterable[str]:
    ids = [raw] if isinstance(raw, str) else list(raw or [])
    for index, section in enumerate(ids):
        if section in ctx.sections:
            yield section
            continue
        line = doc.line("passage", index) if isinstance(raw, list) else doc.line("passage")
        if ctx.sections:
            message = f"there is no passage section `{section}`{did_you_mean(section, ctx.sections)}"
            log.error(doc.path, line, f"{message} (sections: {', '.join(ctx.sections)})")
        else:
            log.error(doc.path, line, "the class has no passage sections yet (see portfolio.yml)")


def _resolve_media(doc: load.Document, raw: list[Any], ctx: _Context, log: ProblemLog) -> Iterable[Media]:
    for index, item in enumerate(raw):
        key = ("media", index)
        spec = _validate_part(MediaSpec, {"file": item} if isinstance(item, str) else item, doc, key, log)
        if spec is None:
            continue
        if spec.url is not None:
            if spec.url.lower().startswith("https://"):
                yield LinkMedia(spec.url, spec.title or spec.url)
            elif spec.url.lower().startswith("http://"):
                log.error(doc.path, doc.line(*key), "a media `url:` must start with https:// (the safe kind of "
                          f"link): write `https://{spec.url[7:]}` and check that it opens")
            else:
                log.error(doc.path, doc.line(*key), "a media `url:` must start with https://")
            continue
        assert spec.file is not None
        media = _resolve_file(doc, spec.file, spec.alt, spec, key, ctx, log)
        if media is not None:
            yield media


def _resolve_file(
    doc: load.Document, name: str, alt: str | None, spec: MediaSpec | None,
    key: tuple[str | int, ...], ctx: _Context, log: ProblemLog,
) -> Media | None:
    line = doc.line(*key, "file") if (*key, "file") in doc.lines else doc.line(*key)
    source = _inside_student_folder(doc, name, line, ctx, log)
    if source is None:
        return None
    suffix = source.suffix.lower()
    caption = spec.caption if spec else None
    if suffix in IMAGE_SUFFIXES:
        if not alt:
            log.warning(
                doc.path, line,
                f"the image `{name}` has no `alt`: describe what it shows for people who cannot see it",
            )
        return ImageMedia(source, (alt or "").strip(), caption, doc.path, line)
    if suffix in FILE_KINDS:
        title = (spec.title if spec else None) or source.name
        return FileMedia(source, FILE_KINDS[suffix], title, caption)  # type: ignore[arg-type]
    log.error(doc.path, line, f"`{name}`: {suffix or 'these'} files can't be shown; save as JPG, PNG, PDF, MP3 or MP4")
    return None


def _inside_student_folder(
    doc: load.Document, name: str, line: int, ctx: _Context, log: ProblemLog
) -> Path | None:
    """Refuse media outside the student's own folder: `..`, absolute paths, symlinks out."""
    if Path(name).is_absolute() or name.startswith("~"):
        log.error(doc.path, line, f"`{name}` is a full path: put the file in your folder and write just its name")
        return None
    candidate = doc.path.parent / name
    if not candidate.resolve().is_relative_to(ctx.home):
        log.error(doc.path, line, f"`{name}` is outside your folder: move the file into your own folder")
        return None
    if not candidate.is_file():
        nearby = [p.name for p in candidate.parent.glob("*")] if candidate.parent.is_dir() else []
        hint = did_you_mean(Path(name).name, nearby)
        log.error(doc.path, line, f"the file `{name}` is not there{hint}")
        return None
    return candidate


def _keep_dates_where_needed(pieces: list[Piece], student_dir: Path) -> list[Piece]:
    """Weekly `2026-10-01-reflection.md`, `2026-10-08-reflection.md`: a habit, not a collision.

    Where dropping the date would give pieces one address, the pieces dated in their file
    name keep the date in their slug; only what still collides after that is an error.
    """
    clashing = {slug for slug, _ in _by_slug(pieces)}
    return [
        replace(piece, slug=piece_slug(piece.source, student_dir, keep_date=True))
        if piece.slug in clashing and load.DATE_PREFIX.match(piece.source.name) else piece
        for piece in pieces
    ]


def _drop_colliding_pieces(pieces: list[Piece], log: ProblemLog) -> Iterable[Piece]:
    for slug, same in _by_slug(pieces):
        for piece in same:
            others = " and ".join(f"`{p.source.name}`" for p in same if p is not piece)
            log.error(
                piece.source, None,
                f"this piece and {others} would both be the page `work/{slug}/`: rename one of them",
            )
    return _unique(pieces)


# --- pydantic errors, in words a 12-year-old can act on -------------------------------


def _read_or_report(path: Path, log: ProblemLog) -> load.Document | None:
    try:
        return load.read_document(path)
    except ContentError as exc:
        log.problems.append(exc.problem)
        return None


def _validate_or_report(model: type[ModelT], doc: load.Document, log: ProblemLog) -> ModelT | None:
    try:
        meta = model.model_validate(doc.meta)
    except ValidationError as exc:
        for error in exc.errors():
            log.error(doc.path, doc.line(*error["loc"]), explain(error, model))
        return None
    for key in (meta.model_extra or {}):
        hint = did_you_mean(key, _field_names(model))
        log.warning(doc.path, doc.line(key), f"`{key}` is not a detail portfolio_builder knows{hint}")
    return meta


def _validate_part(
    model: type[ModelT], data: Any, doc: load.Document, key: tuple[str | int, ...], log: ProblemLog
) -> ModelT | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            log.error(doc.path, doc.line(*key, *error["loc"]), explain(error, model))
        return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _line_of(lines: load.LineIndex, loc: tuple[str | int, ...]) -> int:
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return 1


def explain(error: Any, model: type[BaseModel]) -> str:
    """Say what is wrong with one field and how to fix it."""
    # Union members add their type to the location (`targets.list[any]`): people never wrote those.
    loc = [str(part) for part in error["loc"] if isinstance(part, str) and "[" not in part and part.isidentifier()]
    name = loc[-1] if loc else "this"
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"`{name}` is missing: add a line `{name}: ...`"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"`{name}` must be a real date written YYYY-MM-DD, like 2026-10-03 (not `{value}`)"
    if kind == "literal_error":
        choices = error.get("ctx", {}).get("expected", "")
        return f"`{name}` must be {choices}, not `{value}`"
    if kind == "extra_forbidden":
        hint = did_you_mean(name, _field_names(model))
        return f"`{name}` is not a setting here{hint}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"`{name}` must be a whole number, not `{value}`"
    if kind in {"bool_parsing", "bool_type"}:
        return f"`{name}` must be `true` or `false`, not `{value}`"
    if kind in {"string_too_short"}:
        return f"`{name}` is empty: write something after `{name}:`"
    if kind in {"string_type"}:
        return f"`{name}` must be text, not `{value}`"
    if kind in {"list_type"}:
        return f"`{name}` must be a list, one `- ` line per item"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"`{name}` must be `key: value` lines"
    return f"`{name}`: {error['msg']}"
