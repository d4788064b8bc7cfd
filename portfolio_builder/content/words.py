"""Problems in words a 12-year-old can act on: pydantic's errors said again, with the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, ProblemLog, did_you_mean
from .files import Document, LineIndex, read_document

ModelT = TypeVar("ModelT", bound=BaseModel)


def read_or_report(path: Path, log: ProblemLog) -> Document | None:
    try:
        return read_document(path)
    except ContentError as exc:
        log.problems.append(exc.problem)
        return None


def validate_or_report(model: type[ModelT], doc: Document, log: ProblemLog) -> ModelT | None:
    """The front matter as `model`, or None with its errors; unknown keys are said either way.

    `tilte:` leaves `title` missing: the error alone would hide the typo that caused it.
    """
    known = field_names(model)
    guarded = False
    for key in doc.meta:
        if str(key) not in known:
            hint = did_you_mean(str(key), known)
            if "share" in known and "share" not in doc.meta and looks_like_share(str(key)):
                log.error(doc.path, doc.line(str(key)), f"`{key}` is not a detail portfolio_builder knows — did you "
                          "mean `share`? The piece is left out until it is fixed, so it is never shown to more "
                          "people than meant")
                guarded = True
            else:
                log.warning(doc.path, doc.line(str(key)), f"`{key}` is not a detail portfolio_builder knows{hint}")
    if guarded:
        return None
    try:
        return model.model_validate(doc.meta)
    except ValidationError as exc:
        for error in exc.errors():
            log.error(doc.path, doc.line(*error["loc"]), explain(error, model))
        return None


def looks_like_share(key: str) -> bool:
    """`shared`, `Sharing`, `sahre`, `shre`: a key the student surely meant as `share` (who may see the piece).

    Read as an unknown detail, the piece would take the class's `share` and could be shown to more people
    than the student wrote; so such a key leaves the piece out (an error), where other unknown keys are
    warnings. Not every key a little like it (`score`, `shape`, `spare`): those are the student's own.
    """
    word, share = key.strip().casefold(), "share"
    missing = {share[:i] + share[i + 1:] for i in range(len(share))}
    swapped = {share[:i] + share[i + 1] + share[i] + share[i + 2:] for i in range(len(share) - 1)}
    return word.startswith("shar") or word in missing | swapped


def validate_part(
    model: type[ModelT], data: Any, doc: Document, key: tuple[str | int, ...], log: ProblemLog
) -> ModelT | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            log.error(doc.path, doc.line(*key, *error["loc"]), explain(error, model))
        return None


def field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def line_of(lines: LineIndex, loc: tuple[str | int, ...]) -> int:
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
        hint = did_you_mean(name, field_names(model))
        return f"`{name}` is not a setting here{hint}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"`{name}` must be a whole number, not `{value}`"
    if kind in {"bool_parsing", "bool_type"}:
        return f"`{name}` must be `true` or `false`, not `{value}`"
    if kind in {"string_too_short"}:
        return f"`{name}` is empty: write something after `{name}:`"
    if kind == "text_shape":
        return (
            f"`{name}` must be text, or one line per language with text after it "
            f"(`en: ...`, `es: ...`), not `{value}`"
        )
    if kind in {"string_type"}:
        return f"`{name}` must be text, not `{value}`"
    if kind in {"list_type"}:
        return f"`{name}` must be a list, one `- ` line per item"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"`{name}` must be `key: value` lines"
    return f"`{name}`: {error['msg']}"
