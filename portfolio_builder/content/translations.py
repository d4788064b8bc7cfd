"""Class texts written per language: warn where a family's language is missing (docs/format.md, "Translations").

A missing translation is never an error: the site shows the class language's text, or the first one
written (`model.local`). `portfolio check` says so once per text and language, with the line to fix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel

from ..errors import ProblemLog
from ..model import ClassSettings, Student, Target
from .files import LineIndex, read_yaml_file

#: Where a text sits (its key in the file's LineIndex), how a teacher names it, and its translations.
Found = tuple[tuple[str | int, ...], str, dict[str, str]]


def warn_missing_texts(
    root: Path, settings: ClassSettings, targets: Mapping[str, Target], students: Iterable[Student], log: ProblemLog
) -> None:
    """One warning per translated text and per language a site of the class is written in but it lacks."""
    readers = _readers(settings, students)
    found = [(root / "portfolio.yml", list(_mappings(settings, (), "")))]
    if (root / "targets.yml").is_file():  # else the targets sit in portfolio.yml and were walked above
        found.append((root / "targets.yml", list(_target_mappings(targets))))
    for path, texts in found:
        if not texts:
            continue
        lines = _lines(path)
        for key, name, text in texts:
            for language, who in readers.items():
                if language not in text:
                    shown = settings.language if settings.language in text else next(iter(text))
                    log.warning(
                        path, _line(lines, key),
                        f"`{name}` has no `{language}` text: {who} the {_language_name(shown)} one",
                    )


def _readers(settings: ClassSettings, students: Iterable[Student]) -> dict[str, str]:
    """Each language a site is written in → who reads it, in words ("Sofía's site shows")."""
    names: dict[str, list[str]] = defaultdict(list)
    names[settings.language].append("")  # the class pages
    for student in students:
        names[student.language or settings.language].append(student.name)
    readers = {}
    for language, people in names.items():
        sites = [name for name in people if name]
        if not sites:
            readers[language] = "the class pages show"
        elif len(sites) == 1 and "" not in people:
            readers[language] = f"{sites[0]}'s site shows"
        else:
            readers[language] = f"the sites of {', '.join(sites)}{' and the class pages' if '' in people else ''} show"
    return readers


def _mappings(value: Any, key: tuple[str | int, ...], name: str) -> Iterator[Found]:
    """Every text written as language → text in the settings, found by walking the checked model."""
    if isinstance(value, BaseModel):
        for field_name, info in type(value).model_fields.items():
            alias = info.alias or field_name
            yield from _mappings(getattr(value, field_name), (*key, alias), f"{name}.{alias}" if name else alias)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = getattr(item, "id", None) or str(index + 1)
            yield from _mappings(item, (*key, index), f"{name}.{label}")
    elif isinstance(value, dict):
        if all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            yield key, name, value  # a Text: only these are str → str (rubric levels are keyed by number)
        else:
            for k, v in value.items():
                yield from _mappings(v, (*key, str(k)), f"{name}.{k}")


def _target_mappings(targets: Mapping[str, Target]) -> Iterator[Found]:
    """The translated statements and subjects of targets.yml, keyed by their place in its list."""
    for index, target in enumerate(targets.values()):
        for field in ("statement", "subject"):
            text = getattr(target, field)
            if isinstance(text, dict):
                yield (index, field), f"{target.id}.{field}", text


def _lines(path: Path) -> LineIndex:
    """The file's lines again (it was read and checked already, so this cannot fail)."""
    return read_yaml_file(path)[1]


def _line(lines: LineIndex, key: tuple[str | int, ...]) -> int | None:
    while key and key not in lines:
        key = key[:-1]
    return lines.get(key)


def _language_name(code: str) -> str:
    """`es` → "Spanish", for a teacher who may not know the codes; the code itself when Babel doesn't."""
    try:
        return str(Locale.parse(code.replace("-", "_")).get_display_name("en") or f"`{code}`")
    except (UnknownLocaleError, ValueError):
        return f"`{code}`"
