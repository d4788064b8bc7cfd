"""The class as typed values: settings, targets, students, pieces.

Front-matter shapes are pydantic models (they also give the JSON Schema of the
format); the resolved class is plain frozen dataclasses that later stages read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .audience import Audience as Audience  # re-exported: most modules read it with the class model

MasteryRule = Literal["recent", "highest", "mean", "decaying"]


class _Strict(BaseModel):
    # defer_build: a model's validator is made when first used, not at import (most builds re-read one student).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class _Open(BaseModel):
    """Front matter may carry keys we don't know: they are warned about, not fatal."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


# --- class settings -----------------------------------------------------------------


def _text_shape(value: Any) -> Any:
    """A translated text is language → text, nothing deeper: say so plainly instead of pydantic's union errors."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or not value or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise PydanticCustomError("text_shape", "a text or one line per language")
    return value


#: A text the school writes once for the class: plain, or language → text (docs/format.md, "Translations").
#: The checked class keeps both forms; each site picks its language in the views (`views.parts.local`).
class _TextShape:
    """`_text_shape` before pydantic's own check, as `BeforeValidator(_text_shape)` would be, but without pydantic
    reading the function's signature at each of the forty fields that are a Text (20 ms of every build)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_before_validator_function(_text_shape, handler(source))


Text = Annotated[str | dict[str, str], _TextShape()]


def local(text: Text, language: str, fallback: str) -> str:
    """A class text in a site's language: else the class language (`fallback`), else the first one written.

    The school writes a text once, plainly or as language → text; a family never sees a blank
    where a translation is missing (`portfolio check` warns about it instead). The views call it
    for every class text they show; the checked class itself stays in every language.
    """
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(fallback) or next(iter(text.values()), "")


class ScaleLevel(_Strict):
    level: int
    label: Text


class PassageSectionSpec(_Strict):
    id: str
    title: Text
    prompt: Text = ""
    min: int = Field(default=0, ge=0)


class RubricCriterion(_Strict):
    criterion: Text
    levels: dict[int, Text] = Field(default_factory=dict)


class PassageSpec(_Strict):
    title: Text = "Passage presentation"
    question: Text = ""
    minutes: int | None = Field(default=None, ge=1)  # present mode shows a countdown
    sections: list[PassageSectionSpec] = Field(default_factory=list)
    rubric: list[RubricCriterion] = Field(default_factory=list)  # for the panel kit
    questions: list[Text] = Field(default_factory=list)  # panel question cards


class UnitSpec(_Strict):
    """An expedition or unit that groups the class gallery."""

    id: str
    title: Text


class AgendaItemSpec(_Strict):
    id: str
    title: Text
    prompt: Text = ""


class ConferenceSpec(_Strict):
    """The student-led conference page."""

    title: Text = "Student-led conference"
    since: dt.date | None = None  # levels are compared with this date
    minutes: int | None = Field(default=None, ge=1)  # present mode shows a countdown
    agenda: list[AgendaItemSpec] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)


class TargetSpec(_Strict):
    id: str = Field(description="A short name students write in `targets:`, lower case with dashes: sci-observe.")
    statement: Text = Field(description="The target as an \"I can…\" sentence a student understands.")
    subject: Text = Field(default="", description="The subject, like Science: targets are grouped by it.")
    standard: str | None = Field(default=None, description="Optional: the code of an outside standard.")
    kind: Literal["long-term", "supporting"] = Field(default="long-term", description="long-term or supporting.")
    parent: str | None = Field(default=None, description="For a supporting target: the long-term target it builds.")


DEFAULT_SCALE = [
    ScaleLevel(level=1, label="Beginning"),
    ScaleLevel(level=2, label="Approaching"),
    ScaleLevel(level=3, label="Meets"),
    ScaleLevel(level=4, label="Exceeds"),
]


class ClassSettings(_Strict):
    """`portfolio.yml`."""

    school: Text = ""
    class_name: Text = Field(default="", alias="class")
    year: str | int = ""
    language: str = "en"
    theme: str = "portfolio"
    scale: list[ScaleLevel] = Field(default_factory=lambda: list(DEFAULT_SCALE), min_length=1)
    meets: int = 3
    mastery: MasteryRule = "recent"
    share: Literal["private", "family", "class", "public"] = "family"
    passage: PassageSpec = Field(default_factory=PassageSpec)
    targets: list[TargetSpec] | None = None
    site_url: str | None = None  # where site/ is published: the family cards print full links
    links: Literal["secret", "names"] = "secret"  # family sites behind secret links, or at site/<slug>/
    units: list[UnitSpec] = Field(default_factory=list)
    conference: ConferenceSpec | None = None

    def label(self, level: int | None) -> Text:
        """The scale's word for a level ("Meets", or its translations), or "" when unassessed."""
        for step in self.scale:
            if step.level == level:
                return step.label
        return ""


