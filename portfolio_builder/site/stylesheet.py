"""The site's one stylesheet: mkdocs-material's without what the portfolio theme never uses, then the theme's own.

Every first visit downloads it before the page shows. A third of mkdocs-material's styles code
highlighting, content tabs, admonitions, blog posts and the like, none of which a portfolio page
shows: rules are dropped only when a class they need is one of those features' own, so anything a
page might hold keeps its style. Custom properties no rule reads (icons of those features, the
colours of code highlighting) go too. The theme's `assets/portfolio.css` follows in the same file,
without its comments and indentation: one request, not two, on the way to the first paint.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import tinycss2

from ..cache import atomic_write, seal, unseal
from .paths import base_config_path

#: Classes of mkdocs-material features this theme does not turn on, whole (`md-footer__link`) or as the block
#: every element and modifier of which goes (`md-tag`): checked against every page of the sample class by
#: tests/test_sample_class.py.
UNUSED = frozenset({
    # code blocks: highlighting, line numbers, copy buttons, annotations
    "highlight", "highlighttable", "hll", "linenos", "linenodiv", "filename", "md-code", "md-clipboard",
    "md-annotation", "md-annotation-list",
    # Markdown extensions not enabled (pymdownx and friends)
    "admonition", "admonition-title", "tabbed-set", "tabbed-labels", "tabbed-content", "tabbed-block",
    "tabbed-button", "tabbed-control", "task-list-item", "task-list-control", "task-list-indicator", "keys",
    "arithmatex", "katex-html", "critic", "mermaid", "emojione", "twemoji", "gemoji", "grid", "cards", "card",
    # site furniture not configured: tags, blog, versions, consent, feedback, repository, social links
    "md-tag", "md-tags", "md-tag-icon", "md-tag-shadow", "md-post", "md-profile", "md-author", "md-draft",
    "md-pin", "md-meta", "md-pagination", "md-version", "md-select", "md-option", "md-consent", "md-feedback",
    "md-source", "md-source-file", "md-social", "md-status", "md-banner", "md-path", "md-tabs",
    "giscus",
    # navigation features not turned on: sticky tabs, integrated table of contents, sections, footer links,
    # instant loading's progress bar, search suggestions, the palette toggle
    "md-nav--lifted", "md-header--lifted", "md-nav--integrated", "md-nav__item--section", "md-footer__inner",
    "md-footer__link", "md-footer__title", "md-footer__button", "md-footer__direction", "md-progress",
    "md-search__suggest", "md-header__option", "md-header__source", "md-nav__source", "md-content__button",
    "md-content--post", "md-sidebar--post", "md-input",
    # admonition types (pymdownx.details), icon sizes and image alignment (attr_list): extensions not enabled
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example",
    "quote", "lg", "xl", "xxl", "xxxl", "middle", "inline", "end",
})  # fmt: skip

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NESTED = ("media", "supports", "container", "layer")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_SKIP = {"skip_comments": True, "skip_whitespace": True}

#: A stylesheet as the trimming sees it: a rule (its selectors, its declarations as name, value, important),
#: a group of rules (`@media …`) or any other at-rule, kept as written.
Declaration = tuple[str, str, bool]
Node = tuple[str, str, list[Any]]


def unused(name: str) -> bool:
    """True for a class of a feature the theme never turns on (UNUSED names it, or the block it belongs to)."""
    return name in UNUSED or re.split(r"__|--", name)[0] in UNUSED


def trim(css: str) -> str:
    """mkdocs-material's stylesheet without the rules of UNUSED features (its source-map comment goes too)."""
    return _serialize(_nodes(_parse(css), drop_unused=True))


def combine(material: str, theme: str) -> str:
    """The site's stylesheet: `material` trimmed, then `theme` compacted, without custom properties nothing reads."""
    nodes = _nodes(_parse(material), drop_unused=True) + _nodes(_parse(theme), drop_unused=False)
    return _serialize(_without_unread(nodes))


def _parse(css: str) -> list[Any]:
    return list(tinycss2.parse_stylesheet(css, **_SKIP))


def _nodes(rules: list[Any], drop_unused: bool) -> list[Node]:
    out: list[Node] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [_compact(s) for s in _split(tinycss2.serialize(rule.prelude))]
            if drop_unused:
                selectors = [s for s in selectors if _needed(s)]
            if selectors:
                content = tinycss2.parse_declaration_list(rule.content, **_SKIP)
                out.append(("rule", ",".join(selectors), [_declaration(d) for d in content if d.type == "declaration"]))
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _NESTED:
            if inner := _nodes(tinycss2.parse_rule_list(rule.content, **_SKIP), drop_unused):
                out.append(("group", f"@{rule.at_keyword} {_value(rule.prelude)}", inner))
        else:
            out.append(("raw", tinycss2.serialize([rule]), []))
    return out


