"""The piece page (piece.html): media, reflection, targets, feedback and its growth series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from .. import markup
from ..model import (
    ClassFolder,
    Piece,
    Student,
)
from .parts import (
    Assets,
    Chip,
    FeedbackView,
    MediaView,
    Strings,
    feedback_views,
    format_date,
    level_view,
    local,
    media_view,
)


@dataclass(frozen=True)
class SeriesStep:
    title: str
    url: str
    date: str
    number: int
    current: bool
    feedback: tuple[FeedbackView, ...]
    thumb: MediaView | None = None


@dataclass(frozen=True)
class SeriesView:
    name: str
    steps: tuple[SeriesStep, ...]


@dataclass(frozen=True)
class PieceView:
    slug: str
    url: str
    title: str
    date: str
    iso_date: str
    kind: str
    subject: str
    student: str
    media: tuple[MediaView, ...]
    thumb: MediaView | None
    chips: tuple[Chip, ...]
    feedback: tuple[FeedbackView, ...]
    reflection: Markup
    excerpt: str
    celebrate: bool
    passage: tuple[str, ...]
    series: SeriesView | None = None
    unit: str | None = None  # the unit id that groups it in a gallery


def piece_view(
    piece: Piece, student: Student, cls: ClassFolder, assets: Assets, t: Strings, shown: Container[str],
    language: str,
) -> PieceView:
    """A piece as every page shows it, in the site's `language`.

    `shown` is what the site publishes, the only pieces it links to.
    """
    media = tuple(m for m in (media_view(x, assets, piece.title) for x in piece.media) if m)
    chips = tuple(
        Chip(
            a.target_id,
            local(cls.targets[a.target_id].statement, language, cls.settings.language),
            f"targets/{a.target_id}/",
            level_view(a.level, cls, language),
            level_view(a.self_level, cls, language),
        )
        for a in piece.assessments
    )
    return PieceView(
        slug=piece.slug,
        url=f"work/{piece.slug}/",
        title=piece.title,
        date=format_date(piece.date, language),
        iso_date=piece.date.isoformat(),
        kind=piece.kind,
        subject=piece.subject,
        student=student.name,
        media=media,
        thumb=next((m for m in media if m.kind == "image"), media[0] if media else None),
        chips=chips,
        feedback=feedback_views(piece, t, language),
        reflection=Markup(reflection(piece, shown, heading_shift=2)),  # under its <h3> on the passage page
        excerpt=markup.excerpt(piece.html),
        celebrate=piece.celebrate,
        passage=piece.passage,
        unit=piece.unit,
    )


def card(view: PieceView, lightbox: bool = False) -> PieceView:
    """The piece as a card or a row shows it (title, date, subject, thumbnail), without its text, feedback and media.

    A page of cards then changes only when what it shows changes: an edited reflection renders its own
    page again, not every page that lists the piece (site/kept.py). `lightbox`: the gallery's cards
    also carry the excerpt their lightbox shows.
    """
    return replace(view, reflection=Markup(""), excerpt=view.excerpt if lightbox else "", feedback=(), media=())


def reflection(piece: Piece, shown: Container[str], heading_shift: int) -> str:
    """The piece's converted text as a page shows it: links only to pieces this site publishes."""
    return markup.shift_headings(markup.publish_links(piece.html, shown), heading_shift)


def with_series(views: Sequence[PieceView], pieces: Sequence[Piece]) -> list[PieceView]:
    """Give each piece of a series the whole series in date order, with feedback between drafts."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, piece in enumerate(pieces):
        if piece.series:
            groups[piece.series].append(index)
    result = list(views)
    for name, members in groups.items():
        for index in members:
            steps = tuple(
                SeriesStep(
                    views[i].title, views[i].url, views[i].date, n, i == index, views[i].feedback, views[i].thumb
                )
                for n, i in enumerate(members, start=1)
            )
            result[index] = replace(views[index], series=SeriesView(name, steps))
    return result
