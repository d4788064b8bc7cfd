"""Stage 1: read the class folder into raw documents, remembering where every key was written.

Nothing here judges content; it only makes the files readable (BOM, CRLF, YAML)
and keeps the line of each key so later stages can point at it.
"""

from __future__ import annotations

import os
import re
import stat as stat_module
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .errors import ContentError, Problem, Severity

#: Where each key sits: ("targets", "sci-observe") -> line number in the file.
LineIndex = dict[tuple[str | int, ...], int]

DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
#: `ROOT/themes/` holds a class's own theme (SPEC.md, `theme:`), never a student.
THEMES = "themes"


# libyaml's parser when PyYAML has it (about ten times faster on a class of a thousand pieces).
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as text, so an impossible date is reported, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A markdown file split into front matter and body, with key lines."""

    path: Path
    meta: dict[str, Any]
    lines: LineIndex
    body: str
    body_line: int

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

    @property
    def student_file(self) -> Path:
        return self.path / "student.md"


def slugify(text: str) -> str:
    """Reduce a name to `a-z0-9-` (`Léa Martin` → `lea-martin`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_ignored(name: str) -> bool:
    """Files and folders starting with `_` or `.` are the student's own business."""
    return name.startswith(("_", "."))


def scan_students(root: Path) -> Iterator[StudentFolder]:
    """Yield every student folder under ROOT, with its piece files in a stable order."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not is_ignored(p.name) and p.name != THEMES):
        student = StudentFolder(path=folder, slug=slugify(folder.name))
        student.pieces = sorted(_piece_files(folder))
        yield student


def _piece_files(folder: Path) -> Iterator[Path]:
    for entry in walk(folder):
        if entry.path.suffix == ".md" and entry.path != folder / "student.md":
            yield entry.path


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


def read_text(path: Path) -> str:
    """Read a student's file as text, forgiving a BOM and Windows line endings."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _content_error(path, None, f"this file cannot be opened ({exc.strerror})") from exc
    if b"\x00" in raw:
        raise _content_error(
            path, None, "this is not a text file: save your writing as plain text (.md)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _content_error(
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
        raise _content_error(
            path, None, "this file is empty: start it with `---`, a `title:` line, and `---`"
        )
    if not frontmatter.YAMLHandler().detect(text):
        raise _content_error(
            path, 1, "the file must start with a `---` line, then its details (like `title:`), "
            "then another `---` line",
        )
    try:
        yaml_text, body = frontmatter.YAMLHandler().split(text)
    except ValueError as exc:
        raise _content_error(
            path, 1, "the details at the top never end: add a `---` line after the last one"
        ) from exc
    # The YAML text starts right after the opening `---`, so its line 0 is file line 1.
    meta, lines = parse_yaml(yaml_text, path, first_line=1)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _content_error(
            path, 1, "the lines between the two `---` must be `key: value` lines, like `title: My essay`"
        )
    body_line = 2 + yaml_text.count("\n")
    return Document(path=path, meta=meta, lines=lines, body=body.lstrip("\n"), body_line=body_line)


def parse_yaml(text: str, path: Path, first_line: int) -> tuple[Any, LineIndex]:
    """Parse YAML, keeping the line of each key; a syntax error becomes a ContentError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _content_error(path, *_explain_yaml_error(exc, first_line, text.count("\n"))) from exc
    except yaml.YAMLError as exc:
        raise _content_error(path, first_line, f"this is not valid YAML ({exc})") from exc
    finally:
        loader.dispose()
    lines: LineIndex = {}
    if node is not None:
        _index_lines(node, (), lines, first_line)
        if twice := _first_duplicate_key(node, first_line):
            key, first, second = twice
            raise _content_error(
                path, second,
                f"`{key}` is written twice (lines {first} and {second}): "
                "keep only the one you mean and delete the other",
            )
    return data, lines


def _first_duplicate_key(node: yaml.Node, first: int) -> tuple[str, int, int] | None:
    """A key written twice in one mapping: YAML keeps the last silently (`share: private` then `share: family`)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first + key_node.start_mark.line
            name = str(key_node.value)
            if name in seen:
                return name, seen[name], line
            seen[name] = line
            if found := _first_duplicate_key(value_node, first):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if found := _first_duplicate_key(item, first):
                return found
    return None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, first_line: int, last_line: int) -> tuple[int, str]:
    """Point at the line to fix: where an unclosed quote or bracket opened, not where the file ended."""
    reason = exc.problem or "it cannot be read"
    mark = exc.problem_mark
    at_the_end = mark is None or mark.line >= last_line or "end of stream" in reason or "<stream end>" in reason
    if exc.context_mark is not None and at_the_end:
        mark = exc.context_mark
    line = first_line + mark.line if mark else first_line
    if "'\\t'" in reason or "tab character" in reason:  # PyYAML's and libyaml's words for it
        return line, "this line starts with a tab: use spaces to indent"
    return line, f"this line is not valid YAML ({reason}): check for a missing `:` or a stray quote"


def _index_lines(node: yaml.Node, key: tuple[str | int, ...], lines: LineIndex, first: int) -> None:
    lines.setdefault(key, first + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*key, str(key_node.value))
            lines[child] = first + key_node.start_mark.line
            _index_lines(value_node, child, lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*key, index), lines, first)


def _content_error(path: Path, line: int | None, message: str) -> ContentError:
    return ContentError(Problem(path, line, Severity.ERROR, message))