# --- student.md and pieces ------------------------------------------------------------


class Checkin(_Strict):
    date: dt.date = Field(description="The day you checked on your goal, written YYYY-MM-DD, like 2026-11-01.")
    note: str = Field(description="How it is going, in a sentence or two.")


class GoalSpec(_Strict):
    id: str = Field(default="", description="A short name for the goal, in lower case with dashes: nightly-reading.")
    goal: str = Field(description="What you will do, and how you will know: I will read 20 minutes every night.")
    target: str | None = Field(default=None, description="The learning target this goal works on (its id).")
    by: dt.date | None = Field(default=None, description="The day you want to reach it, written YYYY-MM-DD.")
    status: Literal["in-progress", "met", "not-met", "revised"] = Field(
        default="in-progress", description="in-progress, met, not-met or revised (you changed the goal)."
    )
    checkins: list[Checkin] = Field(default_factory=list, description="Each time you check how the goal is going.")


class FileRef(_Strict):
    file: str = Field(description="The name of a photo in your folder, like me.jpg.")
    alt: str | None = Field(default=None, description="What the photo shows, for people who cannot see it.")


class StudentMeta(_Open):
    """`student.md` front matter (goals and photo are checked one by one, not here)."""

    name: str = Field(description="Your name, as your site shows it.")
    grade: int | str | None = Field(default=None, description="Your grade, like 8.")
    pronouns: str | None = Field(default=None, description="Optional: your pronouns, like she/her.")
    photo: Any = Field(default=None, description="Optional: a photo of you in your folder, and what it shows (alt).")
    language: str | None = Field(default=None, description="Optional: your site's language, en or es.")
    goals: list[Any] = Field(default_factory=list, description="What you are working on, each with check-ins.")


class MediaSpec(_Strict):
    file: str | None = Field(default=None, description="A photo, PDF, recording or video beside this file: photo.jpg.")
    url: str | None = Field(default=None, description="Or a web address starting with https://.")
    alt: str | None = Field(default=None, description="What the photo shows, for people who cannot see it.")
    title: str | None = Field(default=None, description="The name of a PDF, recording, video or link.")
    caption: str | None = Field(default=None, description="Optional: a line shown under it.")

    @model_validator(mode="after")
    def _one_source(self) -> MediaSpec:
        if (self.file is None) == (self.url is None):
            raise ValueError("each media item needs either `file:` or `url:` (one of them)")
        return self


class FeedbackSpec(_Strict):
    from_: str = Field(default="", alias="from", description="Who gave it. A classmate's name is never shown.")
    role: Literal["teacher", "peer", "family", "expert", "self"] = Field(
        default="teacher", description="teacher, peer (a classmate), family, expert or self."
    )
    text: str = Field(description="What they said.")
    date: dt.date | None = Field(default=None, description="Optional: the day, written YYYY-MM-DD.")


class PieceMeta(_Open):
    """A piece's front matter; targets, media and passage are resolved one entry at a time."""

    title: str = Field(min_length=1, description="The name of this piece on your site.")
    date: dt.date | None = Field(default=None, description="The day you made it, written YYYY-MM-DD, like 2026-10-03.")
    kind: Literal["work", "reflection"] | None = Field(
        default=None, description="work (something you made) or reflection (your thinking)."
    )
    subject: str = Field(default="", description="The subject, like Science or ELA: pieces are grouped by it.")
    targets: list[Any] | dict[str, Any] | None = Field(
        default=None, description="The learning targets this piece shows, with levels if you have them."
    )
    media: list[Any] = Field(default_factory=list, description="Photos, PDFs, recordings, videos or links.")
    series: str | None = Field(default=None, description="Pieces with the same series show as drafts, in date order.")
    feedback: list[FeedbackSpec] = Field(default_factory=list, description="What people said about this piece.")
    celebrate: bool = Field(default=False, description="true puts it in your celebration-of-learning gallery.")
    passage: str | list[str] | None = Field(
        default=None, description="The passage section it belongs in, or a list of them."
    )
    share: Literal["private", "family", "class", "public"] | None = Field(
        default=None, description="Who sees it: private (nobody), family, class or public (everyone)."
    )
    unit: str | None = Field(default=None, description="The unit or expedition it belongs to (its id).")
    conference: str | list[str] | None = Field(
        default=None, description="The part of your student-led conference it is for, or a list of them."
    )


