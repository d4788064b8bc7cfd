"""A student's pieces in outline: what a build asks of every student without reading their pieces.

Each build weighs every student: their photos and files, the key of their site, what the class
pages see of them, their row of the teacher's matrix. A remembered student carries this outline
(content/memo.py), made from their pieces when they were last read, so a one-piece edit reads the
edited student again and not one piece of the others (docs/architecture.md). A student read
without the cache has none: each part is then made from their pieces when asked for.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..cache import key_bytes
from ..model import Audience, FileMedia, ImageMedia, Outline, Piece, Student, TargetLevels

#: The audiences of the class pages: what each of them sees of a student is digested (`build/sitekeys.class_key`).
CLASS_AUDIENCES = (Audience.CLASS, Audience.PUBLIC)
#: The audiences a site is built for (`portfolio build --audience`): each has its levels.
SITE_AUDIENCES = (Audience.FAMILY, Audience.CLASS, Audience.PUBLIC)

Shown = tuple[tuple[Audience, ImageMedia | FileMedia], ...]


def outline(pieces: Sequence[Piece]) -> Outline:
    """The outline of these pieces: their count, media, what the class audiences see, levels by target."""
    seen = tuple((audience, _digest_seen(pieces, audience)) for audience in CLASS_AUDIENCES)
    levels = tuple((audience, levels_by_target(pieces, audience)) for audience in SITE_AUDIENCES)
    return Outline(len(pieces), _media(pieces), seen, levels)


def media(student: Student) -> Shown:
    """Every photo and file the student's pieces show, each with its piece's `share`, in the order of the pieces."""
    return student.outline.media if student.outline is not None else _media(student.pieces)


def seen_by(student: Student, audience: Audience) -> str:
    """A digest of the pieces of this student that `audience` (class or public) may see."""
    if student.outline is not None:
        return dict(student.outline.seen)[audience]
    return _digest_seen(student.pieces, audience)


def levels_of(student: Student, audience: Audience) -> tuple[TargetLevels, ...]:
    """Each target's evidence among the pieces this student's site for `audience` publishes."""
    if student.outline is not None:
        return dict(student.outline.levels)[audience]
    return levels_by_target(student.pieces, audience)


def levels_by_target(pieces: Sequence[Piece], audience: Audience) -> tuple[TargetLevels, ...]:
    """Every assessed target's evidence count and levels among the pieces `audience` sees, oldest first.

    Counted as a site's target pages count them (views/target.py): the date order is the order of
    the levels a mastery rule reads (`mastery.current_level`).
    """
    evidence: Counter[str] = Counter()
    levels: defaultdict[str, list[int]] = defaultdict(list)
    for piece in sorted((p for p in pieces if p.share.reaches(audience)), key=lambda p: (p.date, p.slug)):
        for assessment in piece.assessments:
            evidence[assessment.target_id] += 1
            if assessment.level is not None:
                levels[assessment.target_id].append(assessment.level)
    return tuple(TargetLevels(target, count, tuple(levels[target])) for target, count in evidence.items())


def _media(pieces: Sequence[Piece]) -> Shown:
    return tuple((piece.share, m) for piece in pieces for m in piece.media if isinstance(m, ImageMedia | FileMedia))


def _digest_seen(pieces: Sequence[Piece], audience: Audience) -> str:
    return hashlib.sha256(key_bytes(tuple(p for p in pieces if p.share.reaches(audience)))).hexdigest()
