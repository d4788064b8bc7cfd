"""The teacher's printed pages: family cards eight to an A4 page, in each family's language."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from classmaker import SETTINGS, make_class
from conftest import run_portfolio

pytestmark = pytest.mark.browser


def test_family_cards_print_eight_to_a_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    names = [f"student-{n}" for n in range(1, 10)]
    students = {name: {"student": {"name": f"Kid {n}", "grade": 8, **({"language": "es"} if n == 9 else {})}}
                for n, name in enumerate(names, start=1)}
    settings = {**SETTINGS, "links": "secret", "site_url": "https://school.example/crew/"}
    root = make_class(tmp_path / "class", students, settings)
    result = run_portfolio("build", str(root), "-o", "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((tmp_path / "teacher" / "cards" / "index.html").as_uri())
    pdf = tmp_path / "cards.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    page.close()
    document = pypdfium2.PdfDocument(str(pdf))
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert len(texts) == 2
    assert texts[0].count("'s portfolio") == 8 and "https://school.exampl" in texts[0]
    assert "Portafolio de Kid 9" in texts[1] and "Manténgalo" in texts[1].replace("\r\n", " ")
