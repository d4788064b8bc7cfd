"""Stage 3: derive what each site shows, as pure functions of the checked class.

Templates receive these frozen view objects and only lay them out; every
choice of what is published (audiences), counted (mastery) or linked is made here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import markup, mastery
from .images import ImageSet
from .load import slugify
from .model import (
    Audience,
    ClassFolder,
    FileMedia,
    ImageMedia,
    LinkMedia,
    Media,
    Piece,
    Student,
    Target,
)

Strings = Mapping[str, Any]


# --- view objects -----------------------------------------------------------------


@dataclass(frozen=True)
class RenditionView:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageView:
    renditions: tuple[RenditionView, ...]
    alt: str

    @property
    def src(self) -> RenditionView:
        """The fallback `src`: the middle size, good on any screen."""
        return self.renditions[min(1, len(self.renditions) - 1)]


@dataclass(frozen=True)
class MediaView:
    kind: str  # image | pdf | audio | video | link
    title: str
    url: str = ""
    image: ImageView | None = None
    caption: str | None = None
    mime: str = ""


@dataclass(frozen=True)
class LevelView:
    value: float
    level: int
    label: str
    text: str  # "3 · Meets" or "2.7 · Meets"

    @property
    def short(self) -> str:
        """Just the number, for dense tables: "3" or "2.7"."""
        return self.text.split(" · ")[0]


@dataclass(frozen=True)
class Chip:
    """A target a piece shows, with the levels given on this piece."""

    id: str
    statement: str
    url: str
    level: LevelView | None
    self_level: LevelView | None


@dataclass(frozen=True)
class FeedbackView:
    author: str
    role: str
    role_label: str
    text: str
    date: str


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


@dataclass(frozen=True)
class TargetLink:
    id: str
    statement: str
    url: str


@dataclass(frozen=True)
class Evidence:
    piece: PieceView
    level: LevelView | None
    self_level: LevelView | None


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    level: LevelView
    date: str
    title: str


@dataclass(frozen=True)
class ChartGridLine:
    y: float
    label: str


@dataclass(frozen=True)
class ChartView:
    """A level-over-time chart, laid out here so the template only draws (SVG, no JavaScript)."""

    width: int
    height: int
    left: int
    right: int
    teacher: tuple[ChartPoint, ...]
    own: tuple[ChartPoint, ...]
    grid: tuple[ChartGridLine, ...]
    first_date: str
    last_date: str

    @property
    def teacher_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.teacher)


@dataclass(frozen=True)
class TargetView:
    id: str
    statement: str
    subject: str
    standard: str | None
    kind: str
    url: str
    parent: TargetLink | None
    children: tuple[TargetLink, ...]
    current: LevelView | None
    evidence: tuple[Evidence, ...]
    chart: ChartView | None = None


@dataclass(frozen=True)
class TargetGroup:
    subject: str
    long_term: tuple[TargetView, ...]
    supporting: tuple[TargetView, ...]


@dataclass(frozen=True)
class TargetsView:
    groups: tuple[TargetGroup, ...]
    rule: str
    scale: tuple[LevelView, ...]


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


@dataclass(frozen=True)
class GalleryItem:
    piece: PieceView
    student: str


@dataclass(frozen=True)
class GalleryView:
    items: tuple[GalleryItem, ...]
    subjects: tuple[str, ...]


@dataclass(frozen=True)
class CheckinView:
    date: str
    note: str


@dataclass(frozen=True)
class GoalView:
    goal: str
    target: TargetLink | None
    by: str
    status: str
    status_label: str
    checkins: tuple[CheckinView, ...]


@dataclass(frozen=True)
class StudentCard:
    slug: str
    url: str
    name: str
    grade: str | None
    pronouns: str | None
    photo: ImageView | None
    pieces: int
    met: int
    assessed: int


@dataclass(frozen=True)
class HomeView:
    card: StudentCard
    goals: tuple[GoalView, ...]
    highlights: tuple[PieceView, ...]
    recent: tuple[PieceView, ...]


@dataclass(frozen=True)
class ClassHomeView:
    school: str
    class_name: str
    year: str
    students: tuple[StudentCard, ...]


@dataclass(frozen=True)
class MatrixCell:
    level: LevelView | None
    evidence: int
    below: bool  # assessed, but under the class's `meets` level


@dataclass(frozen=True)
class MatrixRow:
    name: str
    url: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class MatrixView:
    """The teacher's class × targets grid: where each student stands, gaps at a glance."""

    targets: tuple[TargetLink, ...]
    rows: tuple[MatrixRow, ...]
    meets: LevelView | None
    rule: str


