"""`portfolio new` writes a commented template `check` accepts; `portfolio schema` describes the four file kinds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from classmaker import SETTINGS, TARGETS, make_class, write_doc
from conftest import SAMPLE, run_portfolio

from portfolio_builder.content.files import read_document, read_yaml_file

TODAY = dt.date.today().isoformat()


def _class(tmp_path: Path, **settings: Any) -> Path:
    return make_class(tmp_path / "class", {"ana": {}}, settings={**SETTINGS, **settings})


def _front(path: Path) -> dict[str, Any]:
    return read_document(path).meta


# --- portfolio new ---------------------------------------------------------------------


def test_new_student_explains_every_key_and_check_accepts_it(tmp_path: Path) -> None:
    root = _class(tmp_path)
    result = run_portfolio("new", "student", "Léa Martin: 2nd", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = root / "lea-martin-2nd" / "student.md"
    assert "class/lea-martin-2nd/student.md" in result.stdout
    assert "portfolio check --student lea-martin-2nd" in result.stdout
    assert len(result.stdout.splitlines()) <= 2
    text = path.read_text(encoding="utf-8")
    assert _front(path)["name"] == "Léa Martin: 2nd"  # quoted where YAML needs it
    keys = ("name:", "grade:", "pronouns:", "photo:", "language:", "goals:", "target:", "by:", "status:", "checkins:")
    for key in keys:
        assert key in text, key
    for target in TARGETS:
        assert f"{target['id']}: {target['statement']}" in text
    check = run_portfolio("check", str(root), "--student", "lea-martin-2nd", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "error" not in check.stderr


def test_new_piece_is_dated_today_lists_the_class_choices_and_passes_check(tmp_path: Path) -> None:
    root = _class(tmp_path)
    result = run_portfolio("new", "piece", "Bridge: test #1", "--student", "ana", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = root / "ana" / f"{TODAY}-bridge-test-1.md"
    assert _front(path) == {"title": "Bridge: test #1", "date": TODAY}
    text = path.read_text(encoding="utf-8")
    for key in ("subject:", "kind:", "share:", "celebrate:", "targets:", "media:", "series:", "feedback:", "passage:"):
        assert f"# {key}" in text, key
    for choice in ("private:", "family:", "class:", "public:"):
        assert choice in text
    assert "growth: How I have grown" in text and "character: Habits of character" in text
    assert "sci-observe: I can observe closely." in text and "1 Beginning, 2 Approaching, 3 Meets, 4 Exceeds" in text
    check = run_portfolio("check", str(root), cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert f"{path.name}:1: warning: this piece has no targets" in check.stderr


def test_templates_follow_the_class_language_and_the_students(tmp_path: Path) -> None:
    root = _class(tmp_path, language="es")
    assert run_portfolio("new", "student", "Sofía", str(root), cwd=tmp_path).returncode == 0
    assert "Sobre ti." in (root / "sofia" / "student.md").read_text(encoding="utf-8")
    english = make_class(tmp_path / "english", {"sofia": {"student": {"name": "Sofía", "language": "es"}}, "ana": {}})
    for student, words in (("sofia", "Sobre este trabajo."), ("ana", "About this piece.")):
        assert run_portfolio("new", "piece", "Cartel", "--student", student, str(english), cwd=tmp_path).returncode == 0
        assert words in (english / student / f"{TODAY}-cartel.md").read_text(encoding="utf-8")


def test_new_never_overwrites_a_file(tmp_path: Path) -> None:
    root = _class(tmp_path)
    piece = write_doc(root / "ana" / "2026-10-03-bridge.md", {"title": "My own words"})
    before = piece.read_bytes()
    again = run_portfolio("new", "piece", "Bridge", "--student", "ana", "--date", "2026-10-03", str(root), cwd=tmp_path)
    assert again.returncode == 2 and piece.read_bytes() == before
    assert again.stderr.splitlines() == [
        "class/ana/2026-10-03-bridge.md: error: this file already exists, so nothing was made: "
        "open it to change it, or choose another name"
    ]
    student = root / "ana" / "student.md"
    before = student.read_bytes()
    result = run_portfolio("new", "student", "Ana", str(root), cwd=tmp_path)
    assert result.returncode == 2 and student.read_bytes() == before and len(result.stderr.splitlines()) == 1


def test_new_piece_for_an_unknown_student_says_did_you_mean(tmp_path: Path) -> None:
    root = _class(tmp_path)
    result = run_portfolio("new", "piece", "Bridge", "--student", "anna", str(root), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["--student anna: error: there is no student `anna` — did you mean `ana`?"]
    assert sorted(p.name for p in (root / "ana").iterdir()) == ["student.md"]


def test_new_names_the_schema_in_a_modeline_when_it_is_written(tmp_path: Path) -> None:
    root = _class(tmp_path)
    assert run_portfolio("schema", str(root), cwd=tmp_path).returncode == 0
    assert run_portfolio("new", "piece", "Bridge", "--student", "ana", str(root), cwd=tmp_path).returncode == 0
    first = (root / "ana" / f"{TODAY}-bridge.md").read_text(encoding="utf-8").splitlines()[1]
    assert first == "# yaml-language-server: $schema=../../schemas/piece.schema.json"
    assert (root / "ana" / "../../schemas/piece.schema.json").resolve() == (tmp_path / "schemas" / "piece.schema.json")


# --- portfolio schema -------------------------------------------------------------------


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The sample class's four schemas, written by the real command."""
    out = tmp_path_factory.mktemp("schemas") / "schemas"
    result = run_portfolio("schema", str(SAMPLE), "-o", str(out), cwd=out.parent)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["piece.schema.json", "portfolio.schema.json", "student.schema.json", "targets.schema.json"]
    return {name.split(".")[0]: json.loads((out / name).read_text(encoding="utf-8")) for name in names}


