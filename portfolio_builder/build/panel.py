"""The passage panel kits in the teacher folder: `panel/<slug>/index.html` with its images, and `panel/<slug>.pdf`.

Written into the teacher folder's staging folder, so the kits and PDFs change only when the whole
teacher folder is swapped in. A kit whose inputs did not change is carried over from the last
teacher folder instead of made again (carry.py): a one-piece edit makes one kit. A PDF is printed
from its kit page, so one whose page did not change (byte for byte, images named by their content)
is carried over instead of printed again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import views
from ..errors import ProblemLog
from ..images import ImageSet
from ..model import ClassFolder
from ..views.panel import PanelView
from ..views.parts import Strings
from .carry import Carried, page_key
from .sitekeys import shown_of, sources

FOLDER = "panel"


@dataclass(frozen=True)
class PanelJob:
    """What the kits need from the build: the images it prepared, and whether to print PDFs."""

    images: Mapping[Path, ImageSet]
    pdf: bool
    log: ProblemLog
    cache: Path | None = None  # where compiled templates are kept


def write_panels(
    staging: Path, teacher: Path, cls: ClassFolder, slugs: Collection[str], theme_dir: Path, t: Strings, job: PanelJob,
    carried: Carried, salt: str,
) -> None:
    """Every kit page (carried over when its key is the last build's, carry.py), then the PDFs to print
    (with one browser), else the still-current ones kept."""
    to_print = []
    common = page_key(salt, cls.settings.model_dump_json(), cls.targets, t)
    for student in (s for s in cls.students if s.slug in slugs):
        page = f"{FOLDER}/{student.slug}"
        photos = [(source, shown_of(job.images.get(source))) for source in sources(student)]
        key = page_key(common, student.digest or student, photos)  # the remembered student's digest: no pickling it
        if not carried.carry(page, staging, key):
            view, files = views.panel_view(cls, student, job.images)  # the student changed; maybe not their kit
            shown = page_key(common, view, files)
            if not carried.carry(page, staging, shown, key):
                _write_kit(staging / page, view, files, cls.settings.language, theme_dir, t, job)
                carried.made(page, staging, key, shown)
        html = staging / page / "index.html"
        if _carry_pdf(teacher / FOLDER, staging / FOLDER, student.slug, html):
            continue
        if job.pdf:
            to_print.append((html, staging / FOLDER / f"{student.slug}.pdf"))
    if to_print:
        _print(to_print, cls.settings.language, teacher / FOLDER, job.log)


def _write_kit(
    folder: Path, view: PanelView, files: Mapping[str, Path], language: str, theme_dir: Path, t: Strings,
    job: PanelJob,
) -> None:
    """The kit page and its own copies of the images it shows (a teacher page cannot reach the site's media/)."""
    from ..site import kit  # Jinja: loaded only when a kit is made, while the sites render in the workers

    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    html = kit.render_page(theme_dir, "panel.html", language, cache=job.cache, view=view, t=t)
    page.write_text(html, encoding="utf-8")
    for url, source in files.items():
        (folder / url).parent.mkdir(parents=True, exist_ok=True)
        try:  # the cache's copy, shared: it is never changed in place (site/plugin.py, LinkedFile)
            os.link(source, folder / url)
        except OSError:
            shutil.copyfile(source, folder / url)


def _carry_pdf(old: Path, new: Path, slug: str, page: Path) -> bool:
    """Keep the last build's PDF when the page it was printed from is the same; drop a stale one."""
    try:  # a kit carried over is the same file (a link): known without reading both
        printed = old / slug / "index.html"
        same = printed.samefile(page) or printed.read_bytes() == page.read_bytes()
    except OSError:
        return False
    if not same or not (old / f"{slug}.pdf").is_file():
        return False
    shutil.copy2(old / f"{slug}.pdf", new / f"{slug}.pdf")
    return True


def _print(pages: list[tuple[Path, Path]], language: str, where: Path, log: ProblemLog) -> None:
    """One browser for every PDF; no engine, or a failing one, is one line and no PDFs (the kits stay)."""
    from ..site import pdf

    program = pdf.chromium()
    if program is None:
        log.warning(where, None, pdf.INSTALL)
        return
    try:
        pdf.print_pdfs(program, pages, pdf.paper(language))
    except Exception as exc:  # Playwright's and the browser's own errors: reported, the build goes on
        for _, made in pages:
            made.unlink(missing_ok=True)  # a half-printed PDF is worse than none
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        log.error(where, None, f"Chromium could not print the panel kits ({program}): {first}")