@dataclass(frozen=True)
class Page:
    """One page of a site: what MkDocs renders and indexes, and what the template shows."""

    src_uri: str
    title: str
    template: str
    markdown: str
    view: Any
    searchable: bool = True
    hide: tuple[str, ...] = ()  # mkdocs-material parts to hide on this page ("navigation", "toc")


@dataclass
class SiteView:
    """Everything one MkDocs build needs, decided before MkDocs runs."""

    name: str
    language: str
    nav: list[Any]
    pages: list[Page]
    assets: dict[str, Path]  # dest path in the site → file to copy
    strings: Strings
    info: dict[str, str] = field(default_factory=dict)

    def page(self, src_uri: str) -> Page:
        return next(p for p in self.pages if p.src_uri == src_uri)


# --- helpers shared by the sites -------------------------------------------------


class _Assets:
    """Collects the files a site publishes while its views are made."""

    def __init__(self, images: Mapping[Path, ImageSet]) -> None:
        self.images = images
        self.files: dict[str, Path] = {}

    def image(self, media: ImageMedia | None, fallback_alt: str = "") -> ImageView | None:
        found = self.images.get(media.source) if media else None
        if media is None or found is None:
            return None
        views = []
        for rendition in found.renditions:
            url = f"media/{rendition.name}"
            self.files[url] = rendition.path
            views.append(RenditionView(url, rendition.width, rendition.height))
        return ImageView(tuple(views), media.alt or fallback_alt)

    def file(self, media: FileMedia) -> str:
        digest = hashlib.sha256(media.source.read_bytes()).hexdigest()[:8]
        url = f"media/{slugify(media.source.stem) or 'file'}-{digest}{media.source.suffix.lower()}"
        self.files[url] = media.source
        return url


_MIME = {".pdf": "application/pdf", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg",
         ".oga": "audio/ogg", ".wav": "audio/wav", ".mp4": "video/mp4", ".webm": "video/webm",
         ".mov": "video/quicktime", ".m4v": "video/mp4"}  # fmt: skip


def format_date(day: dt.date | None, t: Strings) -> str:
    """A date as a family reads it, in the site's language."""
    if day is None:
        return ""
    return str(t["date_format"]).format(month=t["months"][day.month - 1], day=day.day, year=day.year)


def level_view(value: float | None, cls: ClassFolder) -> LevelView | None:
    if value is None:
        return None
    level = mastery.nearest_level(value)
    shown = f"{value:g}" if value == int(value) else f"{value:.1f}"
    label = cls.settings.label(level)
    return LevelView(value, level, label, f"{shown} · {label}" if label else shown)


def published(pieces: Iterable[Piece], audience: Audience) -> list[Piece]:
    """The pieces an audience may see, oldest first (the order growth is told in)."""
    return sorted((p for p in pieces if p.share.reaches(audience)), key=lambda p: (p.date, p.slug))


def _media_view(media: Media, assets: _Assets, title: str) -> MediaView | None:
    if isinstance(media, ImageMedia):
        image = assets.image(media, fallback_alt=title)
        return MediaView("image", title, image=image, caption=media.caption) if image else None
    if isinstance(media, FileMedia):
        mime = _MIME.get(media.source.suffix.lower(), "")
        preview = assets.image(ImageMedia(media.source, f"{media.title}: first page")) if media.kind == "pdf" else None
        return MediaView(media.kind, media.title, assets.file(media), preview, media.caption, mime)
    if isinstance(media, LinkMedia):
        return MediaView("link", media.title, media.url)
    return None


