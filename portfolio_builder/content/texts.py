"""A student's texts converted once: every reflection and "About me" as sanitized HTML, links checked.

The views print this HTML wherever the text appears; MkDocs never converts it again
(docs/architecture.md). Links between pieces (`[my draft](butterfly/draft-1.md)`) are
resolved here, and a link that leads to no piece is a warning with its line, as is a formula
(`$…$`) that cannot be read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import markup
from ..errors import ProblemLog
from ..model import Student


def convert_texts(student: Student, about_line: int, log: ProblemLog) -> Student:
    """The student with every text converted; `about_line` is where student.md's text starts.

    The markdown itself is not kept once converted: every page prints the HTML, and a remembered
    student (content/memo.py) is read back a third faster without it.
    """
    pieces = {piece.source.resolve(): piece.slug for piece in student.pieces}
    converted = tuple(
        replace(piece, body="", html=done.html, toc=done.toc)
        for piece in student.pieces
        if (done := _converted(piece.body, piece.source, piece.body_line, markup.ids_of(piece.slug), pieces, log))
    )
    about = _converted(student.about, student.folder / "student.md", about_line, "about", pieces, log)
    return replace(student, about="", pieces=converted, about_html=about.html, about_toc=about.toc)


def _converted(
    text: str, source: Path, first_line: int, ids: str, pieces: dict[Path, str], log: ProblemLog
) -> markup.Rendered:
    rendered = markup.convert(text, ids)

    def resolve(target: str) -> str | None:
        return pieces.get((source.parent / target).resolve())

    html, missing = markup.link_pieces(rendered.html, resolve)
    for target in dict.fromkeys(missing):
        line = first_line + text[: max(0, text.find(target))].count("\n")
        log.warning(
            source, line,
            f"the link `{target}` goes to no piece in your folder: check the file name "
            "(it starts from this file's folder)",
        )
    for tex, hint in dict.fromkeys(rendered.unreadable):
        line = first_line + text[: max(0, text.find(tex))].count("\n")
        log.warning(source, line, f"the formula `{tex}` cannot be read: {hint}")
    if rendered.plain:
        log.warning(
            source, first_line,
            "this text is too tangled to format (a great many links or brackets in one paragraph, or lists or "
            "blocks nested very deep), so it is shown as plain text: split it into shorter paragraphs",
        )
    return markup.Rendered(html, rendered.toc, rendered.unreadable, rendered.plain)
