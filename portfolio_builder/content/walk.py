"""The one walk over the class folder, for reading it and for noticing that nothing changed.

Kept free of YAML and markdown so that a build that changes nothing stats every file and stops
there, without loading the readers (docs/scale.md, "A build that changes nothing").
"""

from __future__ import annotations

import contextlib
import os
import stat as stat_module
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: `ROOT/themes/` holds a class's own theme (docs/format.md, `theme:`), never a student.
THEMES = "themes"
#: `ROOT/locales/` holds the UI words of languages the school adds (docs/format.md, "Translations").
LOCALES = "locales"
#: The teacher's folders in a class folder: a link in them may lead anywhere (one theme shared by classes).
TEACHERS = (THEMES, LOCALES)


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
    #: A name that is not text (written by an old computer in another encoding): `path` shows it with "�",
    #: and nothing reads it (a folder so named is not walked into); the student is told to rename it.
    unreadable: bool = False
    #: A link to a folder outside the student's folder: not walked into (it could be the whole disk), and the
    #: student is told to copy the real folder in.
    outside: bool = False

    def stamp(self) -> str:
        return (f"{self.path}|{self.size}|{self.mtime_ns}|{self.ctime_ns}|{self.linked}|{self.unreadable}"
                f"|{self.outside}")


def readable(name: str) -> bool:
    """A file name that is text: one the tool can print, store and send on."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(name: str) -> str:
    """A name as it can be shown: the bytes that are not text as "�"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def walk(folder: Path, *, homes: bool = False) -> Iterator[Entry]:
    """Every file under `folder` that is read, in a stable order: the one walk for reading and for changes.

    Links to folders are followed, as reading follows them, so an edit behind a link is seen;
    a folder reached twice (a link loop) is walked once. Ignored names (`_`, `.`) are skipped.
    A link is followed only to a folder inside its home: `folder` itself (a student's), or with `homes`
    each folder right below it (a class folder's students; its `themes/` and `locales/`, the teacher's,
    may link anywhere). A link out (to `/tmp`, to the whole disk) is one entry marked `outside`, so one
    student's link never makes a build walk the computer.
    Inside `walked_once()`, a folder is listed once and read from that listing after.
    """
    if _listings is None:
        yield from _walk(folder, homes)[0]
        return
    if (known := _listings.get((folder, homes))) is None:
        known = _listings[(folder, homes)] = _within(folder, homes) or _walk(folder, homes)
    yield from known[0]


_listings: dict[tuple[Path, bool], tuple[list[Entry], bool]] | None = None


@contextlib.contextmanager
def walked_once() -> Iterator[None]:
    """For one build: the change check, finding the students and remembering them share one listing.

    Over only while the build runs: `serve` builds again and again in one process, and each
    build must see the files as they are then.
    """
    global _listings
    before, _listings = _listings, {}
    _children.clear()
    try:
        yield
    finally:
        _listings = before
        _children.clear()


def _within(folder: Path, homes: bool) -> tuple[list[Entry], bool] | None:
    """A student folder's listing cut from the class folder's (walked with `homes`), when that walk met no link.

    With a link anywhere, a folder walked alone could list what the walk above reached first
    elsewhere: it is then walked on its own.
    """
    assert _listings is not None
    if homes:
        return None
    for (top, top_homes), (entries, linked) in list(_listings.items()):
        if top_homes and not linked and folder.parent == top:
            if (children := _children.get(top)) is None:
                children = _children[top] = _by_child(top, entries)
            return children.get(folder.name, []), False
    return None


def _by_child(top: Path, entries: list[Entry]) -> dict[str, list[Entry]]:
    """The entries under each folder right below `top` (a class folder's students), in walk order."""
    out: dict[str, list[Entry]] = {}
    start = len(str(top)) + 1
    for entry in entries:
        child, sep, _ = str(entry.path)[start:].partition(os.sep)
        if sep:  # a file in a folder below, not beside them
            out.setdefault(child, []).append(entry)
    return out


_children: dict[Path, dict[str, list[Entry]]] = {}


def _walk(folder: Path, homes: bool) -> tuple[list[Entry], bool]:
    """The entries, and whether any link was met (followed or not)."""
    seen: set[str] = set()
    entries: list[Entry] = []
    met_link = False

    def visit(base: Path, linked: bool, home: str | None) -> None:
        nonlocal met_link
        real = os.path.realpath(base)
        if real in seen:
            return
        seen.add(real)
        try:  # scandir: whether a name is a link comes with the listing (half the system calls of a walk)
            with os.scandir(base) as listing:
                found = sorted(listing, key=lambda item: item.name)
        except OSError:
            return
        for item in found:
            name = item.name
            if is_ignored(name):
                continue
            path = base / name
            try:
                is_link = item.is_symlink()
                info = item.stat()  # through a link, as reading goes
            except OSError:
                met_link = met_link or item.is_symlink()
                continue
            met_link = met_link or is_link
            if not readable(name):
                shown_path = base / shown(name)
                entries.append(Entry(shown_path, 0, info.st_mtime_ns, info.st_ctime_ns, linked, unreadable=True))
            elif stat_module.S_ISDIR(info.st_mode):
                if home is None:  # a student's folder in a class folder: their home; the class's theme: anywhere
                    visit(path, linked or is_link, os.sep if name in TEACHERS else os.path.realpath(path))
                elif is_link and not _inside(os.path.realpath(path), home):
                    entries.append(Entry(path, 0, 0, 0, True, outside=True))
                else:
                    visit(path, linked or is_link, home)
            elif stat_module.S_ISREG(info.st_mode):
                entries.append(Entry(path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, linked or is_link))

    visit(folder, False, None if homes else os.path.realpath(folder))
    return entries, met_link or os.path.islink(folder)


def _inside(real: str, home: str) -> bool:
    """Whether a resolved path is the home folder or below it."""
    return real == home or real.startswith(home.rstrip(os.sep) + os.sep)
