"""The passage presentation (passage.html): the class's sections filled with the student's evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from .. import markup
from ..model import (
    ClassFolder,
    Student,
)
from .parts import (
    ImageView,
    local,
)
from .piece import PieceView


@dataclass(frozen=True)
class PassageSectionView:
    id: str
    title: str
    prompt: str
    min: int
    pieces: tuple[PieceView, ...]

    @property
    def short(self) -> bool:
        return len(self.pieces) < self.min


@dataclass(frozen=True)
class PassageView:
    title: str
    question: str
    student: str
    photo: ImageView | None
    sections: tuple[PassageSectionView, ...]
    minutes: int | None = None  # present mode's countdown (`passage.minutes`)


def passage_view(
    cls: ClassFolder, student: Student, photo: ImageView | None, views: Sequence[PieceView], language: str
) -> PassageView:
    """The class's passage, worded in the site's `language`, filled with this student's evidence."""
    spec, fallback = cls.settings.passage, cls.settings.language
    sections = tuple(
        PassageSectionView(
            s.id, local(s.title, language, fallback), local(s.prompt, language, fallback), s.min,
            tuple(_in_section(v, s.id) for v in views if s.id in v.passage),
        )
        for s in spec.sections
    )
    return PassageView(
        local(spec.title, language, fallback), local(spec.question, language, fallback), student.name, photo, sections,
        spec.minutes,
    )


def _in_section(view: PieceView, section: str) -> PieceView:
    """A piece shown in two sections keeps ids of its own in each: no id twice on the page."""
    return replace(view, reflection=Markup(markup.prefix_ids(str(view.reflection), section)))
