"""One target's page (target.html): its statement, level over time as a chart, all evidence."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .. import mastery
from ..model import (
    ClassFolder,
    Piece,
)
from .parts import (
    LevelView,
    TargetLink,
    level_view,
    local,
    target_link,
)
from .piece import PieceView, card


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


def target_views(
    cls: ClassFolder, pieces: Sequence[Piece], views: Sequence[PieceView], language: str
) -> list[TargetView]:
    """Every target of the class, with this site's evidence and current level, worded in its `language`."""
    fallback = cls.settings.language
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    levels: dict[str, list[int]] = defaultdict(list)
    for piece, view in zip(pieces, views, strict=True):  # pieces are in date order
        shown = card(view)
        for a in piece.assessments:
            levels_shown = level_view(a.level, cls, language), level_view(a.self_level, cls, language)
            evidence[a.target_id].append(Evidence(shown, *levels_shown))
            if a.level is not None:
                levels[a.target_id].append(a.level)
    children: dict[str, list[TargetLink]] = defaultdict(list)
    for target in cls.targets.values():
        if target.parent:
            children[target.parent].append(target_link(target, language, fallback))
    return [
        TargetView(
            id=target.id,
            statement=local(target.statement, language, fallback),
            subject=local(target.subject, language, fallback),
            standard=target.standard,
            kind=target.kind,
            url=f"targets/{target.id}/",
            parent=target_link(cls.targets[target.parent], language, fallback) if target.parent else None,
            children=tuple(children[target.id]),
            current=level_view(mastery.current_level(cls.settings.mastery, levels[target.id]), cls, language),
            evidence=tuple(reversed(evidence[target.id])),  # newest first on the page
            chart=chart(evidence[target.id], cls, language),
        )
        for target in cls.targets.values()
    ]


_CHART = {"width": 480, "height": 230, "left": 112, "right": 20, "top": 16, "bottom": 40}


def chart(evidence: Sequence[Evidence], cls: ClassFolder, language: str) -> ChartView | None:
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

    grid = tuple(
        ChartGridLine(y(view.level), view.text)
        for view in (level_view(step.level, cls, language) for step in cls.settings.scale) if view
    )
    return ChartView(
        width, height, _CHART["left"], width - _CHART["right"], points("level"), points("self_level"), grid,
        assessed[0].piece.date, assessed[-1].piece.date,
    )
