"""Which media a build publishes, and each student's site as the build weighs it: a view key, a fingerprint.

Shared by the build (pipeline.py), its early renders (early.py), the preview and the keepsakes.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import images, media, views
from ..content import outline
from ..model import Audience, ClassFolder, FileMedia, ImageMedia, Student
from ..site import kept, theme
from .options import BuildOptions
from .shards import class_audience
from .state import fingerprint, mask, view_key, write_known_views


def images_of(students: Iterable[Student], audience: Audience | None = None) -> list[ImageMedia | FileMedia]:
    """Every photo, and every PDF (for its first-page preview), of the pieces `audience` may see (None: all).

    A private piece's photo is never even resized into the cache (docs/privacy.md).
    """
    found: list[ImageMedia | FileMedia] = []
    for student in students:
        if student.photo and audience is not Audience.PUBLIC:
            found.append(student.photo)
        shown = [m for share, m in outline.media(student) if audience is None or share.reaches(audience)]
        found += [m for m in shown if isinstance(m, ImageMedia) or m.kind == "pdf"]
    return found


def media_of(
    cls: ClassFolder, chosen: list[Student], options: BuildOptions
) -> tuple[list[ImageMedia | FileMedia], list[FileMedia]]:
    """The photos and files a build publishes: a shard's, only its students' and what the class pages show.

    A shard that made every student's photos would cost each runner the whole class.
    """
    if options.shard is None:
        return images_of(cls.students, options.audience), files_of(cls.students, options.audience)
    seen = class_audience(options.audience)
    return (
        images_of(chosen, options.audience) + images_of(cls.students, seen),
        files_of(chosen, options.audience) + files_of(cls.students, seen),
    )


def files_of(students: Iterable[Student], audience: Audience) -> list[FileMedia]:
    """Every PDF, recording and video of the pieces `audience` may see: a private piece's file is never copied."""
    return [
        m for student in students for share, m in outline.media(student)
        if share.reaches(audience) and isinstance(m, FileMedia)
    ]


@dataclass
class StudentSite:
    """One student's site as the build weighs it: its fingerprint, and its view made only when rendered."""

    student: Student
    fingerprint: str
    make: Callable[[], views.SiteView]
    made: views.SiteView | None = None  # when the fingerprint had to be learnt from the view itself

    def view(self) -> views.SiteView:
        return self.made if self.made is not None else self.make()


def student_sites(
    cls: ClassFolder, chosen: list[Student], prepared: dict[Path, images.ImageSet],
    cleaned: dict[Path, media.CleanFile], theme_dir: Path, salt: str, secret: bool, options: BuildOptions,
    known: Mapping[str, str],
    early: Mapping[str, tuple[str, tuple[str, views.SiteView] | None]] | None = None,
    also: Mapping[str, str] | None = None,
) -> list[StudentSite]:
    """Each chosen student's fingerprint: remembered by the key of what its view is made from, else made now.

    `known`: the last build's keys and fingerprints (`state.read_known_views`).

    `early`: by slug, the keys made while the class was read (early.py), from these same photos and
    files, with the fingerprint and view of a site begun then.
    """
    seen: dict[str, str] = {}
    sites = []
    parts = ClassParts(cls, theme_dir)
    for student in chosen:
        make = functools.partial(student_view, cls, student, options.audience, prepared, cleaned, theme_dir, secret)
        key, begun = (early or {}).get(student.slug) or (
            site_key(cls, student, options.audience, prepared, cleaned, parts, salt, secret), None
        )
        made: views.SiteView | None = None
        if begun is not None:
            seen[key], made = begun
        elif key in known:
            seen[key] = known[key]
        else:
            made = make()
            seen[key] = fingerprint(made, salt)
        sites.append(StudentSite(student, seen[key], make, made))
    write_known_views(options.cache, {**seen, **(also or {})})  # `also`: the class view's key and fingerprint
    return sites


