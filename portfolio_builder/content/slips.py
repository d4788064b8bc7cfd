"""The YAML slips students make, found on their own line and explained with the fix (docs/format.md).

PyYAML's words ("mapping values are not allowed in this context") describe the parser, and its
line is sometimes the one after the slip. These functions read the text a student typed: the
line a parser error names, or every line before parsing, and say what to type instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A line's parts: indentation (and list dashes), the key, and the value after `key:`.
_LINE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*):(?P<gap>[ \t]*)(?P<value>.*)$")
#: `title:Bridge`: a key and its value with no space between (a `/` after it is a web address).
_NO_SPACE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
#: The indentation of a line, list dashes included: a tab there is what YAML cannot read.
_INDENT = re.compile(r"^[ \t]*(?:-[ \t]+)*")
CURLY_OPEN = "“‘„‚«"
CURLY_PAIRS = {"“": "”", "‘": "’", "„": "“", "‚": "‘", "«": "»"}


def quoted(value: str) -> str:
    """The value as the student should type it: in straight double quotes (single if it holds a `"`)."""
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def missing_space(text: str) -> tuple[int, str] | None:
    """The first `key:value` line with no space after the colon: (index in `text`, message).

    PyYAML reads `title:Bridge` as one plain word and complains a line later, or not at all,
    so this is looked for before parsing. Lines inside a value (a `|` block, a long text that
    goes on over several lines) are skipped: there a colon is the student's own writing.
    """
    for index, line in _key_lines(text.split("\n")):
        match = _NO_SPACE.match(line)
        if match and not match["value"].startswith(("'", '"')):
            key, value = match["key"], match["value"].rstrip()
            return index, (
                f"put a space after the `:` in `{key}:{value}`: write `{key}: {value}`"
            )
    return None


def _key_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Every line that may start a `key:`, skipping comments and lines that continue a value above."""
    inside_from: int | None = None  # the column of the key whose value may go on below it
    for index, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        column = len(line) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if inside_from is not None and column > inside_from:
            continue
        inside_from = None
        yield index, line
        match = _LINE.match(line)
        if match and match["value"].strip() and not match["value"].lstrip().startswith("#"):
            inside_from = len(match["lead"])


def explain_line(lines: list[str], index: int) -> tuple[int, str] | None:
    """Why the line at `index` cannot be read: (the line to point at, the words with the line put right).

    Checked in this order: a tab used to indent (on this line or one above it, which is then the
    line named), curly quotes used as quotes, an apostrophe inside single quotes, a quote never
    closed, a `:` inside a value.
    """
    if (tab := _tab_index(lines, index)) is not None:
        return tab, _tab_words(lines[tab])
    if not 0 <= index < len(lines) or not (match := _LINE.match(lines[index])):
        return None
    said = _quote_slip(match["key"], match["value"].strip())
    return (index, said) if said else None


def _quote_slip(key: str, value: str) -> str | None:
    """A value whose quotes, or whose `:`, YAML misreads."""
    if value[:1] in CURLY_OPEN:
        inner = value[1:].rstrip("”’“‘»")
        return (
            f"`{value[0]}` and `{CURLY_PAIRS[value[0]]}` are curly quotes, which YAML does not read as quotes: "
            f"type straight ones: `{key}: {quoted(inner)}`"
        )
    if value.startswith("'") and "'" in value[1:-1].replace("''", ""):
        inner = value[1:-1] if value.endswith("'") else value[1:]
        word = re.search(r"\S*'\S*", inner)
        return (
            f"the `'` in `{word[0] if word else inner}` ends the quote too early: "
            f"put the {key} in double quotes: `{key}: \"{inner}\"`"
        )
    if value[:1] in {'"', "'"} and (len(value) == 1 or not value.endswith(value[0])):
        mark = value[0]
        return f"the quote `{mark}` is never closed: end the line with `{mark}` too, like `{key}: {value}{mark}`"
    closing = {"[": "]", "{": "}"}.get(value[:1])
    if closing and not value.split(" #")[0].rstrip().endswith(closing):
        return f"the `{value[0]}` is never closed: end it with `{closing}`, like `{key}: {value}{closing}`"
    if value[:1] not in {'"', "'", "{", "["} and (": " in value or value.endswith(":")):
        return (
            f"the `:` inside `{value}` looks like a new detail to YAML: put the {key} in quotes: "
            f"`{key}: {quoted(value)}`"
        )
    return None


def _tab_index(lines: list[str], upto: int) -> int | None:
    """The first line, at or before `upto`, with a tab in its indentation: YAML indents with spaces only."""
    for index, line in enumerate(lines[: upto + 1]):
        indent = _INDENT.match(line)
        if indent and "\t" in indent[0]:
            return index
    return None


def _tab_words(line: str) -> str:
    if line.startswith("\t"):
        return "this line starts with a tab: use spaces to indent"
    after = line.lstrip(" \t-").split(":")[0].strip() or "it"
    return f"there is a tab before `{after}`: use spaces to indent (YAML cannot read tabs there)"


def cut_by_hash(line: str, key: str, parsed: object) -> str | None:
    """A text value YAML cut at ` #` (the start of a note): `title: Week #3` is read as `Week`.

    Said only when what was read is exactly the text before the ` #`, so a quoted `#`
    and a value that goes on over several lines are never blamed.
    """
    match = _LINE.match(line)
    if not match or match["key"] != key:
        return None
    value = match["value"].rstrip()
    cut = re.search(r"(^|[ \t])#", value)
    if cut is None or value[:1] in {'"', "'"}:
        return None
    kept = value[: cut.start()].strip()
    if parsed != (kept or None):
        return None
    return (
        f"YAML read `{key}: {value}` as `{kept}`: a ` #` starts a note it leaves out; "
        f"put the {key} in quotes to keep the # part: `{key}: {quoted(value)}`"
    )
