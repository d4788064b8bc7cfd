"""Formulas in a reflection (`$…$`, `$$…$$`) become MathML at build time; a lone `$` stays a dollar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from classmaker import make_class
from conftest import run_portfolio, serving

from portfolio_builder import markup

BODY = r"""## Finding $k$

A proportional graph is a line through the origin, so it fits $y = kx$.
The constant of proportionality is the unit rate:

$$
k = \frac{y}{x} = \frac{12}{4} = 3
$$

It costs $5 and $7, and \$3 is a price too.
In code `$x$` keeps its dollars.

My first try was $\frac{1}{$ and it broke.

<math><mi href="javascript:alert(1)">h</mi><maction actiontype="statusline">s</maction></math>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """One class with one math reflection, built by the real command: (piece file, student site, stderr)."""
    tmp = tmp_path_factory.mktemp("math")
    meta = {"title": "Unit rate", "date": "2026-10-01", "targets": ["ela-argument"], "passage": "growth"}
    root = make_class(tmp / "class", {"ana": {"pieces": {"rate.md": (meta, BODY)}}})
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp)
    assert result.returncode == 0, result.stderr
    return root / "ana" / "rate.md", tmp / "site" / "ana", result.stderr


def _pages(site: Path) -> dict[str, str]:
    return {
        name: (site / rel / "index.html").read_text(encoding="utf-8")
        for name, rel in {"piece": "work/rate", "passage": "passage"}.items()
    }


def test_inline_and_display_formulas_are_mathml_on_every_page(built: tuple[Path, Path, str]) -> None:
    for name, page in _pages(built[1]).items():
        assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in page, name
        assert re.search(r'<math [^>]*display="block">.*?<mfrac>', page, re.DOTALL), name
        assert "<mi>y</mi><mo>=</mo><mi>k</mi><mi>x</mi>" in page, name
        # the TeX stays with the formula, for copying and for screen readers
        assert '<annotation encoding="application/x-tex">y = kx</annotation>' in page, name
        assert "$y = kx$" not in page and "$$" not in page, name


def test_a_heading_with_a_formula_is_named_by_its_tex(built: tuple[Path, Path, str]) -> None:
    piece = _pages(built[1])["piece"]
    assert 'id="rate-finding-k"' in piece
    assert "Finding kk" not in piece  # the toc reads the TeX, not the MathML and its annotation


def test_dollars_in_prose_and_code_stay_dollars(built: tuple[Path, Path, str]) -> None:
    piece = _pages(built[1])["piece"]
    assert "It costs $5 and $7, and $3 is a price too." in piece
    assert "<code>$x$</code>" in piece


def test_a_formula_that_cannot_be_read_is_a_warning_with_its_line_and_shows_as_code(
    built: tuple[Path, Path, str],
) -> None:
    source, site, stderr = built
    line = 1 + source.read_text(encoding="utf-8").split("\n").index(r"My first try was $\frac{1}{$ and it broke.")
    assert f"class/ana/rate.md:{line}: warning: the formula `\\frac{{1}}{{` cannot be read: check its braces" in stderr
    assert r"<code>\frac{1}{</code>" in _pages(site)["piece"]


def test_raw_mathml_from_a_student_cannot_run_anything(built: tuple[Path, Path, str]) -> None:
    for name, page in _pages(built[1]).items():
        assert "<mi>h</mi>" in page, name  # the harmless part is kept
        assert "javascript:" not in page and "maction" not in page and "statusline" not in page, name


def test_tex_that_carries_markup_or_a_link_stays_text() -> None:
    """latex2mathml copies `\\text{…}` unescaped and turns `\\href` into an attribute: neither reaches a page."""
    rendered = markup.convert(r"$\text{<script>alert(1)</script>}$ and $\href{javascript:alert(1)}{x}$", "t")
    assert "<script" not in rendered.html and "javascript:" not in rendered.html.replace("\\href{javascript:", "")
    assert "<mtext>&lt;script&gt;alert(1)&lt;/script&gt;</mtext>" in rendered.html
    assert 'href="' not in rendered.html


@pytest.mark.parametrize(
    ("tex", "hint"),
    [(r"x^", "`^` and `_` need something after them"), (r"\left( x", r"every `\left` needs its `\right`"),
     ("{x", "check its braces")],
)  # fmt: skip
def test_each_unreadable_formula_says_what_to_check(tex: str, hint: str) -> None:
    rendered = markup.convert(f"Try ${tex}$ here.", "t")
    assert rendered.unreadable == ((tex, hint),)
    assert "<math" not in rendered.html


@pytest.mark.browser
def test_the_browser_draws_the_formulas(built: tuple[Path, Path, str], browser: object) -> None:
    """Chromium lays the fraction out as MathML: the numerator above the denominator, the TeX hidden."""
    with serving(built[1].parent) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{url}/ana/work/rate/")
        box = page.locator("math[display=block]").bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
        top, bottom = (page.locator("math[display=block] mfrac").first.locator(":scope > *").nth(i) for i in (0, 1))
        above, below = top.bounding_box(), bottom.bounding_box()
        assert above and below and above["y"] + above["height"] <= below["y"] + 1  # stacked, not a line of text
        assert page.locator("math annotation").first.bounding_box() is None  # the TeX is not shown twice
        page.close()


def test_a_heading_with_a_formula_and_html_keeps_a_readable_id() -> None:
    (heading,) = markup.convert("## Slope $m$ is <em>fast</em> & $a<b$", "t").toc
    assert heading["id"] == "t-slope-m-is-fast-ab"
    assert heading["name"] == "Slope m is fast &amp; a&lt;b"  # escaped, as every heading name
