"""Slips whose meaning is clear are read as meant, each with a warning that says how to write it.

`share: Family`, `date: 2026-10-3`, `targets: sci-observe`, “curly quotes” around a value: a
student who wrote these meant one thing only, so the piece is built rather than dropped
(docs/format.md, "Common mistakes"). This pass runs over the raw front matter, before pydantic
checks its shape; ids, levels and file names are forgiven where pieces.py resolves them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ProblemLog
from ..model import ClassSettings, PieceMeta, StudentMeta
from .files import Document
from .slips import cut_by_hash
from .words import field_names

Key = tuple[str | int, ...]

_LOOSE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOUBLE, _SINGLE = "“”„«»", "‘’‚"
#: Keys whose value is free text: a ` #` in them is surely part of the text, never a note.
#: Keys that take one word of a few, always in small letters.
WORDS = {"share": ("private", "family", "class", "public"), "kind": ("work", "reflection")}
#: Who gave a piece's feedback (`role:`), also only ever in small letters.
ROLES = ("teacher", "peer", "family", "expert", "self")
TEXT_KEYS = {"title", "subject", "series", "text", "alt", "caption", "name", "goal", "note", "pronouns"}


def forgive_piece(doc: Document, settings: ClassSettings, log: ProblemLog) -> bool:
    """A piece's front matter with the clear slips put right, in place, each one warned about.

    False when a detail is written twice in different capitals (`share:` and `Share:`): an error, and
    the piece is left out, as for a key written twice (docs/privacy.md)."""
    if not _key_case(doc, field_names(PieceMeta), log):
        return False
    _warn_cut_by_hash(doc, log)
    _strip_curly_quotes(doc, (), doc.meta, log)
    for key, words in WORDS.items():
        _small_letters(doc, (key,), words, log)
    _padded_date(doc, ("date",), log)
    for index, _ in enumerate(_items(doc.meta.get("feedback"))):
        _padded_date(doc, ("feedback", index, "date"), log)
        _small_letters(doc, ("feedback", index, "role"), ROLES, log)
    _targets_as_text(doc, log)
    units = [unit.id for unit in settings.units]
    agenda = [item.id for item in settings.conference.agenda] if settings.conference else []
    _known_case(doc, ("unit",), units, "unit", log)
    conference = doc.meta.get("conference")
    for index, _ in enumerate(conference if isinstance(conference, list) else []):
        _known_case(doc, ("conference", index), agenda, "conference part", log)
    _known_case(doc, ("conference",), agenda, "conference part", log)
    return True


def forgive_student(doc: Document, log: ProblemLog) -> bool:
    """`student.md` with the clear slips put right: a detail in capitals, curly quotes, a cut name, short dates in
    goals. False when a detail is written twice in different capitals (an error)."""
    if not _key_case(doc, field_names(StudentMeta), log):
        return False
    _warn_cut_by_hash(doc, log)
    _strip_curly_quotes(doc, (), doc.meta, log)
    for index, goal in enumerate(_items(doc.meta.get("goals"))):
        _padded_date(doc, ("goals", index, "by"), log)
        for checkin, _ in enumerate(_items(goal.get("checkins") if isinstance(goal, dict) else None)):
            _padded_date(doc, ("goals", index, "checkins", checkin, "date"), log)
    return True


def _key_case(doc: Document, known: list[str], log: ProblemLog) -> bool:
    """`Share: private` → `share`: a detail written with capitals is that detail, so the piece stays as private
    as the student wrote (read as unknown, it fell back to the class's `share` and was published)."""
    for key in [k for k in doc.meta if isinstance(k, str) and k not in known]:
        if (right := _in_other_case(key, known)) is None:
            continue
        if right in doc.meta:
            log.error(doc.path, doc.line(key), f"`{key}` and `{right}` are the same detail written twice (line "
                      f"{doc.line(right)}): keep one, in small letters")
            return False
        doc.meta[right] = doc.meta.pop(key)
        for loc in [loc for loc in doc.lines if loc and loc[0] == key]:
            doc.lines[(right, *loc[1:])] = doc.lines.pop(loc)
        log.warning(doc.path, doc.line(right), f"`{key}` was read as `{right}`: write it in small letters")
    return True


def known_id(doc: Document, line: int, value: Any, ids: Iterable[str], what: str, log: ProblemLog) -> str | None:
    """The id meant by `value`: itself if known, the one known id it matches in another case, else None."""
    ids = list(ids)
    if not isinstance(value, str):
        return None
    if value in ids:
        return value
    if (same := _in_other_case(value, ids)) is None:
        return None
    log.warning(doc.path, line, f"`{value}` was read as the {what} `{same}`: write it exactly like that")
    return same


def _in_other_case(value: str, known: list[str]) -> str | None:
    """The one known word `value` is in other capitals (two would be a guess)."""
    same = [word for word in known if word.casefold() == value.strip().casefold()]
    return same[0] if len(same) == 1 else None


def level_from_label(doc: Document, line: int, value: Any, settings: ClassSettings, log: ProblemLog) -> int | None:
    """`Meets` → 3 with the class's scale (any case): the label names one level only."""
    if not isinstance(value, str):
        return None
    for step in settings.scale:
        labels = [step.label] if isinstance(step.label, str) else list(step.label.values())  # any language
        named = next((label for label in labels if label.casefold() == value.strip().casefold()), None)
        if named is not None:
            said = f"`{value}` was read as level {step.level} ({named}): write the number {step.level}"
            log.warning(doc.path, line, said)
            return step.level
    return None


def file_in_other_case(doc: Document, line: int, name: str, candidate: Path, log: ProblemLog) -> Path | None:
    """`photo.jpg` for `Photo.JPG`: the one file beside it whose name differs only in capital letters.

    Some computers see no difference and others do: the site must not lose the photo on the second.
    """
    if not candidate.parent.is_dir():
        return None
    same = [p for p in candidate.parent.iterdir() if p.name.casefold() == candidate.name.casefold() and p.is_file()]
    if len(same) != 1:
        return None
    log.warning(
        doc.path, line,
        f"`{name}` was read as the file `{same[0].name}`: write the name with the same capital letters as the file",
    )
    return same[0]


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _get(meta: Any, key: Key) -> Any:
    for part in key:
        if isinstance(part, int) and isinstance(meta, list) and part < len(meta):
            meta = meta[part]
        elif isinstance(part, str) and isinstance(meta, dict):
            meta = meta.get(part)
        else:
            return None
    return meta


def _set(meta: Any, key: Key, value: Any) -> None:
    _get(meta, key[:-1])[key[-1]] = value


def _small_letters(doc: Document, key: Key, words: tuple[str, ...], log: ProblemLog) -> None:
    """`share: Family` → `family`, `role: Peer` → `peer`: these words are only ever written in small letters."""
    value = _get(doc.meta, key)
    if isinstance(value, str) and value != value.strip().lower() and value.strip().lower() in words:
        small = value.strip().lower()
        _set(doc.meta, key, small)
        name = key[-1]
        log.warning(doc.path, doc.line(*key), f"`{name}: {value}` was read as `{small}`: write it in small letters")


def _padded_date(doc: Document, key: Key, log: ProblemLog) -> None:
    """`2026-10-3` → `2026-10-03`, when that is a real date; an impossible one is left for the error."""
    value = _get(doc.meta, key)
    match = _LOOSE_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return
    padded = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    if padded == value:
        return
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        return
    _set(doc.meta, key, padded)
    name = next(part for part in reversed(key) if isinstance(part, str))
    log.warning(
        doc.path, doc.line(*key),
        f"`{value}` was read as {padded}: write the month and the day with two digits, `{name}: {padded}`",
    )


def _targets_as_text(doc: Document, log: ProblemLog) -> None:
    """`targets: sci-observe` (or `sci-observe, sci-draw`): a list of targets written as one text."""
    value = doc.meta.get("targets")
    if not isinstance(value, str) or not value.strip():
        return
    ids = [part.strip() for part in value.split(",") if part.strip()]
    doc.meta["targets"] = ids
    what = "one target" if len(ids) == 1 else "targets"
    log.warning(
        doc.path, doc.line("targets"),
        f"`targets: {value}` was read as a list of {what}: write `targets: [{', '.join(ids)}]`",
    )


def _known_case(doc: Document, key: Key, ids: list[str], what: str, log: ProblemLog) -> None:
    value = _get(doc.meta, key)
    if isinstance(value, str) and (found := known_id(doc, doc.line(*key), value, ids, what, log)):
        _set(doc.meta, key, found)


def _strip_curly_quotes(doc: Document, key: Key, value: Any, log: ProblemLog) -> None:
    """“My essay” → My essay: curly quotes typed (or put in by a word processor) as YAML quotes."""
    if isinstance(value, dict):
        for name, item in value.items():
            _strip_curly_quotes(doc, (*key, str(name)), item, log)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _strip_curly_quotes(doc, (*key, index), item, log)
    elif isinstance(value, str) and key and _in_curly_quotes(value.strip()):
        inner = value.strip()[1:-1]
        _set(doc.meta, key, inner)
        name = next((part for part in reversed(key) if isinstance(part, str)), "text")
        log.warning(
            doc.path, doc.line(*key),
            f"the curly quotes around `{inner}` were left out: type straight quotes (\") or none, `{name}: {inner}`",
        )


def _in_curly_quotes(text: str) -> bool:
    if len(text) < 2:
        return False
    return any(text[0] in family and text[-1] in family for family in (_DOUBLE, _SINGLE))


def _warn_cut_by_hash(doc: Document, log: ProblemLog) -> None:
    """`title: Week #3` is read as `Week`: YAML takes ` #` for the start of a note and drops the rest."""
    for key, line in doc.lines.items():
        if key and isinstance(key[-1], str) and key[-1] in TEXT_KEYS:
            said = cut_by_hash(doc.source_line(line), key[-1], _get(doc.meta, key))
            if said:
                log.warning(doc.path, line, said)
