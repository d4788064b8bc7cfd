"""What builds keep between runs: one folder outside the class folder and the site.

Everything in it can be deleted at any time; the next build makes it again. Every
file is written beside its final name and renamed, so an interrupted build never
leaves half a file for the next one to trust.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def default_cache_dir() -> Path:
    """The user's cache folder: shared by every build, never inside ROOT or the site."""
    if env := os.environ.get("PORTFOLIO_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "portfolio_builder"


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
