"""`$…$` and `$$…$$` in a student's text as MathML, made at build time (docs/format.md#math).

Chromium, Firefox and Safari draw MathML themselves, so a formula needs no script and works
offline. The MathML is stashed like raw HTML and goes through the same nh3 allow-list as the rest
of the text (`markup.sanitize`): latex2mathml is not trusted to escape what it carries.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import os
import re
import xml.etree.ElementTree as ET
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import run_postprocessors, strip_tags, unique
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString


#: Part of the cache's version (markup.remembered): another latex2mathml may write other MathML.
def _version() -> str:
    """latex2mathml as installed: its files' names, sizes and times. Not its version number from
    `importlib.metadata`, which loads the e-mail parser and costs every build 30-50 ms (docs/scale.md);
    another install of the same version only converts the texts with formulas once more."""
    spec = importlib.util.find_spec("latex2mathml")  # found, not imported (see _HINTS)
    if spec is None or not spec.submodule_search_locations:
        return ""
    digest = hashlib.sha256()
    with os.scandir(next(iter(spec.submodule_search_locations))) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_file():
                info = entry.stat()
                digest.update(f"{entry.name}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


VERSION: str = _version()

#: Attributes any MathML element may carry (MathML Core's own global attributes, no `style`).
_EVERYWHERE = {"displaystyle", "scriptlevel", "mathvariant", "mathsize"}
#: The MathML Core elements latex2mathml writes (and `menclose`, for `\boxed`), with their attributes.
#: No `href`, no `maction`, no event handlers: a student's raw `<math>` gets no more than this.
MATH_ATTRIBUTES: dict[str, set[str]] = {
    tag: _EVERYWHERE | extra
    for tag, extra in {
        "math": {"display", "xmlns"},
        "mrow": set(), "mi": set(), "mn": set(), "ms": set(), "mtext": set(),
        "mo": {"form", "fence", "separator", "stretchy", "lspace", "rspace", "accent", "movablelimits",
               "largeop", "symmetric", "minsize", "maxsize"},
        "mspace": {"width", "height", "depth"},
        "msub": set(), "msup": set(), "msubsup": set(), "msqrt": set(), "mroot": set(),
        "mfrac": {"linethickness"},
        "mstyle": set(), "merror": set(), "mphantom": set(),
        "mpadded": {"width", "height", "depth", "lspace", "voffset"},
        "mtable": {"columnalign", "rowspacing", "columnspacing", "columnlines", "rowlines"},
        "mtr": {"columnalign"}, "mtd": {"columnalign", "columnspan", "rowspan"},
        "munder": {"accentunder"}, "mover": {"accent"}, "munderover": {"accent", "accentunder"},
        "mmultiscripts": set(), "mprescripts": set(), "none": set(), "menclose": {"notation"},
        "semantics": set(), "annotation": {"encoding"},
    }.items()
}  # fmt: skip

# Display first; an inline opener is not followed by a space and its closer is not preceded by one
# nor followed by a digit, so "It costs $5 and $7" stays text. `\$` is never an opener.
_MATH = (
    r"(?<![\\$])(?:\$\$(?P<display>(?:\\.|[^\\$])+?)\$\$"
    r"|\$(?![\s$])(?P<inline>(?:\\.|[^\\$\n])+?)(?<!\s)\$(?!\d))"
)

#: latex2mathml's exceptions by name: importing it parses its symbol table (~0.4 s), so a build
#: without a formula, and every worker process, does not pay for it.
_HINTS: dict[str, str] = {
    "NoAvailableTokensError": "check its braces",
    "NumeratorNotFoundError": r"`\frac` needs two `{…}`, one on top and one below",
    "DenominatorNotFoundError": r"`\frac` needs two `{…}`, one on top and one below",
    "ExtraLeftOrMissingRightError": r"every `\left` needs its `\right`",
    "MissingSuperScriptOrSubscriptError": "`^` and `_` need something after them",
    "DoubleSubscriptsError": "use braces for two `_` in a row: `x_{i_1}`",
    "DoubleSuperscriptsError": "use braces for two `^` in a row: `x^{2^3}`",
    "MissingEndError": r"every `\begin{…}` needs its `\end{…}`",
}


class UnreadableFormula(ValueError):
    """A formula latex2mathml cannot turn into MathML; `hint` says what to check, in a student's words."""

    def __init__(self, hint: str) -> None:
        super().__init__(hint)
        self.hint = hint


