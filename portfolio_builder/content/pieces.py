"""A piece: its front matter checked, its targets, passage sections and media resolved (docs/format.md).

A faulty piece is reported and left out; a faulty part of it (an unknown target, a missing
photo) is reported and only that part is left out.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ProblemLog, did_you_mean
from ..model import (
    Assessment,
    Audience,
    ClassSettings,
    Feedback,
    FileMedia,
    ImageMedia,
    LinkMedia,
    Media,
    MediaSpec,
    Piece,
    PieceMeta,
    Student,
    Target,
    local,
)
from .files import DATE_PREFIX, Document, slugify
from .forgive import file_in_other_case, forgive_piece, known_id, level_from_label
from .words import read_or_report, validate_or_report, validate_part

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic", ".heif"}
FILE_KINDS = {
    ".pdf": "pdf",
    ".mp3": "audio", ".m4a": "audio", ".ogg": "audio", ".oga": "audio", ".wav": "audio",
    ".mp4": "video", ".webm": "video", ".mov": "video", ".m4v": "video",
}  # fmt: skip


@dataclass
class Context:
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

    @property
    def agenda(self) -> list[str]:
        """The conference's agenda ids; none when the class has no conference."""
        conference = self.settings.conference
        return [item.id for item in conference.agenda] if conference else []

    @property
    def units(self) -> list[str]:
        return [unit.id for unit in self.settings.units]


SlugT = TypeVar("SlugT", Student, Piece)


def by_slug(items: list[SlugT]) -> Iterable[tuple[str, list[SlugT]]]:
    """The groups of two or more that would land on one address (docs/format.md: both are left out)."""
    groups: dict[str, list[SlugT]] = defaultdict(list)
    for item in items:
        groups[item.slug].append(item)
    return [(slug, same) for slug, same in groups.items() if len(same) > 1]


def unique(items: list[SlugT]) -> list[SlugT]:
    counts = Counter(item.slug for item in items)
    return [item for item in items if counts[item.slug] == 1]


def piece_slug(path: Path, student_dir: Path, keep_date: bool = False) -> str:
    """`butterfly/draft-1.md` → `butterfly/draft-1`; `2026-10-03-argument.md` → `argument`.

    With `keep_date`, `2026-10-03-reflection.md` → `2026-10-03-reflection` (weekly pieces, docs/format.md).
    """
    parts = list(path.relative_to(student_dir).with_suffix("").parts)
    if not keep_date:
        parts[-1] = DATE_PREFIX.sub("", parts[-1])
    slugs = [slugify(part) for part in parts]
    if len(slugs) > 1 and slugs[-1] == "index":  # `bridge/index.md` is the page `bridge/`
        slugs.pop()
    return "/".join(slugs)


#: A piece or student.md that is a link out of the student's folder (to a classmate's, to the computer's files).
OUTSIDE_FILE = "this file is a link to somewhere outside your folder: copy the real file in instead"


def read_piece(path: Path, ctx: Context, log: ProblemLog) -> Piece | None:
    if not path.resolve().is_relative_to(ctx.home):
        log.error(path, None, OUTSIDE_FILE)
        return None
    doc = read_or_report(path, log)
    if doc is None:
        return None
    if not forgive_piece(doc, ctx.settings, log):
        return None
    meta = validate_or_report(PieceMeta, doc, log)
    if meta is None:
        return None
    date = _piece_date(doc, meta, log)
    slug = piece_slug(path, ctx.student_dir)
    if slug == "index":
        log.error(path, None, "`index` is the name of the page that lists all your work: rename this file")
        return None
    if not slug or "" in slug.split("/"):  # `我的作文.md`, `2026-10-01-.md`: a page needs an address
        log.error(path, None, "this name has no plain letters or digits (a–z, 0–9), so its page would have no "
                  "address: rename the file (or its folder) with some, like `my-essay.md`")
        return None
    if date is None:
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
        body_line=doc.body_line,
        assessments=assessments,
        media=media,
        series=meta.series,
        feedback=tuple(_feedback(doc, meta, log)),
        celebrate=meta.celebrate,
        passage=tuple(_resolve_passage(doc, meta.passage, ctx, log)),
        conference=tuple(_resolve_conference(doc, meta.conference, ctx, log)),
        unit=_resolve_unit(doc, meta.unit, ctx, log),
    )


