"""Where the built-in theme and the base MkDocs configuration live (a wheel bundles them in `_data/`).

Apart from `theme.py`, which reads YAML: a build that changes nothing needs only these paths.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """The folder holding `mkdocs.yml` and `themes/`: bundled in a wheel, the repo root otherwise."""
    bundled = _PACKAGE / "_data"
    return bundled if bundled.is_dir() else _PACKAGE.parent


def base_config_path() -> Path:
    """The repo's `mkdocs.yml`, which every generated site inherits."""
    return data_root() / "mkdocs.yml"