def class_key(
    cls: ClassFolder, audience: Audience, prepared: Mapping[Path, images.ImageSet],
    cleaned: Mapping[Path, media.CleanFile], words: object, places: Mapping[str, str] | None, salt: str,
) -> str:
    """The key of what the class pages are made from (`views.class_site`): every student as the class sees them.

    A student's pieces the class audience cannot see are left out, so a one-piece edit of a family
    piece leaves the class pages' key as it was, and their view is not made at all.
    """
    seen = Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
    students = [  # each by what the class sees of their pieces (a digest of those: no student's pieces read back)
        (dataclasses.replace(s, pieces=(), digest="", outline=None), outline.seen_by(s, seen)) for s in cls.students
    ]
    assets = [
        (m, shown_of(prepared.get(m)), shown_of(cleaned.get(m)))
        for s in cls.students for m in sources(s, seen)
    ]
    settings = cls.settings.model_dump_json()
    return view_key(salt, "class", settings, cls.targets, students, audience, assets, words, places)


class ClassParts(dict[str, str]):
    """By language, the key of what every student's site is made from besides the student: the class
    settings and targets, and the UI words. Made once a language in a build, and each student's key
    is made from it: 30 students' keys took 20 ms of a one-piece edit, pickling the same words and
    settings again for each (docs/scale.md)."""

    def __init__(self, cls: ClassFolder, theme_dir: Path) -> None:
        super().__init__()
        self.cls, self.theme_dir = cls, theme_dir

    def __missing__(self, language: str) -> str:
        settings = self.cls.settings.model_dump_json()  # a pydantic model pickles its set of fields in any order
        words = theme.strings(self.theme_dir, language, self.cls.root)
        self[language] = made = view_key("", settings, self.cls.targets, words)
        return made


def site_key(
    cls: ClassFolder, student: Student, audience: Audience, prepared: Mapping[Path, images.ImageSet],
    cleaned: Mapping[Path, media.CleanFile], parts: ClassParts, salt: str, secret: bool,
) -> str:
    """The key of everything a student's view is made from (state.view_key)."""
    assets = [(m, shown_of(prepared.get(m)), shown_of(cleaned.get(m))) for m in sources(student)]
    who = student.digest or student  # the remembered student's digest: no need to pickle it again
    return view_key(salt, parts[student.language or cls.settings.language], who, audience, assets, secret)


def shown_of(found: images.ImageSet | media.CleanFile | None) -> object:
    """What a view shows of a photo or file, as plain values for a key (`cache.key_bytes`).

    Not whether this build made it: the build after a first build finds every photo made, and its
    keys must be the first build's.
    """
    if isinstance(found, images.ImageSet):
        sizes = tuple((r.name, str(r.folder), r.width, r.height) for r in found.renditions)
        return ("image", sizes, tuple(str(note) for note in found.notes))
    if isinstance(found, media.CleanFile):
        return ("file", str(found.path), found.digest)
    return None


def sources(student: Student, audience: Audience | None = None) -> list[Path]:
    """Every file a student's pages could show: their photo and every piece's media (that `audience` may see)."""
    photo = [student.photo.source] if student.photo else []
    media = outline.media(student)
    return photo + [m.source for share, m in media if audience is None or share.reaches(audience)]


def student_view(
    cls: ClassFolder, student: Student, audience: Audience,
    prepared: Mapping[Path, images.ImageSet], cleaned: Mapping[Path, media.CleanFile], theme_dir: Path,
    secret: bool = False,
) -> views.SiteView:
    words = theme.strings(theme_dir, student.language or cls.settings.language, cls.root)
    return views.student_site(cls, student, audience, prepared, cleaned, words, secret)


def published(output: Path, folder: str, before: dict[str, Any], fingerprint: str, salt: str) -> kept.Earlier:
    """A site about to be rendered into `folder`, and the one the last build published there (site/kept.py)."""
    was = before["sites"].get(mask(folder))
    return kept.Earlier(folder, output / folder if was else None, was, fingerprint, salt)
