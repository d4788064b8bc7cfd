"""`portfolio audit`: before publishing, exactly which pieces and media each audience would get.

Reads the same checked class as a build and applies the same audience rule
(`views.published`), so what it lists is what a build publishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .model import Audience, ClassFolder, FileMedia, ImageMedia, LinkMedia, Piece, Student
from .views import published

_AUDIENCES = (
    (Audience.FAMILY, "each family opens their own child's site"),
    (Audience.CLASS, "`--audience class`: classmates' families and the class"),
    (Audience.PUBLIC, "`--audience public`: anyone on the internet"),
)


def audit(cls: ClassFolder) -> Iterator[str]:
    """Yield the report, one line at a time."""
    for audience, who in _AUDIENCES:
        yield f"== {audience.value}: {who}"
        for student in cls.students:
            yield from _student(cls.root, student, audience)
        seen = Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
        shared = sum(len(published(s.pieces, seen)) for s in cls.students)
        yield f"  class pages (home, gallery): {shared} pieces shared with `{seen.value}` or wider"
        yield "  class pages show names and class work only; levels, the matrix and the cards stay in teacher/"
        yield ""
    private = [(s, p) for s in cls.students for p in s.pieces if p.share is Audience.PRIVATE]
    yield f"== never published (private): {len(private)} pieces"
    for _, piece in private:
        yield f"  {_where(cls.root, piece.source)}  {piece.title}"


def _student(root: Path, student: Student, audience: Audience) -> Iterator[str]:
    pieces = published(student.pieces, audience)
    media = sum(len(p.media) for p in pieces)
    yield f"  {student.name} ({student.slug}/): {len(pieces)} pieces, {media} media"
    if student.photo and audience is not Audience.PUBLIC:
        yield f"      photo: {_where(root, student.photo.source)}"
    for piece in pieces:
        yield f"    {piece.date.isoformat()}  [{piece.share.value}]  {piece.title}  ({_where(root, piece.source)})"
        for line in _media(root, piece):
            yield f"      {line}"


#: What a build removes from each kind of file before publishing it (media.py).
_CLEANED = {
    "pdf": "copied without author, creator or XMP metadata",
    "audio": "copied without tags",
    "video": "copied without location, camera or other metadata; left out where ffmpeg is missing",
}


def _media(root: Path, piece: Piece) -> Iterator[str]:
    for item in piece.media:
        if isinstance(item, ImageMedia):
            yield f"image: {_where(root, item.source)} (re-encoded, no metadata)"
        elif isinstance(item, FileMedia):
            yield f"{item.kind}: {_where(root, item.source)} ({_CLEANED[item.kind]})"
        elif isinstance(item, LinkMedia):
            yield f"link: {item.url}"


def _where(root: Path, path: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
