"""Shared fixtures: a per-test image cache and the sample class built once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_students"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep tests' image caches out of the user's cache (the command inherits this variable)."""
    os.environ["PORTFOLIO_CACHE"] = str(tmp_path_factory.getbasetemp() / "cache")


def run_portfolio(*args: str, cwd: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `portfolio` command as a user would (optionally with its own image cache)."""
    env = {**os.environ, **({"PORTFOLIO_CACHE": str(cache)} if cache else {})}
    return subprocess.run(
        [sys.executable, "-m", "portfolio_builder", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample class built once, end to end, with the real command; the class folder stays untouched."""
    from sitecheck import tree_digest

    work = tmp_path_factory.mktemp("sample")
    before = tree_digest(SAMPLE)
    result = run_portfolio("build", str(SAMPLE), "-o", str(work / "site"), cwd=work)
    assert result.returncode == 0, result.stderr
    assert tree_digest(SAMPLE) == before, "the build wrote into sample_students/"
    return work / "site"
