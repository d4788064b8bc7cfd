"""`portfolio new`: a student's first file, or a new piece, from a commented template.

The template shows every key with a YAML comment that explains it, and lists this class's
targets, passage sections and share choices, so a student can start without the format
reference. Templates live in the theme (`themes/portfolio/new/<kind>.<language>.md`), one per
language, so a teacher can translate or reword them without touching Python.

This is the only code that writes into a class folder: one new file, never over one that exists.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..build.options import RESERVED_SLUGS
from ..content.files import THEMES, read_document, scan_students, slugify
from ..errors import ContentError, UsageError, did_you_mean, display_path
from ..model import ClassSettings, Target
from ..site.theme import data_root, theme_dir
from .classinfo import in_language, read_class

TEMPLATES = "new"


def new_student(root: Path, name: str, schemas: Path | None = None) -> Path:
    """Make `ROOT/<slug>/student.md` for a new student; refuse a name that is taken or unusable."""
    settings, targets = read_class(root)
    slug = slugify(name)
    if not slug:
        raise UsageError(f"`{name}`: error: a student's name needs letters or digits")
    if slug in RESERVED_SLUGS or slug == THEMES:
        raise UsageError(f"`{name}`: error: `{slug}` is a name the class site uses: add a family name or an initial")
    taken = {folder.slug: folder.path for folder in scan_students(root)}
    if slug in taken and taken[slug].name != slug:
        raise UsageError(
            f"{display_path(taken[slug])}: error: this folder is already the student `{slug}`: "
            "use it, or choose another name"
        )
    path = root / slug / "student.md"
    context = {**_context(settings, targets, settings.language), "name": name.strip()}
    _write_new(path, _render(root, settings, "student", settings.language, _with_schema(context, path, schemas)))
    return path


def new_piece(root: Path, title: str, student: str, day: dt.date, schemas: Path | None = None) -> Path:
    """Make `ROOT/<student>/<date>-<title-slug>.md`, in the student's own language when they chose one."""
    settings, targets = read_class(root)
    folder = student_folder(root, student)
    slug = slugify(title)
    if not slug:
        raise UsageError(f"`{title}`: error: a piece's title needs letters or digits")
    path = folder / f"{day.isoformat()}-{slug}.md"
    language = _language_of(folder) or settings.language
    context = {**_context(settings, targets, language), "title": title.strip(), "date": day.isoformat()}
    _write_new(path, _render(root, settings, "piece", language, _with_schema(context, path, schemas)))
    return path


def student_folder(root: Path, slug: str) -> Path:
    """The folder of the student `slug`; an unknown one is a usage error with the closest name."""
    folders = {folder.slug: folder.path for folder in scan_students(root)}
    if slug not in folders:
        raise UsageError(f"--student {slug}: error: there is no student `{slug}`{did_you_mean(slug, folders)}")
    return folders[slug]


def _language_of(folder: Path) -> str | None:
    """The `language:` a student chose in student.md, if it can be read (a broken file is `check`'s business)."""
    try:
        meta = read_document(folder / "student.md").meta
    except ContentError:
        return None
    language = meta.get("language")
    return language if isinstance(language, str) and language else None


def _context(settings: ClassSettings, targets: dict[str, Target], language: str) -> dict[str, Any]:
    """What every template may list: the class's choices, in the language of the template."""
    agenda = settings.conference.agenda if settings.conference else []
    return {
        "targets": list(targets.values()),
        "example_target": next(iter(targets), "ela-reading"),
        "sections": settings.passage.sections,
        "example_section": settings.passage.sections[0].id if settings.passage.sections else "growth",
        "levels": settings.scale,
        "share": settings.share,
        "units": [(unit.id, in_language(unit.title, language)) for unit in settings.units],
        "agenda": [(item.id, in_language(item.title, language)) for item in agenda],
        "year": dt.date.today().year,
        "schema": None,
    }


def _with_schema(context: dict[str, Any], path: Path, schemas: Path | None) -> dict[str, Any]:
    """Name the kind's schema in a modeline when it has been written, as a path from the new file."""
    kind = "student" if path.name == "student.md" else "piece"
    schema = schemas / f"{kind}.schema.json" if schemas else None
    if schema is None or not schema.is_file():
        return context
    return {**context, "schema": Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()}


def _render(root: Path, settings: ClassSettings, kind: str, language: str, context: dict[str, Any]) -> str:
    """The template `<kind>.<language>.md` of the class's theme (English when there is none)."""
    folders = [theme_dir(settings.theme, root) / TEMPLATES, data_root() / "themes" / "portfolio" / TEMPLATES]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders if folder.is_dir()]),
        autoescape=False,  # markdown and YAML, not HTML: values go through `yaml` or `line` instead
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = yaml_scalar
    env.filters["line"] = one_line
    return env.select_template([f"{kind}.{language}.md", f"{kind}.en.md"]).render(context)


def yaml_scalar(value: str) -> str:
    """A value YAML reads back as the same text: `Test: 3` or `yes` are quoted, `Maya` is not."""
    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("...\n").strip()


def one_line(value: str) -> str:
    """A text that stays inside one YAML comment line, whatever the teacher wrote."""
    return re.sub(r"\s+", " ", value).strip()


def _write_new(path: Path, text: str) -> None:
    """Write a new file; one that exists (a student's work) is never replaced."""
    try:
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise UsageError(
            f"{display_path(path)}: error: this file already exists, so nothing was made: "
            "open it to change it, or choose another name"
        ) from None
