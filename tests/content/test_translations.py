"""Class texts per language (docs/format.md, "Translations"): accepted everywhere, bad shapes named, gaps warned."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from classmaker import SETTINGS, TARGETS, make_class
from conftest import run_portfolio

from portfolio_builder.build import check
from portfolio_builder.content.files import read_yaml_file
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog, UsageError

ES = {"ana": {"student": {"name": "Ana", "grade": 8, "language": "es"}}, "ben": {}}


def _translated() -> tuple[dict, list]:
    """Every class text the format lists, written as language → text."""
    settings = copy.deepcopy(SETTINGS)
    settings["school"] = {"en": "Test School", "es": "Escuela de prueba"}
    settings["class"] = {"en": "Crew T", "es": "Grupo T"}
    settings["scale"] = [{"level": n, "label": {"en": f"L{n}", "es": f"N{n}"}} for n in range(1, 5)]
    passage = settings["passage"]
    passage["title"] = {"en": "Passage", "es": "Pasaje"}
    passage["question"] = {"en": "Am I ready?", "es": "¿Estoy listo?"}
    passage["questions"] = [{"en": "Why?", "es": "¿Por qué?"}]
    passage["rubric"] = [{"criterion": {"en": "Voice", "es": "Voz"}, "levels": {1: {"en": "Quiet", "es": "Baja"}}}]
    for section in passage["sections"]:
        section["title"] = {"en": section["title"], "es": "Sección"}
        section["prompt"] = {"en": section["prompt"], "es": "Muestra"}
        section["min"] = 0  # no "too few pieces" warnings: these students have none
    settings["units"] = [{"id": "bridges", "title": {"en": "Bridges", "es": "Puentes"}}]
    settings["conference"] = {
        "title": {"en": "Conference", "es": "Conferencia"},
        "agenda": [
            {"id": "open", "title": {"en": "Welcome", "es": "Bienvenida"}, "prompt": {"en": "Hi", "es": "Hola"}},
        ],
        "questions": [{"en": "What next?", "es": "¿Y ahora?"}],
    }
    targets = copy.deepcopy(TARGETS)
    for target in targets:
        target["statement"] = {"en": target["statement"], "es": "Puedo " + target["id"]}
        target["subject"] = {"en": target["subject"], "es": "Materia"}
    return settings, targets


def test_mappings_are_accepted_everywhere_and_warn_nothing_when_complete(tmp_path: Path) -> None:
    settings, targets = _translated()
    root = make_class(tmp_path / "c", ES, settings, targets)
    log = ProblemLog()
    cls = load_class(root, log)
    assert [p.format() for p in log.problems] == []
    assert cls.settings.passage.title == {"en": "Passage", "es": "Pasaje"}
    assert cls.targets["ela-argument"].subject == {"en": "ELA", "es": "Materia"}


@pytest.mark.parametrize(
    ("yaml_line", "key"),
    [("school: {en: A, es: [B]}", "school"), ("school: {en: {x: 1}}", "school"), ("school: {}", "school")],
)
def test_a_mapping_of_the_wrong_shape_names_its_line(tmp_path: Path, yaml_line: str, key: str) -> None:
    root = make_class(tmp_path / "c", ES)
    text = (root / "portfolio.yml").read_text(encoding="utf-8")
    text = "\n".join(yaml_line if line.startswith("school:") else line for line in text.splitlines())
    (root / "portfolio.yml").write_text(text + "\n", encoding="utf-8")
    line = text.splitlines().index(yaml_line) + 1
    with pytest.raises(UsageError) as caught:
        load_class(root, ProblemLog())
    assert f"portfolio.yml:{line}: error: `{key}` must be text, or one line per language" in str(caught.value)
    result = run_portfolio("check", str(root), cwd=tmp_path)
    assert result.returncode == 2 and f"portfolio.yml:{line}: error:" in result.stderr + result.stdout


def test_a_bad_statement_in_targets_yml_names_its_line(tmp_path: Path) -> None:
    targets = copy.deepcopy(TARGETS)
    targets[1]["statement"] = {"en": ["a list"]}
    root = make_class(tmp_path / "c", ES, targets=targets)
    lines = (root / "targets.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  statement:") + 1  # the one statement written as a block: the bad mapping
    with pytest.raises(UsageError, match=rf"targets.yml:{line}: error: `statement` must be text"):
        load_class(root, ProblemLog())


def test_a_missing_language_falls_back_and_check_warns_once(tmp_path: Path) -> None:
    settings, targets = _translated()
    settings["passage"]["title"] = {"en": "Passage"}  # no `es`: Ana's site shows the English one
    targets[0]["statement"] = {"en": "I can observe closely."}
    root = make_class(tmp_path / "c", ES | {"cy": {"student": {"name": "Cy", "language": "es"}}}, settings, targets)
    warnings = [p.format(tmp_path) for p in check(root).warnings]
    title_line = read_yaml_file(root / "portfolio.yml")[1][("passage", "title")]
    assert [w for w in warnings if "passage.title" in w] == [
        f"c/portfolio.yml:{title_line}: warning: `passage.title` has no `es` text: "
        "the sites of Ana, Cy show the English one"
    ]
    assert sum("sci-observe.statement" in w for w in warnings) == 1
    assert len(warnings) == 2, warnings
