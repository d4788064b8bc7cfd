"""Where the theme and the base MkDocs configuration live, and the theme's UI words."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..content.files import read_yaml_file
from ..errors import ContentError, Problem, Severity, UsageError
from .paths import base_config_path as base_config_path  # re-exported
from .paths import data_root

#: libyaml's safe loader when installed: the locales are read on every preview save, 50 ms each in pure Python.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


def theme_dir(name: str, root: Path) -> Path:
    """`ROOT/themes/<name>/` if the class has one, else the built-in `themes/<name>/` (docs/format.md)."""
    for candidate in (root / "themes" / name, data_root() / "themes" / name):
        if candidate.is_dir():
            return candidate.resolve()
    raise UsageError(f"{root / 'portfolio.yml'}: error: there is no theme `{name}` (try `theme: portfolio`)")


def strings(folder: Path, language: str, root: Path | None = None) -> dict[str, Any]:
    """The UI words in `language`, with English for anything not translated yet.

    Later files win, key by key: the built-in English, the theme's English and `language` files,
    then `ROOT/locales/<language>.yml`, where a school adds or adjusts a language without a theme.
    A file that cannot be read is skipped here; `locale_problems` reports it before any site is made.
    Read anew for each build (a few small files): `portfolio serve` shows an edited locale at once.
    """
    paths = _locale_files(folder, "en", root, built_in=True) + _locale_files(folder, language, root)
    return _merged_locales(tuple((path, *_stamp(path)) for path in paths))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=64)
def _merged_locales(files: tuple[tuple[Path, int, int], ...]) -> dict[str, Any]:
    """The words of these files as they are now (their times and sizes are in the key), merged once: a build
    asks for them once per student. Shared, so never changed by whoever asks."""
    words: dict[str, Any] = {}
    for path, mtime_ns, size in files:
        if size >= 0:
            words = _merged(words, _parsed_locale(path, mtime_ns, size))
    return words


def locale_problems(folder: Path, language: str, root: Path | None) -> list[Problem]:
    """A locale file that is not YAML (with its line), or keys it lacks (English is shown for them)."""
    paths = [p for p in _locale_files(folder, language, root) if p.is_file()]
    problems: list[Problem] = []
    found: dict[str, Any] = {}
    for path in paths:
        try:
            data, _lines = read_yaml_file(path)
        except ContentError as exc:
            problems.append(exc.problem)
            continue
        if not isinstance(data, dict):
            problems.append(Problem(path, 1, Severity.ERROR, "UI words must be `key: text` lines, like en.yml"))
            continue
        found = _merged(found, data)
    if language == "en" or any(p.severity is Severity.ERROR for p in problems):
        return problems
    missing = sorted(_keys(strings(folder, "en", root)) - _keys(found))
    if not paths:
        where = (root or folder) / "locales" / f"{language}.yml"
        return [Problem(where, None, Severity.WARNING,
                        f"there are no UI words for `{language}`: its sites show English ones until this file exists")]
    if missing:
        problems.append(Problem(paths[-1], None, Severity.WARNING,
                                f"no `{language}` words for {', '.join(missing)}: these are shown in English"))
    return problems


def _locale_files(folder: Path, language: str, root: Path | None, built_in: bool = False) -> list[Path]:
    """Where a language's words are, the later file winning: (built-in,) theme, then the class folder's own.

    Only for a language code (`es`, `pt-BR`, `zh-Hant`): `language: ../portfolio` names no file, never
    one outside `locales/` (its pages are in English, and `check` says it has no words)."""
    if not _LANGUAGE_CODE.fullmatch(language):
        return []
    name = f"{language}.yml"
    paths = [data_root() / "themes" / "portfolio" / "locales" / name] if built_in else []
    paths.append(folder / "locales" / name)
    if root is not None:
        paths.append(root / "locales" / name)
    return list(dict.fromkeys(paths))  # the built-in theme is named once


#: A language code as BCP 47 writes one: letters, then parts of letters and digits after hyphens or underscores.
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


@functools.lru_cache(maxsize=64)
def _parsed_locale(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """Keyed by the file's time and size too: `portfolio serve` sees an edited locale at once."""
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):  # unreadable: `locale_problems` says so
        return {}
    return data if isinstance(data, dict) else {}


def _merged(base: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """`more` over `base`, key by key inside groups too (`roles:`): a half-translated group keeps English."""
    result = dict(base)
    for key, value in more.items():  # groups are copied, never shared with the remembered files
        if isinstance(value, dict):
            group = _merged(result[key] if isinstance(result.get(key), dict) else {}, value)
            result[key] = Plural(group) if _by_count(group) else group
        else:
            result[key] = value
    return result


class Plural(dict[str, str]):
    """A word written by plural category (`counted` picks the form): printed without a number, its `other` form.

    So a school's own template that still prints `{{ t.evidence_count }}` shows "pieces of evidence", as it did.
    """

    def __str__(self) -> str:
        return self.form("other")

    def form(self, category: str) -> str:
        """The word for a CLDR category; `other` when the file leaves that one out (then any form it gives)."""
        return str(self.get(category) or self.get("other") or next(iter(self.values()), ""))


def _keys(words: dict[str, Any], prefix: str = "") -> set[str]:
    """Every key, groups written `roles.peer`; a word given by count (`one:`, `other:`) is one key."""
    found = set()
    for key, value in words.items():
        group = isinstance(value, dict) and not _by_count(value)
        found |= _keys(value, f"{prefix}{key}.") if group else {f"{prefix}{key}"}
    return found


#: CLDR's plural categories: a word that changes with a number is written with some of these (docs/format.md).
PLURAL_FORMS = frozenset({"zero", "one", "two", "few", "many", "other"})


def _by_count(value: dict[Any, Any]) -> bool:
    return bool(value) and set(value) <= PLURAL_FORMS


def counted(words: object, count: int, language: str) -> str:
    """The form of a word that goes with `count` in `language` (`1 piece of evidence`, `2 pieces…`).

    A locale writes such a word as CLDR's categories (`{one: piece of evidence, other: pieces of
    evidence}`; Arabic has six), chosen by Babel's rules for the language; a plain text serves every
    count, as before. A category the file leaves out falls back to `other`.
    """
    if not isinstance(words, Plural):
        return str(words)
    from ..views.parts import babel_locale  # the views' Babel locales: loaded by the pages that count something

    return words.form(babel_locale(language).plural_form(count))
