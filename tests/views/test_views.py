"""View models as pure functions of the checked class: passage sections, series, charts, matrix."""

from __future__ import annotations

from pathlib import Path

import pytest
from classmaker import make_class

from portfolio_builder import views
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import Audience, ClassFolder
from portfolio_builder.site import theme

WORDS = theme.strings(theme.data_root() / "themes" / "portfolio", "en")

PIECES = {
    # file names deliberately out of date order: the series must follow the dates
    "bridge/z-first.md": ({"title": "Sketch", "date": "2026-09-01", "series": "bridge", "passage": "growth",
                           "targets": {"sci-observe": 1},
                           "feedback": [{"from": "Kim", "role": "peer", "text": "Add triangles."}]}, ""),
    "bridge/a-second.md": ({"title": "Model", "date": "2026-09-20", "series": "bridge",
                            "targets": {"sci-observe": {"level": 3, "self": 2}}}, ""),
    "bridge/m-third.md": ({"title": "Final", "date": "2026-10-10", "series": "bridge", "passage": "growth",
                           "targets": {"sci-observe": 4}, "celebrate": True, "share": "class"}, ""),
    "secret.md": ({"title": "Secret", "date": "2026-10-11", "passage": "character", "share": "private",
                   "targets": {"sci-observe": 1}}, ""),
}  # fmt: skip


@pytest.fixture
def cls(tmp_path: Path) -> ClassFolder:
    root = make_class(tmp_path / "class", {"ana": {"pieces": PIECES}, "ben": {}})
    return load_class(root, ProblemLog())


def _site(cls: ClassFolder, audience: Audience = Audience.FAMILY) -> views.SiteView:
    return views.student_site(cls, cls.students[0], audience, {}, {}, WORDS)


def test_passage_sections_fill_in_date_order_without_private(cls: ClassFolder) -> None:
    passage = _site(cls).page("passage.md").view
    growth, character = passage.sections
    assert [p.title for p in growth.pieces] == ["Sketch", "Final"]
    assert character.pieces == () and character.short  # the private piece never counts


def test_series_follow_dates_and_carry_feedback(cls: ClassFolder) -> None:
    final = _site(cls).page("work/bridge/m-third.md").view
    steps = final.series.steps
    assert [s.title for s in steps] == ["Sketch", "Model", "Final"]
    assert [s.number for s in steps] == [1, 2, 3]
    assert [s.current for s in steps] == [False, False, True]
    assert steps[0].feedback[0].author == "a classmate" and steps[0].feedback[0].text == "Add triangles."


def test_chart_lays_levels_out_over_time(cls: ClassFolder) -> None:
    target = _site(cls).page("targets/sci-observe.md").view
    chart = target.chart
    xs = [p.x for p in chart.teacher]
    ys = [p.y for p in chart.teacher]
    assert xs == sorted(xs) and xs[0] == chart.left and xs[-1] == chart.right  # first and last dates at the edges
    assert ys[0] > ys[1] > ys[2]  # 1 → 3 → 4 climbs up the chart (SVG y grows downwards)
    assert [p.level.level for p in chart.own] == [2]
    assert target.current.text == "4 · Exceeds"
    assert len(chart.grid) == 4


def test_no_chart_without_assessed_evidence(cls: ClassFolder) -> None:
    assert _site(cls).page("targets/ela-argument.md").view.chart is None


def test_mastery_rule_changes_the_current_level(cls: ClassFolder) -> None:
    mean_class = ClassFolder(
        cls.root, cls.settings.model_copy(update={"mastery": "mean"}), cls.targets, cls.students
    )
    target = _site(mean_class).page("targets/sci-observe.md").view
    assert target.current.text == "2.7 · Meets"  # (1 + 3 + 4) / 3, the private 1 left out


def test_public_audience_narrows_everything(cls: ClassFolder) -> None:
    site = _site(cls, Audience.PUBLIC)
    assert [p.src_uri for p in site.pages if p.src_uri.startswith("work/")] == ["work/index.md"]
    assert site.page("work/index.md").view.items == ()
    assert site.page("targets/sci-observe.md").view.current is None


def test_class_site_names_students_and_shows_no_levels(cls: ClassFolder) -> None:
    secret = views.class_site(cls, Audience.FAMILY, {}, {}, WORDS)
    home = secret.page("index.md").view
    ana = next(card for card in home.students if card.name == "Ana")
    assert ana.url == "" and not hasattr(ana, "met") and not hasattr(ana, "pieces")
    assert [p.src_uri for p in secret.pages] == ["index.md", "gallery.md"]  # no matrix: it is the teacher's
    assert [i.piece.url for i in secret.page("gallery.md").view.items] == [""]
    named = views.class_site(cls, Audience.FAMILY, {}, {}, WORDS, {"ana": "ana"})
    assert next(c for c in named.page("index.md").view.students if c.name == "Ana").url == "ana/"
    assert [i.piece.url for i in named.page("gallery.md").view.items] == ["ana/work/bridge/m-third/"]


def test_teacher_matrix_counts_what_the_family_site_publishes(cls: ClassFolder) -> None:
    matrix = views.matrix_view(cls, Audience.FAMILY, WORDS)
    row = next(r for r in matrix.rows if r.name == "Ana")
    cell = row.cells[[t.id for t in matrix.targets].index("sci-observe")]
    assert cell.level is not None and cell.level.level == 4 and cell.evidence == 3 and not cell.below
