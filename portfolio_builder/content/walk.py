"""The one walk over the class folder, for reading it and for noticing that nothing changed.

Kept free of YAML and markdown so that a build that changes nothing stats every file and stops
there, without loading the readers (docs/scale.md, "A build that changes nothing").
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def is_ignored(name: str) -> bool:
    """Files and folders starting with `_` or `.` are the student's own business."""
    return name.startswith(("_", "."))



@dataclass(frozen=True)
class Entry:
    """One file the walk found, with what says whether it changed."""

    path: Path
    size: int
    mtime_ns: int
    ctime_ns: int
    linked: bool  # reached through a symbolic link below the folder walked

    def stamp(self) -> str:
        return f"{self.path}|{self.size}|{self.mtime_ns}|{self.ctime_ns}|{self.linked}"


def walk(folder: Path) -> Iterator[Entry]:
    """Every file under `folder` that is read, in a stable order: the one walk for reading and for changes.

    Links to folders are followed, as reading follows them, so an edit behind a link is seen;
    a folder reached twice (a link loop) is walked once. Ignored names (`_`, `.`) are skipped.
    """
    seen: set[str] = set()

    def visit(base: Path, linked: bool) -> Iterator[Entry]:
        real = os.path.realpath(base)
        if real in seen:
            return
        seen.add(real)
        try:
            names = sorted(os.listdir(base))
        except OSError:
            return
        for name in names:
            if is_ignored(name):
                continue
            path = base / name
            try:
                is_link = os.path.islink(path)
                info = os.stat(path)
            except OSError:
                continue
            if stat_module.S_ISDIR(info.st_mode):
                yield from visit(path, linked or is_link)
            elif stat_module.S_ISREG(info.st_mode):
                yield Entry(path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, linked or is_link)

    yield from visit(folder, False)
