"""YAML with the line of every key, and its slips explained in words a student can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem, Severity
from .slips import explain_line, missing_space

#: Where each key sits: ("targets", "sci-observe") -> line number in the file.
LineIndex = dict[tuple[str | int, ...], int]


# libyaml's parser when PyYAML has it (about ten times faster on a class of a thousand pieces).
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as text, so an impossible date is reported, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, path: Path, first_line: int) -> tuple[Any, LineIndex]:
    """Parse YAML, keeping the line of each key; a syntax error becomes a ContentError.

    A `key:value` with no space is looked for first: YAML would read it as one word and
    complain about another line, or not at all.
    """
    if slip := missing_space(text):
        raise content_error(path, first_line + slip[0], slip[1])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise content_error(path, *_explain_yaml_error(exc, first_line, text)) from exc
    except yaml.YAMLError as exc:
        raise content_error(path, first_line, f"this is not valid YAML ({exc})") from exc
    finally:
        loader.dispose()
    lines: LineIndex = {}
    if node is not None:
        if _expanded(node, {}) > MAX_VALUES:  # `&a` / `*a` repeated inside each other: billions of values
            raise content_error(
                path, first_line,
                "this file repeats a part too many times with YAML anchors (`&name` and `*name`): "
                "write the values out instead",
            )
        _index_lines(node, (), lines, first_line, set())
        if twice := _first_duplicate_key(node, first_line, set()):
            key, first, second = twice
            raise content_error(
                path, second,
                f"`{key}` is written twice (lines {first} and {second}): "
                "keep only the one you mean and delete the other",
            )
    return data, lines


#: The most values a front matter or settings file may hold once its anchors are expanded.
MAX_VALUES = 100_000


def _expanded(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the file holds with every `*alias` written out; each node is counted once (`sizes`)."""
    if (known := sizes.get(id(node))) is not None:
        return known
    sizes[id(node)] = 1  # a node inside itself (a recursive alias) counts once
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    total = 1
    for child in children:
        total += _expanded(child, sizes)
        if total > MAX_VALUES:
            break
    sizes[id(node)] = total
    return total


def _first_duplicate_key(node: yaml.Node, first: int, done: set[int]) -> tuple[str, int, int] | None:
    """A key written twice in one mapping: YAML keeps the last silently (`share: private` then `share: family`).

    `done`: the nodes looked at already (an `*alias` is the node it names, looked at once)."""
    if id(node) in done:
        return None
    done.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first + key_node.start_mark.line
            name = str(key_node.value)
            if name in seen:
                return name, seen[name], line
            seen[name] = line
            if found := _first_duplicate_key(value_node, first, done):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if found := _first_duplicate_key(item, first, done):
                return found
    return None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> tuple[int, str]:
    """Point at the line to fix: where an unclosed quote or bracket opened, not where the file ended.

    The common slips (a tab, curly quotes, an apostrophe in single quotes, a `:` in a value) are
    said in words with the line written right (slips.py); the parser's own words are the last resort.
    """
    reason = exc.problem or "it cannot be read"
    mark = exc.problem_mark
    at_the_end = (
        mark is None or mark.line >= text.count("\n") or "end of stream" in reason or "<stream end>" in reason
    )
    if exc.context_mark is not None and at_the_end:
        mark = exc.context_mark
    index = mark.line if mark else 0
    if said := explain_line(text.split("\n"), index):
        return first_line + said[0], said[1]
    if "'\\t'" in reason or "tab character" in reason:  # PyYAML's and libyaml's words for it
        return first_line + index, "this line has a tab: use spaces to indent"
    return first_line + index, f"this line is not valid YAML ({reason}): check for a missing `:` or a stray quote"


def _index_lines(node: yaml.Node, key: tuple[str | int, ...], lines: LineIndex, first: int, done: set[int]) -> None:
    """The line of each key; an `*alias` points at its anchor's lines, and its node is walked once (`done`)."""
    lines.setdefault(key, first + node.start_mark.line)
    if id(node) in done:
        return
    done.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*key, str(key_node.value))
            lines[child] = first + key_node.start_mark.line
            _index_lines(value_node, child, lines, first, done)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*key, index), lines, first, done)


def content_error(path: Path, line: int | None, message: str) -> ContentError:
    return ContentError(Problem(path, line, Severity.ERROR, message))
