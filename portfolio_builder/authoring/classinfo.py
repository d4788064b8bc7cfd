"""What `new` and `schema` need to know of the class: its settings and targets, its texts in one language."""

from __future__ import annotations

from pathlib import Path

from ..content.settings import read_settings, read_targets
from ..errors import UsageError
from ..model import ClassSettings, Target, Text, local


def read_class(root: Path) -> tuple[ClassSettings, dict[str, Target]]:
    """The settings and the targets; a class folder that cannot be read stops the command (exit 2)."""
    if not root.is_dir():
        raise UsageError(f"{root}: error: there is no class folder here (expected a folder with portfolio.yml inside)")
    settings = read_settings(root)
    return settings, read_targets(root, settings)


def in_language(text: Text, language: str) -> str:
    """A text the school wrote once or per language (`{en: …, es: …}`), in `language` if it has one."""
    return local(text, language, "en")
