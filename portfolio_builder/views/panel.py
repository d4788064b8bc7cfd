"""The passage panel kit (teacher/panel/<slug>/): cover, evidence, score sheet, question cards, notes.

Printed for a panel that often sits in a classroom without a network, so it is made for paper:
the class language (the panel is the school's), and only what the family site publishes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import markup
from ..images import ImageSet
from ..model import (
    Audience,
    ClassFolder,
    FileMedia,
    ImageMedia,
    Piece,
    Student,
)
from .parts import Assets, format_date, local, published

#: Question cards on one printed page: two columns of four fit both A4 and Letter.
CARDS_PER_SHEET = 8


@dataclass(frozen=True)
class Picture:
    """One image file the kit shows, at an address inside the kit's own `media/` folder."""

    url: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class Evidence:
    title: str
    date: str
    subject: str
    thumb: Picture | None
    excerpt: str  # plain text: the first paragraph of the reflection


@dataclass(frozen=True)
class PanelSection:
    title: str
    prompt: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ScaleColumn:
    level: int
    label: str


@dataclass(frozen=True)
class RubricRow:
    criterion: str
    descriptors: tuple[str, ...]  # one per scale column, "" where the rubric says nothing


@dataclass(frozen=True)
class Card:
    number: int
    question: str


@dataclass(frozen=True)
class PanelView:
    student: str
    photo: Picture | None
    title: str
    question: str
    minutes: int | None
    school: str
    sections: tuple[PanelSection, ...]
    scale: tuple[ScaleColumn, ...]
    rubric: tuple[RubricRow, ...]
    cards: tuple[tuple[Card, ...], ...]  # the panel's questions, a printed page of cards each

    @property
    def questions(self) -> int:
        return sum(len(sheet) for sheet in self.cards)


class _Pictures:
    """Picks one size of each image and remembers the files, so the kit copies only what it shows."""

    def __init__(self, images: Mapping[Path, ImageSet]) -> None:
        self.assets = Assets(images, {})
        self.files: dict[str, Path] = {}

    def of(self, media: ImageMedia | None, alt: str) -> Picture | None:
        shown = self.assets.image(media, alt)
        if shown is None:
            return None
        self.files[shown.src.url] = self.assets.files[shown.src.url]  # the middle size: sharp enough on paper
        return Picture(shown.src.url, shown.alt, shown.src.width, shown.src.height)


def panel_view(
    cls: ClassFolder, student: Student, images: Mapping[Path, ImageSet]
) -> tuple[PanelView, dict[str, Path]]:
    """One student's kit, and the image files it shows (address in the kit → file to copy).

    The pieces are those the family site publishes (never a private one): the panel includes
    the family, and sees what the student chose to show.
    """
    language = cls.settings.language
    spec, pictures = cls.settings.passage, _Pictures(images)
    pieces = published(student.pieces, Audience.FAMILY)
    sections = tuple(
        PanelSection(
            local(s.title, language, language), local(s.prompt, language, language),
            tuple(_evidence(p, pictures, language) for p in pieces if s.id in p.passage),
        )
        for s in spec.sections
    )
    view = PanelView(
        student=student.name,
        photo=pictures.of(student.photo, student.name),
        title=local(spec.title, language, language),
        question=local(spec.question, language, language),
        minutes=spec.minutes,
        school=_school(cls),
        sections=sections,
        scale=_scale(cls),
        rubric=_rubric(cls),
        cards=_sheets([local(q, language, language) for q in spec.questions]),
    )
    return view, pictures.files


def _evidence(piece: Piece, pictures: _Pictures, language: str) -> Evidence:
    """A piece as the panel reads it: a thumbnail, and the first paragraph of what the student wrote."""
    return Evidence(
        piece.title, format_date(piece.date, language), piece.subject,
        pictures.of(_first_picture(piece), piece.title), markup.first_paragraph(piece.html),
    )


def _first_picture(piece: Piece) -> ImageMedia | None:
    """The piece's first photo, else the first page of its first PDF (the build made both previews)."""
    for media in piece.media:
        if isinstance(media, ImageMedia):
            return media
    for media in piece.media:
        if isinstance(media, FileMedia) and media.kind == "pdf":
            return ImageMedia(media.source, f"{media.title}: first page")
    return None


def _school(cls: ClassFolder) -> str:
    settings, language = cls.settings, cls.settings.language
    parts = [local(settings.school, language, language), local(settings.class_name, language, language),
             str(settings.year)]
    return " · ".join(part for part in parts if part)


def _scale(cls: ClassFolder) -> tuple[ScaleColumn, ...]:
    """The rubric's columns are the class's own scale, low → high, labelled as the sites label levels."""
    language = cls.settings.language
    steps = sorted(cls.settings.scale, key=lambda step: step.level)
    return tuple(ScaleColumn(step.level, local(step.label, language, language)) for step in steps)


def _rubric(cls: ClassFolder) -> tuple[RubricRow, ...]:
    language = cls.settings.language
    levels = [column.level for column in _scale(cls)]
    return tuple(
        RubricRow(
            local(row.criterion, language, language),
            tuple(local(row.levels[level], language, language) if level in row.levels else "" for level in levels),
        )
        for row in cls.settings.passage.rubric
    )


def _sheets(questions: Sequence[str]) -> tuple[tuple[Card, ...], ...]:
    """The question cards, numbered, cut into printed pages of CARDS_PER_SHEET."""
    cards = [Card(number, question) for number, question in enumerate(questions, start=1)]
    return tuple(tuple(cards[i:i + CARDS_PER_SHEET]) for i in range(0, len(cards), CARDS_PER_SHEET))