# --- the resolved class ---------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    id: str
    statement: Text
    subject: Text
    standard: str | None
    kind: str
    parent: str | None


@dataclass(frozen=True)
class Assessment:
    """A piece's evidence for one target: the teacher's level and the student's own."""

    target_id: str
    level: int | None = None
    self_level: int | None = None


@dataclass(frozen=True)
class ImageMedia:
    source: Path
    alt: str
    caption: str | None = None
    origin: Path | None = None  # the file that names it, and the line, for image problems
    line: int | None = None


@dataclass(frozen=True)
class FileMedia:
    """A PDF, audio or video file, published as a copy without its metadata (media.py)."""

    source: Path
    kind: Literal["pdf", "audio", "video"]
    title: str
    caption: str | None = None
    origin: Path | None = None  # the file that names it, and the line, for problems with the file
    line: int | None = None


@dataclass(frozen=True)
class LinkMedia:
    url: str
    title: str


Media = ImageMedia | FileMedia | LinkMedia


@dataclass(frozen=True)
class Feedback:
    name: str
    role: str
    text: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Piece:
    slug: str
    source: Path
    title: str
    date: dt.date
    kind: str
    subject: str
    share: Audience
    body: str  # the markdown as read; "" once converted into `html` (texts.py)
    assessments: tuple[Assessment, ...] = ()
    media: tuple[Media, ...] = ()
    series: str | None = None
    feedback: tuple[Feedback, ...] = ()
    celebrate: bool = False
    passage: tuple[str, ...] = ()
    conference: tuple[str, ...] = ()  # agenda item ids of the student-led conference
    unit: str | None = None  # a unit id of portfolio.yml, checked: it groups the celebration galleries
    body_line: int = 1  # the file's line where `body` starts, for problems found in it
    html: str = ""  # the body converted once: sanitized, links to pieces as `pb-piece:<slug>`
    toc: tuple[dict[str, Any], ...] = ()  # its headings, for the page's table of contents


@dataclass(frozen=True)
class GoalCheckin:
    """A check-in as read: plain data like the rest of the class (a pydantic model pickles a set, in any order)."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class Goal:
    id: str
    goal: str
    target: str | None
    by: dt.date | None
    status: str
    checkins: tuple[GoalCheckin, ...]


@dataclass(frozen=True)
class TargetLevels:
    """One target's evidence among the pieces an audience sees: how many, and their levels in date order."""

    target_id: str
    evidence: int
    levels: tuple[int, ...]


@dataclass(frozen=True)
class Outline:
    """What each build asks of a student's pieces (count, media with their share, what the class audiences see,
    levels by target), kept with a remembered student so their pieces need not be read (content/outline.py)."""

    count: int
    media: tuple[tuple[Audience, ImageMedia | FileMedia], ...]
    seen: tuple[tuple[Audience, str], ...]
    levels: tuple[tuple[Audience, tuple[TargetLevels, ...]], ...]


@dataclass(frozen=True)
class Student:
    slug: str
    folder: Path
    name: str
    grade: str | None
    pronouns: str | None
    language: str | None
    about: str  # "About me" as read; "" once converted
    photo: ImageMedia | None = None
    goals: tuple[Goal, ...] = ()
    pieces: tuple[Piece, ...] = field(default=())
    about_html: str = ""  # "About me" converted once, like a piece's body
    about_toc: tuple[dict[str, Any], ...] = ()
    #: SHA-256 of the student as checked and remembered (content/memo.py); "" when not remembered. View keys
    #: use it instead of pickling the whole student again (build/sitekeys.py).
    digest: str = field(default="", compare=False, repr=False)
    #: Its pieces in outline when remembered (content/outline.py): made from the pieces, so never compared.
    outline: Outline | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ClassFolder:
    """Everything the build needs, read and checked: the only input of the later stages."""

    root: Path
    settings: ClassSettings
    targets: dict[str, Target]
    students: tuple[Student, ...]
