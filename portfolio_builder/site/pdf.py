"""Printing the teacher's pages to PDF with Chromium through Playwright (the optional `pdf` extra).

Never a browser download: the Chromium the system has (Debian's `chromium`, or Chrome), found on
PATH or named by `PORTFOLIO_CHROMIUM`. One browser prints every page of a build.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

#: Names the system's Chromium goes by, in the order they are tried on PATH.
PROGRAMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Set to a Chromium program to use that one (and only that one).
VARIABLE = "PORTFOLIO_CHROMIUM"
INSTALL = (
    "--pdf needs Chromium and Playwright: sudo apt-get install chromium && pip install 'portfolio-builder[pdf]' "
    f"(or set {VARIABLE} to a Chromium program); the kit pages were written without PDFs"
)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
#: Where paper is US Letter (CLDR's paper sizes); everywhere else prints on A4.
LETTER = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "SV", "NI", "CR", "PA", "DO", "PR", "BZ"}


def chromium() -> str | None:
    """The Chromium program to print with, or None when there is none (or Playwright is missing)."""
    if importlib.util.find_spec("playwright") is None:
        return None
    named = os.environ.get(VARIABLE)
    if named:
        path = Path(named)
        return str(path) if path.is_file() and os.access(path, os.X_OK) else None
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


def engine() -> str:
    """What a build would print with: part of the "did anything change" stamp, so installing it is a change."""
    return f"pdf={chromium() or ''}"


def paper(language: str) -> str:
    """`Letter` where the language's likeliest country prints on Letter (`en` → US), else `A4`.

    The kit is laid out to fit both; this only chooses the PDF's page size.
    """
    from babel import Locale, UnknownLocaleError  # here: every build asks for engine(), few print
    from babel.core import get_global

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return "A4"
    likely = str(get_global("likely_subtags").get(locale.language, ""))  # `en` → `en_Latn_US`
    territory = locale.territory or likely.rsplit("_", 1)[-1]
    return "Letter" if territory in LETTER else "A4"


def print_pdfs(program: str, pages: Sequence[tuple[Path, Path]], paper_size: str) -> None:
    """Print each HTML file (opened from disk, so its images load from beside it) to its PDF.

    Playwright's errors propagate: the caller reports them as one problem.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=program, args=ARGS)
        try:
            page = browser.new_page()
            for html, pdf in pages:
                page.goto(html.resolve().as_uri(), wait_until="load")
                page.pdf(path=str(pdf), format=paper_size, print_background=True, tagged=True, outline=True)
        finally:
            browser.close()
