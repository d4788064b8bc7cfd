"""mkdocs-material's stylesheet without the rules of features the portfolio theme never turns on.

Every first visit downloads the theme's CSS; a third of mkdocs-material's styles code
highlighting, content tabs, admonitions, blog posts and the like, none of which a portfolio
page shows. Rules are dropped only when a class they need is one of those features' own,
so anything a page might hold keeps its style.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any

import tinycss2

from ..cache import atomic_write, seal, unseal

#: Classes of mkdocs-material features this theme does not turn on (checked against every
#: page of the sample class by tests/test_pages.py).
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
})  # fmt: skip

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NESTED = ("media", "supports", "container", "layer")


def trim(css: str) -> str:
    """The stylesheet without the rules of UNUSED features (its source-map comment goes too)."""
    return "".join(_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def _rules(rules: list[Any]) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(tinycss2.serialize(rule.prelude)) if _needed(s)]
            if selectors:
                out.append(",".join(s.strip() for s in selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _NESTED:
            inner = _rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return out


def _needed(selector: str) -> bool:
    """False when the selector, outside `:is()`/`:not()` and the like, needs an UNUSED feature's class."""
    outside = re.sub(r"\([^()]*(?:\([^()]*\)[^()]*)*\)", "()", selector)
    return not any(re.split(r"__|--", name)[0] in UNUSED for name in _CLASS.findall(outside))


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
def trimmed_file(source: Path, cache: Path | None) -> tuple[str, str]:
    """The trimmed stylesheet and a file name that changes with its content, made once per theme version."""
    original = source.read_text(encoding="utf-8")
    key = hashlib.sha256(original.encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    if cache is None:
        css = trim(original)
    else:
        kept = cache / "stylesheets" / f"{key}.css"
        try:  # copied into every site: only a record sealed by this cache's key is trusted
            css = (unseal(cache, kept.read_bytes()) or b"").decode("utf-8")
        except (OSError, UnicodeDecodeError):
            css = ""
        if not css:
            css = trim(original)
            if sealed := seal(cache, css.encode()):
                atomic_write(kept, sealed)
    return f"main.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css", css
