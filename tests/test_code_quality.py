"""The code stays ruff-clean and typed (STYLE.md §11): checked with every test run."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "portfolio_builder"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
