"""The sample class, built end to end with the real command: the demo is also the fixture."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE, site_of
from PIL import Image
from sitecheck import broken_links, external_requests, main_content, parse

from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import Audience, ImageMedia


def _sample() -> tuple[list, ProblemLog]:
    log = ProblemLog()
    cls = load_class(SAMPLE, log)
    return list(cls.students), log


def test_sample_class_has_no_errors() -> None:
    _, log = _sample()
    assert [p.format() for p in log.errors] == []


def test_sample_class_is_rich_enough() -> None:
    students, _ = _sample()
    assert len(students) >= 4
    assert all(len(s.pieces) >= 6 for s in students)
    shares = {p.share for s in students for p in s.pieces}
    assert shares == set(Audience)
    assert any(s.goals and s.goals[0].checkins for s in students)
    assert sum(1 for s in students for p in s.pieces if p.series) >= 6


def test_every_student_has_a_site(sample_site: Path) -> None:
    students, _ = _sample()
    for student in students:
        for page in ["index.html", "passage/index.html", "targets/index.html", "gallery/index.html"]:
            assert (site_of(sample_site, student.slug) / page).is_file(), (student.slug, page)
        for piece in student.pieces:
            page = site_of(sample_site, student.slug) / "work" / piece.slug / "index.html"
            assert page.is_file() == (piece.share is not Audience.PRIVATE), page
    assert (sample_site / "index.html").is_file() and (sample_site / "gallery" / "index.html").is_file()


def test_private_pieces_leave_no_trace(sample_site: Path) -> None:
    students, _ = _sample()
    private = [p for s in students for p in s.pieces if p.share is Audience.PRIVATE]
    assert private
    texts = [p.read_text(errors="replace") for p in sample_site.rglob("*") if p.suffix in {".html", ".json", ".xml"}]
    everything = "".join(texts)
    for piece in private:
        assert piece.title not in everything, piece.source


def test_links_and_hosts(sample_site: Path) -> None:
    assert broken_links(sample_site) == []
    assert external_requests(sample_site) == []


def test_rotated_sample_photo_is_upright(sample_site: Path) -> None:
    students, _ = _sample()
    rotated = []
    for student in students:
        for piece in student.pieces:
            for media in piece.media:
                if isinstance(media, ImageMedia) and piece.share is not Audience.PRIVATE:
                    with Image.open(media.source) as original:
                        if original.getexif().get(0x0112) in (6, 8):
                            rotated.append((student, piece, media, original.size))
    assert rotated, "the sample class should hold a photo stored sideways"
    for student, piece, media, (stored_w, stored_h) in rotated:
        page = parse(site_of(sample_site, student.slug) / "work" / piece.slug / "index.html")
        image = next(i for i in page.images if i.get("alt") == (media.alt or piece.title))
        assert (int(image["width"] or 0) > int(image["height"] or 0)) == (stored_h > stored_w)


def test_spanish_student_site_is_in_spanish(sample_site: Path) -> None:
    students, _ = _sample()
    spanish = [s for s in students if s.language == "es"]
    assert spanish
    home = site_of(sample_site, spanish[0].slug) / "index.html"
    assert parse(home).html_lang == "es"
    assert "Sobre mí" in home.read_text()


def test_search_index_per_student(sample_site: Path) -> None:
    students, _ = _sample()
    for student in students:
        index = json.loads((site_of(sample_site, student.slug) / "search" / "search_index.json").read_text())
        text = json.dumps(index, ensure_ascii=False)
        others = [s.name for s in students if s is not student]
        assert not any(name in text for name in others), student.slug


def test_build_with_no_arguments_uses_sample_students(tmp_path: Path) -> None:
    from classmaker import make_class
    from conftest import run_portfolio

    make_class(tmp_path / "sample_students", {"ana": {}})
    result = run_portfolio("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "ana" / "index.html").is_file()


def test_trimmed_stylesheet_keeps_every_class_the_pages_use(sample_site: Path) -> None:
    """The theme's CSS drops only features no page uses; palette.css and source maps are not shipped."""
    import re

    from portfolio_builder.site.stylesheet import unused

    used = {
        name
        for page in sample_site.rglob("*.html")
        for value in re.findall(r'class="([^"]*)"', page.read_text())
        for name in value.split()
    }
    assert not {name for name in used if unused(name)}
    for site in [sample_site, *(p for p in sample_site.iterdir() if (p / "passage").is_dir())]:
        sheets = sorted(p.name for p in (site / "assets" / "stylesheets").iterdir())
        assert len(sheets) == 1 and sheets[0].startswith("main."), sheets
        css = (site / "assets" / "stylesheets" / sheets[0]).read_text()
        assert ".md-typeset" in css and ".highlight" not in css and "sourceMappingURL" not in css
        assert f"assets/stylesheets/{sheets[0]}" in (site / "index.html").read_text()
        assert not list(site.rglob("*.map"))


def test_sofia_reads_her_passage_in_spanish(sample_site: Path) -> None:
    """The class texts have `es` versions: no English word of the school's is left on her passage page."""
    students, _ = _sample()
    sofia = next(s for s in students if s.slug == "sofia-hernandez")
    used = {a.target_id for p in sofia.pieces for a in p.assessments}
    passage = main_content(site_of(sample_site, sofia.slug) / "passage" / "index.html")
    assert "Pasaje a la preparatoria" in passage and "Cumple" in passage
    english = ["Passage to High School", "Meets", "Exceeds", "Where I have been", "Habits of character",
               "Guiding question", "Draft "]
    english += [statement["en"] for statement in _statements(used)]
    assert [word for word in english if word in passage] == []
    assert [s for s in _statements(used) if s["es"] in passage], "her targets' Spanish statements"


def test_the_arabic_family_reads_right_to_left(sample_site: Path) -> None:
    students, _ = _sample()
    arabic = [s for s in students if s.language == "ar"]
    assert arabic
    site = site_of(sample_site, arabic[0].slug)
    for page in site.rglob("*.html"):
        assert '<html lang="ar" dir="rtl"' in page.read_text(), page
    assert "العبور إلى المرحلة الثانوية" in main_content(site / "passage" / "index.html")


def test_sample_class_has_every_translation(sample_site: Path) -> None:
    """`portfolio check` warns about no missing language or UI word in the sample class."""
    from portfolio_builder.build import check

    assert [p.format() for p in check(SAMPLE).warnings if "text" in p.message or "words" in p.message] == []


def _statements(ids: set[str]) -> list[dict[str, str]]:
    import yaml

    targets = yaml.safe_load((SAMPLE / "targets.yml").read_text(encoding="utf-8"))
    return [t["statement"] for t in targets if t["id"] in ids]


def test_sample_math_is_drawn_as_mathml(sample_site: Path) -> None:
    """Jamal's revised bike graph shows the constant of proportionality as a formula, not as `$$` text."""
    page = (site_of(sample_site, "jamal-carter") / "work" / "bike-rate-revised" / "index.html").read_text("utf-8")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "<mfrac>" in page and "$" not in page.split("<article", 1)[-1].split("</article>", 1)[0]
