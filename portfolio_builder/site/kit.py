"""The teacher's pages (cards, matrix): plain HTML files made with Jinja, outside MkDocs, never published.

Autoescaping is on for every template here: names and statements are text (docs/privacy.md).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from .templates import SealedBytecodeCache
from .theme import counted, data_root

RTL = {"ar", "he", "fa", "ur"}


def direction(language: str) -> str:
    """`rtl` for the right-to-left languages, else `ltr`."""
    return "rtl" if language.split("-")[0].lower() in RTL else "ltr"


def render_page(theme_dir: Path, template: str, language: str, *, cache: Path | None = None, **context: Any) -> str:
    """One teacher page from `themes/<theme>/teacher/` (the built-in templates when the school's theme has none).

    `cache`: the build cache, where compiled templates are kept between builds (site/templates.py).
    """
    env = _environment(theme_dir, cache)
    return env.get_template(template).render(lang=language, dir=direction(language), **context)


@functools.lru_cache(maxsize=8)
def _environment(theme_dir: Path, cache: Path | None) -> Environment:
    """One environment per theme and process: each template is compiled once, not once per page (35 ms each).

    Jinja checks a template's file time before reusing it, so an edited template is read again.
    """
    loader = ChoiceLoader([
        FileSystemLoader(str(theme_dir / "teacher")),
        FileSystemLoader(str(data_root() / "themes" / "portfolio" / "teacher")),
    ])
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals["rtl"] = direction
    env.filters["counted"] = counted
    if cache is not None:
        env.bytecode_cache = SealedBytecodeCache(cache)
    return env
