"""Celebration-of-learning galleries (gallery.html, work.html): cards with a subject filter."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .piece import PieceView


@dataclass(frozen=True)
class GalleryItem:
    piece: PieceView
    student: str


@dataclass(frozen=True)
class GalleryView:
    items: tuple[GalleryItem, ...]
    subjects: tuple[str, ...]


def gallery_view(items: Iterable[GalleryItem]) -> GalleryView:
    chosen = tuple(items)
    subjects = tuple(sorted({i.piece.subject for i in chosen if i.piece.subject}))
    return GalleryView(chosen, subjects)
