"""Where the theme and the base MkDocs configuration live, and the theme's UI words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError

_PACKAGE = Path(__file__).resolve().parent.parent
#: libyaml's safe loader when installed: the locales are read on every preview save, 50 ms each in pure Python.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


def data_root() -> Path:
    """The folder holding `mkdocs.yml` and `themes/`: bundled in a wheel, the repo root otherwise."""
    bundled = _PACKAGE / "_data"
    return bundled if bundled.is_dir() else _PACKAGE.parent


def base_config_path() -> Path:
    """The repo's `mkdocs.yml`, which every generated site inherits."""
    return data_root() / "mkdocs.yml"


def theme_dir(name: str, root: Path) -> Path:
    """`ROOT/themes/<name>/` if the class has one, else the built-in `themes/<name>/` (docs/format.md)."""
    for candidate in (root / "themes" / name, data_root() / "themes" / name):
        if candidate.is_dir():
            return candidate.resolve()
    raise UsageError(f"{root / 'portfolio.yml'}: error: there is no theme `{name}` (try `theme: portfolio`)")


def strings(folder: Path, language: str) -> dict[str, Any]:
    """The UI words in `language`, with English for anything not translated yet.

    Read anew for each build (a few small files): `portfolio serve` shows an edited locale at once.
    """
    words = _read_locale(folder, "en") or _read_locale(data_root() / "themes" / "portfolio", "en")
    return {**words, **_read_locale(folder, language)}


def _read_locale(folder: Path, language: str) -> dict[str, Any]:
    path = folder / "locales" / f"{language}.yml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return data if isinstance(data, dict) else {}