def _problems(schema: dict[str, Any], data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


def _kind(path: Path) -> str:
    return path.stem if path.suffix == ".yml" else "student" if path.name == "student.md" else "piece"


def test_every_sample_file_fits_its_schema(schemas: dict[str, dict[str, Any]]) -> None:
    files = [SAMPLE / "portfolio.yml", SAMPLE / "targets.yml", *sorted(SAMPLE.glob("[!_]*/**/*.md"))]
    assert len(files) > 40
    for path in files:
        data = read_yaml_file(path)[0] if path.suffix == ".yml" else _front(path)
        assert _problems(schemas[_kind(path)], data) == [], path


PIECE = {"title": "Bridge", "date": "2026-10-03", "targets": {"sci-design": {"level": 3, "self": 2}}}

MISTAKES = [
    ({"targets": ["sci-desing"]}, "'sci-desing' is not valid"),
    ({"targets": {"sci-desing": 3}}, "'sci-desing' was unexpected"),
    ({"targets": [{"sci-design": 3}, {"sci-tets": 2}]}, "is not valid under any of the given schemas"),
    ({"share": "friends"}, "'friends' is not valid"),
    ({"targets": {"sci-design": 7}}, "7 is not valid under any of the given schemas"),
    ({"targets": {"sci-design": {"level": 3, "self": 7}}}, "is not valid under any of the given schemas"),
    ({"celebrate": "maybe"}, "'maybe' is not of type 'boolean'"),
    ({"passage": ["growth", "growht"]}, "is not valid under any of the given schemas"),
    ({"date": "2026-02-30"}, "'2026-02-30' is not valid"),
    ({"celebrte": True}, "'celebrte' was unexpected"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), MISTAKES, ids=[str(m[0]) for m in MISTAKES])
def test_usual_piece_mistakes_are_rejected(schemas: dict[str, dict[str, Any]], change: dict, message: str) -> None:
    assert _problems(schemas["piece"], PIECE) == []
    problems = _problems(schemas["piece"], {**PIECE, **change})
    assert any(message in problem for problem in problems), problems


def test_a_missing_title_and_a_goals_unknown_target_are_rejected(schemas: dict[str, dict[str, Any]]) -> None:
    assert _problems(schemas["piece"], {"date": "2026-10-03"}) == ["'title' is a required property"]
    student = {"name": "Maya", "goals": [{"goal": "Read every night.", "target": "ela-reeding"}]}
    assert any("'ela-reeding' is not one of" in p for p in _problems(schemas["student"], student))
    assert _problems(schemas["student"], {**student, "goals": [{"goal": "Read.", "target": "ela-reading"}]}) == []


def test_keys_a_student_writes_are_described(schemas: dict[str, dict[str, Any]]) -> None:
    for kind in ("student", "piece"):
        for key, spec in schemas[kind]["properties"].items():
            assert spec.get("description"), (kind, key)
    assert "sci-design: I can compare design solutions" in schemas["piece"]["properties"]["targets"]["items"][
        "anyOf"][0]["description"]  # fmt: skip


def test_schemas_are_refused_inside_the_class_folder(tmp_path: Path) -> None:
    root = _class(tmp_path)
    result = run_portfolio("schema", str(root), "-o", str(root / "schemas"), cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "must go outside the class folder" in result.stderr and not (root / "schemas").exists()