def _declaration(declaration: Any) -> Declaration:
    return declaration.name, _value(declaration.value), declaration.important


def _value(tokens: list[Any]) -> str:
    """Tokens written back with every run of white space as one space, and none beside a comma."""
    out: list[str] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if out and out[-1] not in (" ", ","):
                out.append(" ")
            continue
        if token.type == "literal" and token.value == "," and out and out[-1] == " ":
            out.pop()
        if token.type == "function":
            out.append(f"{tinycss2.serializer.serialize_identifier(token.name)}({_value(token.arguments)})")
        elif token.type in ("() block", "[] block"):
            out.append(f"{token.type[0]}{_value(token.content)}{token.type[1]}")
        else:
            out.append(tinycss2.serialize([token]))
    return "".join(out).strip()


def _compact(selector: str) -> str:
    """A selector with single spaces, and none around `>`, `+` and `~` (they separate on their own)."""
    return re.sub(r"\s*([>+~])\s*", r"\1", " ".join(selector.split()))


def _without_unread(nodes: list[Node]) -> list[Node]:
    """The nodes without the custom properties (`--name: …`) that no declaration read, even through another."""
    declared = list(_declarations(nodes))
    read = {name for prop, value, _ in declared if not prop.startswith("--") for name in _VAR.findall(value)}
    while True:
        more = {name for prop, value, _ in declared if prop in read for name in _VAR.findall(value)} - read
        if not more:
            break
        read |= more
    return _keep(nodes, lambda d: not d[0].startswith("--") or d[0] in read)


def _declarations(nodes: list[Node]) -> Iterator[Declaration]:
    for kind, _, content in nodes:
        if kind == "rule":
            yield from content
        elif kind == "group":
            yield from _declarations(content)


def _keep(nodes: list[Node], wanted: Callable[[Declaration], bool]) -> list[Node]:
    out: list[Node] = []
    for kind, head, content in nodes:
        if kind == "raw":
            out.append((kind, head, content))
        elif kept := (_keep(content, wanted) if kind == "group" else [d for d in content if wanted(d)]):
            out.append((kind, head, kept))
    return out


def _serialize(nodes: list[Node]) -> str:
    out = []
    for kind, head, content in nodes:
        if kind == "raw":
            out.append(head)
        elif kind == "group":
            out.append(f"{head}{{{_serialize(content)}}}")
        else:
            body = ";".join(f"{name}:{value}{'!important' if important else ''}" for name, value, important in content)
            out.append(f"{head}{{{body}}}")
    return "".join(out)


def _needed(selector: str) -> bool:
    """False when the selector, outside `:is()`/`:not()` and the like, needs an UNUSED feature's class."""
    outside = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", "()", selector)
    return not any(unused(name) for name in _CLASS.findall(outside))


def _split(prelude: str) -> list[str]:
    """Selectors split on top-level commas only (`:is(a,b)` stays whole)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    return [*parts, prelude[start:]]


@functools.lru_cache(maxsize=4)  # every site a worker renders asks for the same file
def trimmed_file(source: Path, cache: Path | None, theme: str = "") -> tuple[str, str]:
    """The site's stylesheet (`combine`) and a file name that changes with its content, made once per theme version.

    `source` is mkdocs-material's stylesheet, `theme` the text of the theme's own.
    """
    original = source.read_text(encoding="utf-8")
    key = hashlib.sha256(original.encode() + theme.encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    if cache is None:
        css = combine(original, theme)
    else:
        kept = cache / "stylesheets" / f"{key}.css"
        try:  # copied into every site: only a record sealed by this cache's key is trusted
            css = (unseal(cache, kept.read_bytes()) or b"").decode("utf-8")
        except (OSError, UnicodeDecodeError):
            css = ""
        if not css:
            css = combine(original, theme)
            if sealed := seal(cache, css.encode()):
                atomic_write(kept, sealed)
    return f"main.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css", css


def prepare(theme_dir: Path, cache: Path) -> None:
    """Make the stylesheet before any site asks for it: in a cold build, every worker would make it at once.

    The files are found as MkDocs finds them (the theme's `overrides/` first, then mkdocs-material's). Where
    this guessed wrong, the first site would only make its stylesheet itself, as it would without this.
    """
    import material
    import yaml

    templates = Path(material.__file__).parent / "templates"
    sources = sorted(templates.glob("assets/stylesheets/main.*.min.css"))
    base = yaml.safe_load(base_config_path().read_text(encoding="utf-8"))
    theme = []
    for uri in base.get("extra_css", []):
        found = [folder / uri for folder in (theme_dir / "overrides", templates) if (folder / uri).is_file()]
        theme += [found[0].read_text(encoding="utf-8")] if found else []
    if len(sources) == 1:
        trimmed_file(sources[0], cache, "\n".join(theme))