def _feedback(piece: Piece, t: Strings) -> tuple[FeedbackView, ...]:
    """Peers are never named (SPEC.md): their critique shows as "a classmate"."""
    return tuple(
        FeedbackView(
            author=t["a_classmate"] if f.role == "peer" else f.name,
            role=f.role,
            role_label=t["roles"].get(f.role, f.role),
            text=f.text,
            date=format_date(f.date, t),
        )
        for f in piece.feedback
    )


def _piece_view(piece: Piece, student: Student, cls: ClassFolder, assets: _Assets, t: Strings) -> PieceView:
    media = tuple(m for m in (_media_view(x, assets, piece.title) for x in piece.media) if m)
    chips = tuple(
        Chip(
            a.target_id,
            cls.targets[a.target_id].statement,
            f"targets/{a.target_id}/",
            level_view(a.level, cls),
            level_view(a.self_level, cls),
        )
        for a in piece.assessments
    )
    return PieceView(
        slug=piece.slug,
        url=f"work/{piece.slug}/",
        title=piece.title,
        date=format_date(piece.date, t),
        iso_date=piece.date.isoformat(),
        kind=piece.kind,
        subject=piece.subject,
        student=student.name,
        media=media,
        thumb=next((m for m in media if m.kind == "image"), media[0] if media else None),
        chips=chips,
        feedback=_feedback(piece, t),
        reflection=markup.render(piece.body, heading_shift=2),  # under the piece's <h3> on the passage page
        excerpt=markup.excerpt(piece.body),
        celebrate=piece.celebrate,
        passage=piece.passage,
    )


def _with_series(views: Sequence[PieceView], pieces: Sequence[Piece]) -> list[PieceView]:
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


# --- targets and mastery ------------------------------------------------------------


def _target_link(target: Target) -> TargetLink:
    return TargetLink(target.id, target.statement, f"targets/{target.id}/")


def _target_views(cls: ClassFolder, pieces: Sequence[Piece], views: Sequence[PieceView]) -> list[TargetView]:
    """Every target of the class, with this site's evidence and current level."""
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    levels: dict[str, list[int]] = defaultdict(list)
    for piece, view in zip(pieces, views, strict=True):  # pieces are in date order
        for a in piece.assessments:
            evidence[a.target_id].append(Evidence(view, level_view(a.level, cls), level_view(a.self_level, cls)))
            if a.level is not None:
                levels[a.target_id].append(a.level)
    children: dict[str, list[TargetLink]] = defaultdict(list)
    for target in cls.targets.values():
        if target.parent:
            children[target.parent].append(_target_link(target))
    return [
        TargetView(
            id=target.id,
            statement=target.statement,
            subject=target.subject,
            standard=target.standard,
            kind=target.kind,
            url=f"targets/{target.id}/",
            parent=_target_link(cls.targets[target.parent]) if target.parent else None,
            children=tuple(children[target.id]),
            current=level_view(mastery.current_level(cls.settings.mastery, levels[target.id]), cls),
            evidence=tuple(reversed(evidence[target.id])),  # newest first on the page
            chart=chart(evidence[target.id], cls),
        )
        for target in cls.targets.values()
    ]


_CHART = {"width": 480, "height": 230, "left": 112, "right": 20, "top": 16, "bottom": 40}


def chart(evidence: Sequence[Evidence], cls: ClassFolder) -> ChartView | None:
    """Lay out levels over time: x by date, y by scale step; None when nothing was assessed."""
    assessed = [e for e in evidence if e.level or e.self_level]
    if not any(e.level for e in assessed):
        return None
    levels = [step.level for step in cls.settings.scale]
    low, high = min(levels), max(levels)
    width, height = _CHART["width"], _CHART["height"]
    plot_h = height - _CHART["top"] - _CHART["bottom"]

    def y(level: int) -> float:
        return _CHART["top"] + (high - level) / max(1, high - low) * plot_h

    days = [dt.date.fromisoformat(e.piece.iso_date) for e in assessed]
    span = max(1, (max(days) - min(days)).days)
    plot_w = width - _CHART["left"] - _CHART["right"]

    def x(day: dt.date) -> float:
        if max(days) == min(days):
            return _CHART["left"] + plot_w / 2
        return _CHART["left"] + (day - min(days)).days / span * plot_w

    def points(pick: str) -> tuple[ChartPoint, ...]:
        return tuple(
            ChartPoint(x(day), y(getattr(e, pick).level), getattr(e, pick), e.piece.date, e.piece.title)
            for e, day in zip(assessed, days, strict=True)
            if getattr(e, pick)
        )

    grid = tuple(ChartGridLine(y(step.level), f"{step.level} · {step.label}") for step in cls.settings.scale)
    return ChartView(
        width, height, _CHART["left"], width - _CHART["right"], points("level"), points("self_level"), grid,
        assessed[0].piece.date, assessed[-1].piece.date,
    )