def _feedback(doc: Document, meta: PieceMeta, log: ProblemLog) -> Iterator[Feedback]:
    """Each feedback; one that names its giver but not their `role:` is shown as a classmate's (names hidden)
    until the role is written: it may be a classmate's, whose name is never published (docs/privacy.md)."""
    raw = doc.meta.get("feedback")
    for index, item in enumerate(meta.feedback):
        written = raw[index] if isinstance(raw, list) and index < len(raw) else None
        role = item.role
        if isinstance(written, dict) and "role" not in written and item.from_.strip():
            log.warning(doc.path, doc.line("feedback", index), f"the feedback from `{item.from_.strip()}` has no "
                        "`role:`, so it is shown as a classmate's, without the name: add `role: teacher` (or peer, "
                        "family, expert or self)")
            role = "peer"
        yield Feedback(item.from_, role, item.text.strip(), item.date)


def _piece_date(doc: Document, meta: PieceMeta, log: ProblemLog) -> dt.date | None:
    if meta.date is not None:
        return meta.date
    match = DATE_PREFIX.match(doc.path.name)
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
    doc: Document, raw: list[Any] | dict[str, Any] | None, ctx: Context, log: ProblemLog
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
    doc: Document, key: tuple[str | int, ...], target_id: Any, value: Any,
    ctx: Context, log: ProblemLog,
) -> Assessment | None:
    line = doc.line(*key)
    known = known_id(doc, line, target_id, ctx.targets, "target", log)
    if known is None:
        hint = did_you_mean(str(target_id), ctx.targets)
        log.error(doc.path, line, f"there is no target `{target_id}`{hint}")
        return None
    target_id = known
    if isinstance(value, dict):
        unknown = set(value) - {"level", "self"}
        if unknown:
            log.warning(doc.path, line, f"`{target_id}` only takes `level` and `self`, not `{sorted(unknown)[0]}`")
        level = _level(doc, line, target_id, value.get("level"), ctx, log)
        own = _level(doc, line, target_id, value.get("self"), ctx, log)
        return Assessment(target_id, level, own)
    return Assessment(target_id, _level(doc, line, target_id, value, ctx, log))


def _level(
    doc: Document, line: int, target_id: str, value: Any, ctx: Context, log: ProblemLog
) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in ctx.levels:
        return value
    if (level := level_from_label(doc, line, value, ctx.settings, log)) is not None:
        return level
    language = ctx.settings.language
    scale = ", ".join(f"{s.level} {local(s.label, language, language)}" for s in ctx.settings.scale)
    log.error(doc.path, line, f"`{value}` is not a level for `{target_id}`: use one of {scale}")
    return None


def _resolve_passage(
    doc: Document, raw: str | list[str] | None, ctx: Context, log: ProblemLog
) -> Iterable[str]:
    if ctx.sections:
        return _known_ids(doc, "passage", raw, ctx.sections, "passage section", "sections", log)
    for line in _lines_of(doc, "passage", raw):
        log.error(doc.path, line, "the class has no passage sections yet (see portfolio.yml)")
    return []


def _resolve_conference(
    doc: Document, raw: str | list[str] | None, ctx: Context, log: ProblemLog
) -> Iterable[str]:
    """Agenda ids, checked like passage ids; with no conference in portfolio.yml nothing is lost, so a warning."""
    if ctx.agenda:
        return _known_ids(doc, "conference", raw, ctx.agenda, "conference agenda item", "agenda", log)
    for line in _lines_of(doc, "conference", raw):
        log.warning(doc.path, line, "the class has no conference agenda (see portfolio.yml): `conference:` is not used")
    return []


def _known_ids(
    doc: Document, key: str, raw: str | list[str] | None, known: list[str], what: str, listed: str,
    log: ProblemLog,
) -> list[str]:
    """The ids the class knows; each unknown one is an error with "did you mean", and only it is left out."""
    ids = [raw] if isinstance(raw, str) else list(raw or [])
    kept = []
    for given, line in zip(ids, _lines_of(doc, key, raw), strict=True):
        if found := known_id(doc, line, given, known, what, log):  # also in other capitals, with a warning
            kept.append(found)
            continue
        message = f"there is no {what} `{given}`{did_you_mean(str(given), known)}"
        log.error(doc.path, line, f"{message} ({listed}: {', '.join(known)})")
    return kept


