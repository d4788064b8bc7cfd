"""The `portfolio` command: parse, call, print problems, map them to exit codes (docs/format.md)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .audit import audit
from .build import BuildOptions, build, check
from .build.keepsake import keepsakes
from .build.links import rotate
from .build.shards import parse_shard
from .build.teacher import make_links
from .content import load_class
from .errors import ProblemLog, Severity, UsageError
from .model import Audience
from .progress import RichProgress, for_terminal

DEFAULT_ROOT = Path("sample_students")
T = TypeVar("T")

root_argument = click.argument(
    "root", required=False, default=DEFAULT_ROOT, type=click.Path(path_type=Path, file_okay=False)
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
teacher_option = click.option(
    "--teacher", default=Path("teacher"), show_default=True, type=click.Path(path_type=Path, file_okay=False),
    help="The teacher folder: secret links, family cards, class matrix (never published).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portfolio")
def main() -> None:
    """Build student portfolio sites from a class folder of markdown."""


@main.command("build")
@root_argument
@click.option("-o", "--output", default=Path("site"), type=click.Path(path_type=Path), help="Where the sites go.")
@click.option("--student", "students", multiple=True, metavar="SLUG", help="Build only this student (repeatable).")
@click.option(
    "--audience",
    type=click.Choice([a.value for a in Audience if a is not Audience.PRIVATE]),
    default=Audience.FAMILY.value,
    show_default=True,
    help="Who the sites are for: family sees family, class and public work; public sees public work only.",
)
@strict_option
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
@teacher_option
@click.option(
    "--shard", default=None, metavar="K/N",
    help="Build only the students of shard K of N, and the class pages; no teacher folder (docs/scale.md).",
)
def build_command(
    root: Path, output: Path, students: tuple[str, ...], audience: str, strict: bool, jobs: int | None,
    teacher: Path, shard: str | None,
) -> None:
    """Build every student's site and the class site into DIR (default ./site)."""
    share = _run(lambda: parse_shard(shard)) if shard is not None else None
    progress = for_terminal()
    options = BuildOptions(
        root=root, output=output, students=students, audience=Audience(audience), jobs=jobs, progress=progress,
        teacher=teacher, shard=share,
    )
    try:
        report = _run(lambda: build(options))
    finally:
        if isinstance(progress, RichProgress):
            progress.close()
    code = _print_problems(report.log, strict)
    click.echo(f"{output}/: {report.summary()}")
    sys.exit(code)


@main.command("keepsake")
@root_argument
@click.option("--student", "students", multiple=True, metavar="SLUG", help="Only this student (repeatable).")
@click.option("-o", "--output", default=Path("keepsakes"), type=click.Path(path_type=Path), help="Where the zips go.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
def keepsake_command(root: Path, students: tuple[str, ...], output: Path, jobs: int | None) -> None:
    """One zip per student, DIR/<slug>.zip (default ./keepsakes): the family site, to open offline from files."""
    progress = for_terminal()
    options = BuildOptions(root=root, output=output, students=students, audience=Audience.FAMILY, jobs=jobs,
                           progress=progress)
    try:
        report = _run(lambda: keepsakes(options))
    finally:
        if isinstance(progress, RichProgress):
            progress.close()
    code = _print_problems(report.log, strict=False)
    click.echo(f"{output}/: {len(report.built)} keepsake(s) made, {len(report.failed)} failed; {report.pieces} pieces")
    sys.exit(code)


@main.command("check")
@root_argument
@strict_option
def check_command(root: Path, strict: bool) -> None:
    """Check the class folder and report every problem; nothing is written."""
    log = _run(lambda: check(root))
    code = _print_problems(log, strict)
    if code == 0:
        click.echo("No problems found." if not log.problems else f"{len(log.warnings)} warning(s), no errors.")
    sys.exit(code)


@main.command("audit")
@root_argument
def audit_command(root: Path) -> None:
    """List, per audience, exactly which pieces and media a build would publish."""
    log = ProblemLog()
    cls = _run(lambda: load_class(root.resolve(), log))
    for line in audit(cls):
        click.echo(line)
    sys.exit(_print_problems(log, strict=False))


@main.command("serve")
@root_argument
@click.option("--student", "student", required=True, metavar="SLUG", help="The student to preview.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve_command(root: Path, student: str, port: int) -> None:
    """Preview one student's site; it rebuilds and reloads when a file is saved."""
    from .serve import serve

    _run(lambda: serve(root, student, port))


@main.group("links")
def links_group() -> None:
    """The secret links of the family sites (kept in the teacher folder)."""


@links_group.command("rotate")
@click.argument("slugs", nargs=-1, required=True, metavar="SLUG...")
@teacher_option
def rotate_command(slugs: tuple[str, ...], teacher: Path) -> None:
    """Give these students new secret links; after the next build their old links no longer work.

    Example: portfolio links rotate maya-rodriguez
    """
    changed = _run(lambda: rotate(teacher, slugs, _links_header(teacher)))
    for slug in changed:
        click.echo(f"{slug}: new secret link; run `portfolio build` to publish it, then print a new card")


@links_group.command("make")
@root_argument
@teacher_option
def make_command(root: Path, teacher: Path) -> None:
    """Make a secret link for every student who has none, and nothing else: run it once before `build --shard`.

    Example: portfolio links make my_class --teacher ~/crew8b-teacher
    """
    made = _run(lambda: make_links(root, teacher, _links_header(teacher)))
    if made is None:
        click.echo(f"{root / 'portfolio.yml'}: `links: names`: family sites need no secret links; nothing written")
    elif made:
        click.echo(f"{teacher / 'links.yml'}: {len(made)} new secret link(s): {', '.join(made)}")
    else:
        click.echo(f"{teacher / 'links.yml'}: every student already has a secret link; nothing written")


def _links_header(teacher: Path) -> str:
    """The comment at the top of links.yml, kept as it is."""
    try:
        first = (teacher / "links.yml").read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return "# Secret links of the family sites (student: secret). Back this file up."
    return first if first.startswith("#") else "# Secret links of the family sites (student: secret)."


def _run(action: Callable[[], T]) -> T:
    """Run a command; what stops it is printed as one line and exits 2, never a traceback."""
    try:
        return action()
    except UsageError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)


def _print_problems(log: ProblemLog, strict: bool) -> int:
    """Print each problem once, sorted; return the exit status (docs/format.md)."""
    failing = False
    for problem in log.sorted():
        if strict and problem.severity is Severity.WARNING:
            problem = type(problem)(problem.path, problem.line, Severity.ERROR, problem.message)
        failing = failing or problem.severity is Severity.ERROR
        click.echo(problem.format(), err=True)
    return 1 if failing else 0