def _targets_overview(cls: ClassFolder, targets: Sequence[TargetView]) -> TargetsView:
    subjects: dict[str, list[TargetView]] = defaultdict(list)
    for target in targets:
        subjects[target.subject or "—"].append(target)
    groups = tuple(
        TargetGroup(
            subject,
            tuple(t for t in members if t.kind != "supporting"),
            tuple(t for t in members if t.kind == "supporting"),
        )
        for subject, members in subjects.items()
    )
    scale = tuple(v for v in (level_view(s.level, cls) for s in cls.settings.scale) if v)
    return TargetsView(groups, cls.settings.mastery, scale)


# --- passage, gallery, home ------------------------------------------------------------


def _passage(cls: ClassFolder, student: Student, photo: ImageView | None, views: Sequence[PieceView]) -> PassageView:
    spec = cls.settings.passage
    sections = tuple(
        PassageSectionView(
            s.id, s.title, s.prompt, s.min, tuple(v for v in views if s.id in v.passage)
        )
        for s in spec.sections
    )
    return PassageView(spec.title, spec.question, student.name, photo, sections)


def _gallery(items: Iterable[GalleryItem]) -> GalleryView:
    chosen = tuple(items)
    subjects = tuple(sorted({i.piece.subject for i in chosen if i.piece.subject}))
    return GalleryView(chosen, subjects)


def _goals(student: Student, cls: ClassFolder, t: Strings) -> tuple[GoalView, ...]:
    return tuple(
        GoalView(
            goal=g.goal,
            target=_target_link(cls.targets[g.target]) if g.target else None,
            by=format_date(g.by, t),
            status=g.status,
            status_label=t["goal_status"].get(g.status, g.status),
            checkins=tuple(CheckinView(format_date(c.date, t), c.note) for c in g.checkins),
        )
        for g in student.goals
    )


def _card(
    student: Student, url: str, photo: ImageView | None, pieces: int, targets: Sequence[TargetView], meets: int
) -> StudentCard:
    assessed = [t for t in targets if t.current]
    met = sum(1 for t in assessed if t.current and t.current.value >= meets)
    return StudentCard(
        student.slug, url, student.name, student.grade, student.pronouns, photo, pieces, met, len(assessed)
    )


# --- the two kinds of site ----------------------------------------------------------


@dataclass(frozen=True)
class _StudentData:
    """A student's published pieces and their views, shared by every page of a site."""

    pieces: list[Piece]
    views: list[PieceView]
    targets: list[TargetView]


def _student_data(
    cls: ClassFolder, student: Student, audience: Audience, assets: _Assets, t: Strings
) -> _StudentData:
    pieces = published(student.pieces, audience)
    views = _with_series([_piece_view(p, student, cls, assets, t) for p in pieces], pieces)
    return _StudentData(pieces, views, _target_views(cls, pieces, views))


