"""The code stays ruff-clean and typed (docs/architecture.md): checked with every test run."""

from __future__ import annotations

import statistics
import subprocess
import sys

from conftest import REPO


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "portfolio_builder", "tests", "benchmarks"], cwd=REPO, capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def _shape():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "tools"))
    from code_shape import measure

    return measure()


def test_the_folders_show_the_pipeline() -> None:
    """No module over 400 lines, MkDocs only in the site layer, no import circle (docs/architecture.md)."""
    shape = _shape()
    assert max(shape.lines.values()) <= 400, max(shape.lines.items(), key=lambda item: item[1])
    assert shape.mkdocs and all(name.startswith("portfolio_builder.site.") for name in shape.mkdocs), shape.mkdocs
    assert shape.circles == []
    assert statistics.median(shape.functions) <= 10


def test_data_flows_one_way() -> None:
    """content → views → site → build: no stage imports a later one."""
    import ast

    order = ["content", "views", "site", "build"]
    for stage_index, stage in enumerate(order):
        for path in (REPO / "portfolio_builder" / stage).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.ImportFrom) and node.level >= 2:
                    target = (node.module or "").split(".")[0]
                    assert target not in order[stage_index + 1:], f"{path.name} ({stage}) imports {target}"
