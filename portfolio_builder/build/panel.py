"""The passage panel kits in the teacher folder: `panel/<slug>/index.html` with its images, and `panel/<slug>.pdf`.

Written into the teacher folder's staging folder, so the kits and PDFs change only when the whole
teacher folder is swapped in. A kit whose inputs did not change (its key, kept in the build cache)
is carried over from the last teacher folder instead of made again: a one-piece edit makes one kit.
A PDF is printed from its kit page, so one whose page did not change (byte for byte, images named
by their content) is carried over instead of printed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import views
from ..cache import atomic_write, seal, unseal
from ..errors import ProblemLog
from ..images import ImageSet
from ..model import ClassFolder, Student
from ..site.paths import data_root
from ..views.parts import Strings
from .sitekeys import sources
from .state import site_salt

FOLDER = "panel"
#: In the cache: the teacher folder the kits were last made in, and each kit's key.
KEYS = "panels.json"


@dataclass(frozen=True)
class PanelJob:
    """What the kits need from the build: the images it prepared, and whether to print PDFs."""

    images: Mapping[Path, ImageSet]
    pdf: bool
    log: ProblemLog
    cache: Path | None = None  # where compiled templates are kept


def write_panels(
    staging: Path, teacher: Path, cls: ClassFolder, slugs: Collection[str], theme_dir: Path, t: Strings, job: PanelJob,
) -> None:
    """Every kit page (carried over when its key is the last build's), then the PDFs to print (with one
    browser), else the still-current ones kept."""
    to_print = []
    before, keys = _read_keys(job.cache, teacher), {}
    common = _common_key(cls, theme_dir, t)
    for student in (s for s in cls.students if s.slug in slugs):
        folder = staging / FOLDER / student.slug
        key = _kit_key(common, student, job.images)
        if not _carry_kit(teacher / FOLDER / student.slug, folder, before.get(student.slug), key):
            _write_kit(folder, cls, student, theme_dir, t, job)
        html = folder / "index.html"
        keys[student.slug] = f"{key} {_digest(html)}"
        if _carry_pdf(teacher / FOLDER, staging / FOLDER, student.slug, html):
            continue
        if job.pdf:
            to_print.append((html, staging / FOLDER / f"{student.slug}.pdf"))
    _write_keys(job.cache, teacher, keys)
    if to_print:
        _print(to_print, cls.settings.language, teacher / FOLDER, job.log)


def _common_key(cls: ClassFolder, theme_dir: Path, t: Strings) -> bytes:
    """What every kit is made from besides its student: the tool, both themes' files, the class, the words."""
    salt = site_salt(theme_dir) + site_salt(data_root() / "themes" / "portfolio")  # teacher/ may fall back
    made_from = (salt, cls.settings.model_dump_json(), cls.targets, t)
    return hashlib.sha256(pickle.dumps(made_from, protocol=5)).digest()


def _kit_key(common: bytes, student: Student, images: Mapping[Path, ImageSet]) -> str:
    """A kit's key: the class's part, the remembered student's digest (else the student), their photos' sizes."""
    photos = [(source, images.get(source)) for source in sources(student)]
    return hashlib.sha256(common + pickle.dumps((student.digest or student, photos), protocol=5)).hexdigest()


def _read_keys(cache: Path | None, teacher: Path) -> dict[str, str]:
    """The kits' keys of the last build into this teacher folder (sealed: never trusted unread)."""
    try:
        known = json.loads(unseal(cache, (cache / KEYS).read_bytes()) or b"{}") if cache else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict) or known.get("teacher") != str(teacher) or not isinstance(known.get("keys"), dict):
        return {}
    return {k: v for k, v in known["keys"].items() if isinstance(v, str)}


def _write_keys(cache: Path | None, teacher: Path, keys: dict[str, str]) -> None:
    if cache is not None and (sealed := seal(cache, json.dumps({"teacher": str(teacher), "keys": keys}).encode())):
        atomic_write(cache / KEYS, sealed)


def _carry_kit(old: Path, new: Path, kept: str | None, key: str) -> bool:
    """The last build's kit, linked into the new folder (its page and its photos), when it was made from
    the same inputs (`key`) and its page is still the one that build wrote (`kept`: key and page digest)."""
    if kept is None or old.is_symlink() or kept != f"{key} {_digest(old / 'index.html')}":
        return False
    try:
        shutil.copytree(old, new, symlinks=True, copy_function=_link)
    except (OSError, shutil.Error):
        shutil.rmtree(new, ignore_errors=True)
        return False
    return True


def _digest(page: Path) -> str:
    try:
        return hashlib.sha256(page.read_bytes()).hexdigest()
    except OSError:
        return ""


def _link(source: str, target: str) -> None:
    """A kit's files are never changed in place (a new build writes new ones), so a link serves as a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_kit(folder: Path, cls: ClassFolder, student: Student, theme_dir: Path, t: Strings, job: PanelJob) -> None:
    """The kit page and its own copies of the images it shows (a teacher page cannot reach the site's media/)."""
    from ..site import kit  # Jinja: loaded while the sites render in the workers

    view, files = views.panel_view(cls, student, job.images)
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    html = kit.render_page(theme_dir, "panel.html", cls.settings.language, cache=job.cache, view=view, t=t)
    page.write_text(html, encoding="utf-8")
    for url, source in files.items():
        (folder / url).parent.mkdir(parents=True, exist_ok=True)
        try:  # the cache's copy, shared: it is never changed in place (site/plugin.py, LinkedFile)
            os.link(source, folder / url)
        except OSError:
            shutil.copyfile(source, folder / url)


def _carry_pdf(old: Path, new: Path, slug: str, page: Path) -> bool:
    """Keep the last build's PDF when the page it was printed from is the same; drop a stale one."""
    try:
        same = (old / slug / "index.html").read_bytes() == page.read_bytes()
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
