"""The class site (class_home.html and the class gallery): names and class work, no one's levels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..images import ImageSet
from ..media import CleanFile
from ..model import (
    Audience,
    ClassFolder,
)
from .gallery import GalleryItem, gallery_view
from .matrix import MatrixView, matrix_row
from .parts import (
    Assets,
    Page,
    SiteView,
    Strings,
    level_view,
    target_link,
)
from .piece import PieceView
from .sites import class_info, student_data
from .student_home import StudentCard, student_card


@dataclass(frozen=True)
class ClassHomeView:
    school: str
    class_name: str
    year: str
    students: tuple[StudentCard, ...]


def class_site(
    cls: ClassFolder, audience: Audience,
    images: Mapping[Path, ImageSet], cleaned: Mapping[Path, CleanFile], t: Strings,
) -> SiteView:
    """The class home and class gallery: only `class` and `public` work, every student linked."""
    seen = Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
    assets = Assets(images, cleaned)
    cards, items, rows = [], [], []
    for student in cls.students:
        data = student_data(cls, student, seen, assets, t)
        photo = assets.image(student.photo, student.name) if audience is not Audience.PUBLIC else None
        count = len(data.pieces)
        cards.append(student_card(student, f"{student.slug}/", photo, count, data.targets, cls.settings.meets))
        items += [GalleryItem(linked(v, student.slug), student.name) for v in data.views if v.celebrate]
        if audience is not Audience.PUBLIC:
            rows.append(matrix_row(cls, student, audience, t))
    items.sort(key=lambda i: i.piece.iso_date, reverse=True)
    info = class_info(cls)
    home = ClassHomeView(info["school"], info["class_name"], info["year"], tuple(cards))
    pages = [
        Page("index.md", info["class_name"] or info["school"] or "Portfolios", "class_home.html", "", home),
        Page("gallery.md", t["class_gallery"], "gallery.html", "", gallery_view(items)),
    ]
    if audience is not Audience.PUBLIC:  # never in a public build (docs/privacy.md); not in the nav or the search
        matrix = MatrixView(
            tuple(target_link(target) for target in cls.targets.values()), tuple(rows),
            level_view(cls.settings.meets, cls), cls.settings.mastery,
        )
        wide = ("navigation", "toc")
        pages.append(Page("_teacher/index.md", t["matrix"], "matrix.html", "", matrix, searchable=False, hide=wide))
    nav = [{t["students"]: "index.md"}, {t["gallery"]: "gallery.md"}]
    name = " · ".join(x for x in (info["class_name"], info["school"]) if x) or "Portfolios"
    return SiteView(name, cls.settings.language, nav, pages, assets.files, t, info)


def linked(view: PieceView, slug: str) -> PieceView:
    """A piece seen from the class site links into its student's site."""
    return replace(view, url=f"{slug}/{view.url}")