def to_mathml(tex: str, display: bool) -> str:
    """One formula as `<math>`, with its TeX kept as an annotation for copying and screen readers."""
    from latex2mathml.converter import convert_to_element  # here, not above: see _HINTS

    if not _balanced(tex):
        raise UnreadableFormula("check its braces")
    try:
        math = convert_to_element(tex, display="block" if display else "inline")
    except Exception as error:  # a student's formula must never stop the build, whatever went wrong
        raise UnreadableFormula(_HINTS.get(type(error).__name__, "check how it is written")) from error
    for element in math.iter():  # latex2mathml keeps characters as `&#x…;` text; make them characters
        element.text = _characters(element.text)
    semantics = ET.Element("semantics")
    if len(math) == 1:  # latex2mathml's own <mrow>: no second one around it
        semantics.append(math[0])
    else:
        ET.SubElement(semantics, "mrow").extend(list(math))
    ET.SubElement(semantics, "annotation", encoding="application/x-tex").text = tex
    math[:] = [semantics]
    return ET.tostring(math, encoding="unicode")  # escapes every `<` and `&` a formula carries


def _balanced(tex: str) -> bool:
    """Whether every `{` has its `}`: latex2mathml quietly accepts `{x`, which a student would not notice."""
    depth = 0
    for brace in re.findall(r"\\.|[{}]", tex):
        depth += {"{": 1, "}": -1}.get(brace, 0)
        if depth < 0:
            return False
    return depth == 0


_CHARACTER = re.compile(r"&#x([0-9A-Fa-f]{1,6});")


def _characters(text: str | None) -> str | None:
    """`&#x0003D;` as `=`; anything else in the text is left for `tostring` to escape."""
    return None if text is None else _CHARACTER.sub(lambda m: chr(int(m.group(1), 16)), text)


class _MathProcessor(InlineProcessor):
    """Each formula as stashed MathML, or as `<code>` with its TeX when it cannot be read."""

    def __init__(self, md: Markdown, unreadable: list[tuple[str, str]], tex: dict[str, str]) -> None:
        super().__init__(_MATH, md)
        self.unreadable = unreadable
        self.tex = tex

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:
        display = m.group("display") is not None
        tex = (m.group("display") if display else m.group("inline")).strip()
        try:
            placeholder = self.md.htmlStash.store(to_mathml(tex, display))
            self.tex[placeholder] = tex
            return placeholder, m.start(0), m.end(0)
        except UnreadableFormula as problem:
            self.unreadable.append((tex, problem.hint))
            code = ET.Element("code")
            code.text = AtomicString(tex)
            return code, m.start(0), m.end(0)


class _HeadingNames(Treeprocessor):
    """A heading with a formula named by its TeX, not MathML's text: `## Slope $m$` → `#slope-m`.

    The toc extension would read the MathML with its annotation (`slope-mm`); it keeps an `id`
    and a `data-toc-label` that are already there.
    """

    def __init__(self, md: Markdown, tex: dict[str, str]) -> None:
        super().__init__(md)
        self.tex = tex

    def run(self, root: ET.Element) -> None:
        if "toc" not in self.md.treeprocessors or not self.tex:  # a Registry, not a dict: no .get()
            return
        toc = self.md.treeprocessors["toc"]
        taken: set[str] = set()
        for heading in root.iter():
            text = "".join(heading.itertext()) if _HEADING.fullmatch(str(heading.tag)) else ""
            if "id" in heading.attrib or not any(placeholder in text for placeholder in self.tex):
                continue
            text = self._plain(text)
            heading.set("data-toc-label", text)
            heading.set("id", unique(toc.slugify(text, toc.sep), taken))  # type: ignore[attr-defined]


    def _plain(self, text: str) -> str:
        """A heading's words with each formula's TeX, and any other inline HTML as its text only."""
        marked = html.escape(text, quote=False)  # placeholders survive: no `<`, `>` or `&` in them
        for placeholder, tex in self.tex.items():
            marked = marked.replace(placeholder, html.escape(tex, quote=False))
        return html.unescape(strip_tags(run_postprocessors(marked, self.md)))


_HEADING = re.compile("h[1-6]")


class MathExtension(Extension):
    """Math in markdown; `unreadable` lists the (TeX, hint) of the last text's broken formulas."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unreadable: list[tuple[str, str]] = []
        self.tex: dict[str, str] = {}  # stash placeholder → the formula's TeX, for heading names

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "$" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("$")  # `\$5` is a dollar sign
        # After code spans (190), so `` `$x$` `` keeps its dollars; before escapes (180), so `\{` stays TeX.
        md.inlinePatterns.register(_MathProcessor(md, self.unreadable, self.tex), "math", 185)
        md.treeprocessors.register(_HeadingNames(md, self.tex), "math-headings", 6)  # just before toc (5)

    def reset(self) -> None:
        """Called by `Markdown.reset()`: each text reports only its own formulas."""
        self.unreadable.clear()
        self.tex.clear()