def student_site(
    cls: ClassFolder, student: Student, audience: Audience, images: Mapping[Path, ImageSet], t: Strings
) -> SiteView:
    """The site a family opens: one student's published work and nothing of anyone else."""
    assets = _Assets(images)
    data = _student_data(cls, student, audience, assets, t)
    photo = assets.image(student.photo, student.name) if audience is not Audience.PUBLIC else None
    card = _card(student, "", photo, len(data.pieces), data.targets, cls.settings.meets)
    newest = list(reversed(data.views))
    home = HomeView(
        card, _goals(student, cls, t),
        tuple([v for v in newest if v.celebrate][:3]), tuple(newest[:6]),
    )
    pages = [
        Page("index.md", t["about_me"], "student_home.html", student.about, home),
        Page("passage.md", cls.settings.passage.title, "passage.html", "",
             _passage(cls, student, photo, data.views)),
        Page("targets/index.md", t["targets"], "targets.html", "",
             _targets_overview(cls, data.targets)),
        Page("gallery.md", t["gallery"], "gallery.html", "",
             _gallery(GalleryItem(v, student.name) for v in newest if v.celebrate)),
    ]
    pages.append(Page("work/index.md", t["work"], "work.html", "", _gallery(GalleryItem(v, "") for v in newest)))
    pages += [Page(f"targets/{v.id}.md", v.statement, "target.html", "", v) for v in data.targets]
    pages += [Page(f"work/{v.slug}.md", v.title, "piece.html", p.body, v)
              for p, v in zip(data.pieces, data.views, strict=True)]
    nav = [
        {t["about_me"]: "index.md"},
        {t["passage"]: "passage.md"},
        {t["targets"]: "targets/index.md"},
        {t["gallery"]: "gallery.md"},
        {t["work"]: "work/index.md"},  # one page of cards, not forty links on every page
    ]
    info = _class_info(cls) | {"student": student.name}
    return SiteView(student.name, student.language or cls.settings.language, nav, pages, assets.files, t, info)


def class_site(
    cls: ClassFolder, audience: Audience, images: Mapping[Path, ImageSet], t: Strings
) -> SiteView:
    """The class home and class gallery: only `class` and `public` work, every student linked."""
    seen = Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
    assets = _Assets(images)
    cards, items, rows = [], [], []
    for student in cls.students:
        data = _student_data(cls, student, seen, assets, t)
        photo = assets.image(student.photo, student.name) if audience is not Audience.PUBLIC else None
        cards.append(_card(student, f"{student.slug}/", photo, len(data.pieces), data.targets, cls.settings.meets))
        items += [GalleryItem(_linked(v, student.slug), student.name) for v in data.views if v.celebrate]
        if audience is not Audience.PUBLIC:
            rows.append(_matrix_row(cls, student, audience, t))
    items.sort(key=lambda i: i.piece.iso_date, reverse=True)
    info = _class_info(cls)
    home = ClassHomeView(info["school"], info["class_name"], info["year"], tuple(cards))
    pages = [
        Page("index.md", info["class_name"] or info["school"] or "Portfolios", "class_home.html", "", home),
        Page("gallery.md", t["class_gallery"], "gallery.html", "", _gallery(items)),
    ]
    if audience is not Audience.PUBLIC:  # never in a public build (SPEC.md); not in the nav or the search
        matrix = MatrixView(
            tuple(_target_link(target) for target in cls.targets.values()), tuple(rows),
            level_view(cls.settings.meets, cls), cls.settings.mastery,
        )
        wide = ("navigation", "toc")
        pages.append(Page("_teacher/index.md", t["matrix"], "matrix.html", "", matrix, searchable=False, hide=wide))
    nav = [{t["students"]: "index.md"}, {t["gallery"]: "gallery.md"}]
    name = " · ".join(x for x in (info["class_name"], info["school"]) if x) or "Portfolios"
    return SiteView(name, cls.settings.language, nav, pages, assets.files, t, info)


def _matrix_row(cls: ClassFolder, student: Student, audience: Audience, t: Strings) -> MatrixRow:
    """One student's current levels, from the pieces their own site publishes (so each is traceable)."""
    data = _student_data(cls, student, audience, _Assets({}), t)
    meets = cls.settings.meets
    cells = tuple(
        MatrixCell(view.current, len(view.evidence), bool(view.current and view.current.value < meets))
        for view in data.targets
    )
    return MatrixRow(student.name, f"{student.slug}/", cells)


def _linked(view: PieceView, slug: str) -> PieceView:
    """A piece seen from the class site links into its student's site."""
    return replace(view, url=f"{slug}/{view.url}")


def _class_info(cls: ClassFolder) -> dict[str, str]:
    settings = cls.settings
    return {"school": settings.school, "class_name": settings.class_name, "year": str(settings.year)}