def _lines_of(doc: Document, key: str, raw: str | list[str] | None) -> list[int]:
    """The line of each id written under `key`: one line per list item, else the key's own."""
    if isinstance(raw, list):
        return [doc.line(key, index) for index in range(len(raw))]
    return [doc.line(key)] if raw is not None else []


def _resolve_unit(doc: Document, unit: str | None, ctx: Context, log: ProblemLog) -> str | None:
    """A unit id of portfolio.yml, or None: a typo costs the piece its place in its unit, not the piece."""
    if unit is None or unit in ctx.units:
        return unit
    line = doc.line("unit")
    if ctx.units:
        message = f"there is no unit `{unit}`{did_you_mean(unit, ctx.units)}"
        log.error(doc.path, line, f"{message} (units: {', '.join(ctx.units)})")
    else:
        log.error(doc.path, line, "the class has no units yet: add `units:` to portfolio.yml, or remove `unit:`")
    return None


def _resolve_media(doc: Document, raw: list[Any], ctx: Context, log: ProblemLog) -> Iterable[Media]:
    for index, item in enumerate(raw):
        key = ("media", index)
        spec = validate_part(MediaSpec, {"file": item} if isinstance(item, str) else item, doc, key, log)
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
        media = resolve_file(doc, spec.file, spec.alt, spec, key, ctx, log)
        if media is not None:
            yield media


def resolve_file(
    doc: Document, name: str, alt: str | None, spec: MediaSpec | None,
    key: tuple[str | int, ...], ctx: Context, log: ProblemLog,
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
        return FileMedia(source, FILE_KINDS[suffix], title, caption, doc.path, line)  # type: ignore[arg-type]
    log.error(doc.path, line, f"`{name}`: {suffix or 'these'} files can't be shown; save as JPG, PNG, PDF, MP3 or MP4")
    return None


def _inside_student_folder(
    doc: Document, name: str, line: int, ctx: Context, log: ProblemLog
) -> Path | None:
    """Refuse media outside the student's own folder: `..`, absolute paths, symlinks out."""
    if Path(name).is_absolute() or name.startswith("~"):
        log.error(doc.path, line, f"`{name}` is a full path: put the file in your folder and write just its name")
        return None
    candidate = doc.path.parent / name
    if not candidate.resolve().is_relative_to(ctx.home):
        log.error(doc.path, line, f"`{name}` is outside your folder: move the file into your own folder")
        return None
    if not candidate.is_file() and (found := file_in_other_case(doc, line, name, candidate, log)):
        candidate = found
    if candidate.is_dir():
        log.error(doc.path, line, f"`{name}` is a folder: write the name of a file in it, like `{name}/photo.jpg`")
        return None
    if candidate.exists() and not candidate.is_file():  # a pipe or a device: reading it would never end
        log.error(doc.path, line, f"`{name}` is not a file a site can show: put the photo or document itself here")
        return None
    if not candidate.is_file():
        nearby = [p.name for p in candidate.parent.glob("*")] if candidate.parent.is_dir() else []
        hint = did_you_mean(Path(name).name, nearby)
        log.error(doc.path, line, f"the file `{name}` is not there{hint}")
        return None
    return candidate


def keep_dates_where_needed(pieces: list[Piece], student_dir: Path) -> list[Piece]:
    """Weekly `2026-10-01-reflection.md`, `2026-10-08-reflection.md`: a habit, not a collision.

    Where dropping the date would give pieces one address, the pieces dated in their file
    name keep the date in their slug; only what still collides after that is an error.
    """
    clashing = {slug for slug, _ in by_slug(pieces)}
    return [
        replace(piece, slug=piece_slug(piece.source, student_dir, keep_date=True))
        if piece.slug in clashing and DATE_PREFIX.match(piece.source.name) else piece
        for piece in pieces
    ]


def drop_colliding_pieces(pieces: list[Piece], log: ProblemLog) -> Iterable[Piece]:
    for slug, same in by_slug(pieces):
        for piece in same:
            others = " and ".join(f"`{p.source.name}`" for p in same if p is not piece)
            log.error(
                piece.source, None,
                f"this piece and {others} would both be the page `work/{slug}/`: rename one of them",
            )
    return unique(pieces)
