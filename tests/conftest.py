"""Shared fixtures: a per-test image cache and the sample class built once per session."""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_students"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep tests' image caches out of the user's cache (the command inherits this variable)."""
    os.environ["PORTFOLIO_CACHE"] = str(tmp_path_factory.getbasetemp() / "cache")


def run_portfolio(
    *args: str, cwd: Path, cache: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `portfolio` command as a user would (optionally with its own image cache, or other variables)."""
    env = {**os.environ, **({"PORTFOLIO_CACHE": str(cache)} if cache else {}), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "portfolio_builder", *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=600,
    )


def site_of(site: Path, slug: str) -> Path:
    """A student's site in a built folder: behind its secret link (teacher/links.csv beside it) or at <slug>/."""
    table = site.parent / "teacher" / "links.csv"
    if table.is_file():
        for row in csv.DictReader(table.read_text(encoding="utf-8").splitlines()):
            if row["slug"] == slug:
                return site / row["path"].rstrip("/")
    return site / slug


@pytest.fixture(scope="session")
def at(sample_site: Path) -> Callable[[str], str]:
    """A student's address inside the sample site, for URLs: `s/<secret>` (or the slug)."""
    return lambda slug: site_of(sample_site, slug).relative_to(sample_site).as_posix()


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


# --- Debian's Chromium through Playwright (never a browser download) ---------------------

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

def need_chromium() -> None:
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    if os.environ.get("CI"):
        pytest.fail("Debian's chromium is missing: CI must install it (apt-get install chromium)")
    pytest.skip("browser tests need Debian's chromium: sudo apt-get install chromium")


@pytest.fixture(scope="session")
def server(sample_site: Path) -> Iterator[str]:
    """The sample class's site over HTTP on localhost."""
    with serving(sample_site) as url:
        yield url


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
