"""The teacher folder (never published): the secret links, links.csv, family cards, the class matrix, panel kits.

Written whole beside the old folder and swapped in with two renames, after the site: a build
that fails or is killed leaves the teacher folder as it was (docs/publishing.md).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import views
from ..cache import atomic_write, seal, unseal
from ..content.files import slugify, student_folders
from ..content.settings import read_settings
from ..errors import UsageError
from ..model import Audience, ClassFolder
from ..views import cards
from ..views.parts import Strings
from .carry import Carried, page_key, templates_salt
from .links import LINKS_FILE, read_links, with_secrets, write_links
from .options import RESERVED_SLUGS
from .output import alive, left_by, remove_now
from .panel import FOLDER as PANEL
from .panel import PanelJob, write_panels
from .preflight import refuse_unsafe_teacher

#: What a build makes in the teacher folder; anything else a teacher keeps there is left alone.
MADE = {LINKS_FILE, "links.csv", "cards", "matrix", PANEL}


def make_links(root: Path, teacher: Path, header: str) -> list[str] | None:
    """A secret for every student folder that has none, written to links.yml alone: the step before sharded builds.

    The folders are only listed, never read: one slug per folder is all a secret needs, and a
    district's folders are listed in a moment where reading them all would take minutes.
    None when the class keeps readable addresses (`links: names`): nothing is written then.
    """
    root, teacher = root.resolve(), teacher.resolve()
    if not root.is_dir():
        raise UsageError(f"{root}: error: there is no class folder here (expected a folder with portfolio.yml inside)")
    if read_settings(root).links != "secret":
        return None
    refuse_unsafe_teacher(teacher, root, None)
    kept = read_links(teacher)  # a damaged links.yml stops here, unchanged
    slugs = {slugify(folder.name) for folder in student_folders(root)} - RESERVED_SLUGS - {""}
    made = sorted(slugs - set(kept))
    if made:
        teacher.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_links(teacher, with_secrets(kept, made), header)
    return made


def teacher_staging(teacher: Path) -> Path:
    """An empty folder beside the teacher folder, where the next one is made before it is swapped in."""
    teacher.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(teacher)
    return Path(tempfile.mkdtemp(prefix=f".{teacher.name}.building-{os.getpid()}-", dir=teacher.parent))


def _remove_abandoned(teacher: Path) -> None:
    """What a build that was killed left beside the teacher folder (the old folder, a half-made one): both hold
    the secret links. Left by a process that is gone, or by one that had this build's number before (in a
    container, numbers come round again): this build has made neither yet."""
    for folder in [*teacher.parent.glob(f".{teacher.name}.old-*"), *teacher.parent.glob(f".{teacher.name}.building-*")]:
        pid = left_by(folder)
        if pid is None or pid == os.getpid() or not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def fill_teacher_folder(
    staging: Path, teacher: Path, cls: ClassFolder, links: dict[str, str] | None, places: Mapping[str, str],
    audience: Audience, theme_dir: Path, words: Callable[[str], Strings], panel: PanelJob, cache: Path | None = None,
) -> None:
    """Make the whole teacher folder in `staging`: links, cards, matrix, the panel kits (and their PDFs).

    A page whose key is the last build's is carried over (carry.py): a text-only edit loads no Jinja here.
    """
    _keep_others(teacher, staging, keep_links=links is None)
    t = words(cls.settings.language)
    if links is not None:
        write_links(staging, links, str(t["links_header"]))
    (staging / "links.csv").write_text(_links_csv(cls, places), encoding="utf-8")
    carried, salt = Carried(cache, teacher), templates_salt(theme_dir)
    settings = cls.settings.model_dump_json()
    languages = sorted({cls.settings.language, *(s.language for s in cls.students if s.language)})
    who = [(s.slug, s.name, s.language) for s in cls.students]
    cards_key = page_key(salt, settings, who, dict(places), [words(language) for language in languages])
    if not carried.carry("cards", staging, cards_key):
        view = views.cards_view(cls, places, words, _remembered_qr(cache))
        _page(staging / "cards", _render(theme_dir, "cards.html", cls, cache, view=view, t=t))
        carried.made("cards", staging, cards_key)
    matrix = views.matrix_view(cls, audience, t)
    matrix_key = page_key(salt, settings, matrix, t)
    if not carried.carry("matrix", staging, matrix_key):
        _page(staging / "matrix", _render(theme_dir, "matrix.html", cls, cache, view=matrix, t=t))
        carried.made("matrix", staging, matrix_key)
    write_panels(staging, teacher, cls, places, theme_dir, t, panel, carried, salt)
    carried.save()


def _render(theme_dir: Path, template: str, cls: ClassFolder, cache: Path | None, **context: object) -> str:
    from ..site import kit  # Jinja: loaded only when a page is made, while the sites render in the workers

    return kit.render_page(theme_dir, template, cls.settings.language, cache=cache, **context)


def _remembered_qr(cache: Path | None) -> Callable[[str], str]:
    """QR codes kept sealed in the cache: the same link gives the same code, and each costs 15 ms to make."""
    if cache is None:
        return cards.qr_svg

    def qr(link: str) -> str:
        path = cache / "qr" / f"{hashlib.sha256(link.encode()).hexdigest()[:32]}.svg"
        try:
            if (known := unseal(cache, path.read_bytes())) is not None:
                return known.decode()
        except OSError:
            pass
        made = cards.qr_svg(link)
        if sealed := seal(cache, made.encode()):  # sealed: the cards print it as markup
            atomic_write(path, sealed)
        return made

    return qr


def _keep_others(teacher: Path, staging: Path, keep_links: bool) -> None:
    """What the teacher keeps in the folder besides what a build makes (and links.yml when not rewritten)."""
    if not teacher.is_dir():
        return
    for entry in teacher.iterdir():
        if entry.name not in MADE or (keep_links and entry.name == LINKS_FILE):
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, staging / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, staging / entry.name, follow_symlinks=False)


def _links_csv(cls: ClassFolder, places: Mapping[str, str]) -> str:
    """slug,name,language,path — the path relative to the output folder."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["slug", "name", "language", "path"])
    for student in cls.students:
        if student.slug in places:
            language = student.language or cls.settings.language
            writer.writerow([student.slug, _as_text(student.name), language, f"{places[student.slug]}/"])
    return out.getvalue()


def _as_text(cell: str) -> str:
    """A name a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `@…`) kept as text with a leading `'`."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _page(folder: Path, html: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(html, encoding="utf-8")


def swap_teacher_folder(
    staging: Path, teacher: Path, discard: Callable[[Path], None] = remove_now
) -> None:
    """The finished folder in place of the old one, for the teacher's eyes only (mode 0700).

    `discard` removes the old one (in an idle worker, workers.py); one left by a stopped build is
    removed by `remove_retired_teacher`."""
    os.chmod(staging, 0o700)  # the secrets: for the teacher's eyes
    if not teacher.exists():
        os.replace(staging, teacher)
        return
    retired = retired_teacher(teacher)
    os.replace(teacher, retired)
    os.replace(staging, teacher)
    discard(retired)


def retired_teacher(teacher: Path) -> Path:
    """Where this build moves the old teacher folder while the new one takes its place."""
    return teacher.with_name(f".{teacher.name}.old-{os.getpid()}")


def remove_retired_teacher(teacher: Path) -> None:
    """The old teacher folder, if this build's removal of it did not get to run."""
    shutil.rmtree(retired_teacher(teacher), ignore_errors=True)
