"""Stage 1: the class folder as files: which are read, as text, split into front matter and body.

Nothing here judges content; it only makes the files readable (BOM, CRLF, YAML) and keeps
the line of each key so later stages can point at it (docs/format.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter

from .walk import LOCALES as LOCALES  # re-exported, as THEMES
from .walk import TEACHERS, is_ignored, readable, shown, walk
from .walk import THEMES as THEMES
from .walk import Entry as Entry  # re-exported: reading and noticing changes share the one walk
from .yamlread import LineIndex, content_error, parse_yaml

DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
#: Writing saved in a form that is not read: each is a warning, never silently left out.
NOT_READ = {".md", ".markdown", ".mdown", ".txt", ".docx", ".doc", ".odt", ".rtf", ".pages"}


@dataclass
class Document:
    """A markdown file split into front matter and body, with key lines."""

    path: Path
    meta: dict[str, Any]
    lines: LineIndex
    body: str
    body_line: int
    front: str = ""  # the front matter as typed (its line 0 is the opening `---`), for slips.py

    def source_line(self, line: int) -> str:
        """The text of one front-matter line as the student typed it."""
        lines = self.front.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def line(self, *key: str | int) -> int:
        """The line of a key, or of its closest written parent, or of the opening `---`."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


@dataclass
class StudentFolder:
    """One student's folder: `student.md` and every piece beneath it."""

    path: Path
    slug: str
    pieces: list[Path] = field(default_factory=list)
    unread: list[Path] = field(default_factory=list)  # writing saved in a form that is not read (`.docx`)
    unnamed: list[Path] = field(default_factory=list)  # files whose names are not text (`walk.Entry.unreadable`)
    outside: list[Path] = field(default_factory=list)  # links to folders outside theirs (`walk.Entry.outside`)

    @property
    def student_file(self) -> Path:
        return self.path / "student.md"


def slugify(text: str) -> str:
    """Reduce a name to `a-z0-9-` (`Léa Martin` → `lea-martin`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def student_folders(root: Path) -> list[Path]:
    """Every student folder under ROOT, sorted, without looking inside them."""
    return sorted(
        p for p in root.iterdir()
        if p.is_dir() and not is_ignored(p.name) and p.name not in TEACHERS and readable(p.name)
    )


def unnamed_folders(root: Path) -> list[Path]:
    """The folders under ROOT whose names are not text, shown with "�": no student is read from them."""
    return sorted(root / shown(p.name) for p in root.iterdir() if not readable(p.name) and p.is_dir())


def unnamed_words(path: Path) -> str:
    """What to do with a file or folder whose name is not text."""
    return (f"`{path.name}` has a letter in its name that this computer cannot read, so it is left out: "
            "rename it using plain letters (a–z, 0–9 and -)")


def outside_words(path: Path) -> str:
    """What to do with a link to a folder outside the student's own."""
    return (f"`{path.name}` is a link to a folder outside your folder, so it is left out: "
            "copy the real folder in instead")


def scan_students(root: Path, named: Callable[[str], bool] = lambda name: True) -> Iterator[StudentFolder]:
    """Yield every student folder under ROOT (or those `named` accepts), with its piece files in a stable order."""
    for folder in (p for p in student_folders(root) if named(p.name)):
        student = StudentFolder(path=folder, slug=slugify(folder.name))
        own = student.student_file  # made once: a class's walk has thousands of entries
        for entry in walk(folder):
            if entry.unreadable:
                student.unnamed.append(entry.path)
            elif entry.outside:
                student.outside.append(entry.path)
            elif entry.path.suffix == ".md":
                if entry.path != own:
                    student.pieces.append(entry.path)
            elif entry.path.suffix.lower() in NOT_READ:
                student.unread.append(entry.path)
        student.pieces.sort()
        yield student


def not_read_words(path: Path) -> str:
    """What to do with writing the tool does not read: rename it, or save it as markdown."""
    if path.suffix.lower() in {".md", ".markdown"}:
        return f"`{path.name}` is not read: rename it to `{path.stem}.md` (the ending in small letters)"
    if path.suffix.lower() == ".txt":
        return (
            f"`{path.name}` is not read: rename it to `{path.stem}.md` and start it with `---`, "
            "a `title:` line and `---` (or start its name with `_` to keep it out)"
        )
    return (
        f"`{path.name}` is not read: save your writing as a .md file "
        "(or start its name with `_` to keep it out)"
    )


def read_text(path: Path) -> str:
    """Read a student's file as text, forgiving a BOM and Windows line endings."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise content_error(path, None, f"this file cannot be opened ({exc.strerror})") from exc
    if b"\x00" in raw:
        raise content_error(
            path, None, "this is not a text file: save your writing as plain text (.md)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise content_error(
            path, line, "this file is not saved as UTF-8 text: open it and save it again as UTF-8"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml_file(path: Path) -> tuple[Any, LineIndex]:
    """Read a YAML settings file with the line of every key."""
    return parse_yaml(read_text(path), path, first_line=1)


def read_document(path: Path) -> Document:
    """Read a markdown file with YAML front matter (the opening `---` is line 1)."""
    text = read_text(path)
    if not text.strip():
        raise content_error(
            path, None, "this file is empty: start it with `---`, a `title:` line, and `---`"
        )
    if not frontmatter.YAMLHandler().detect(text):
        raise content_error(
            path, 1, "the file must start with a `---` line, then its details (like `title:`), "
            "then another `---` line",
        )
    try:
        yaml_text, body = frontmatter.YAMLHandler().split(text)
    except ValueError as exc:
        raise content_error(
            path, 1, "the details at the top never end: add a `---` line after the last one"
        ) from exc
    # The YAML text starts right after the opening `---`, so its line 0 is file line 1.
    meta, lines = parse_yaml(yaml_text, path, first_line=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise content_error(
            path, 1, "the lines between the two `---` must be `key: value` lines, like `title: My essay`"
        )
    body_line = 2 + yaml_text.count("\n")
    return Document(
        path=path, meta=meta, lines=lines, body=body.lstrip("\n"), body_line=body_line, front=yaml_text
    )
