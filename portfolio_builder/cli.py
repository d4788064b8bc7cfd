"""The `portfolio` command: parse, call, print problems, map them to exit codes (docs/format.md)."""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TypeVar

import click

from . import __version__
from .audience import Audience
from .build.options import BuildOptions
from .build.orchestrate import build, check
from .build.shards import parse_shard
from .errors import ProblemLog, Severity, UsageError, display_path
from .progress import RichProgress, for_terminal
from .where import beside, class_root

# The other commands' modules are imported inside them: `portfolio build` with nothing changed
# answers in a fraction of a second only if it does not load what it never uses (docs/scale.md).

T = TypeVar("T")


def _root(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """ROOT as given, or the class folder here, or ./sample_students; in a student's folder: go up."""
    return _run(lambda: class_root(value))


root_argument = click.argument(
    "root", required=False, default=None, callback=_root, type=click.Path(path_type=Path, file_okay=False)
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
teacher_option = click.option(
    "--teacher", default=None, type=click.Path(path_type=Path, file_okay=False),
    help="The teacher folder: secret links, family cards, class matrix (never published) [./teacher].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="portfolio")
def main() -> None:
    """Build student portfolio sites from a class folder of markdown.

    ROOT, the class folder, is the current folder when it holds portfolio.yml, else ./sample_students.

    \b
    Examples:
      portfolio new student "Maya Rodríguez"         a new student's folder and student.md
      portfolio new piece "Bridge test" --student maya-rodriguez
      portfolio check --student maya-rodriguez       Maya's problems only
      portfolio build                                every site into ./site, links into ./teacher
    """
    # Pydantic hands every model it checks to the plugins installed beside it (an observability tool, say): students'
    # writing is for their portfolio only, so none is loaded. Nor is every installed package's list of entry points
    # read to find them (12 ms of each build; docs/privacy.md).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def run() -> None:
    """The `portfolio` command: `main`, then out at once, without taking the interpreter apart first.

    Python frees every module and object one by one as it stops, 30 ms after a one-piece edit of a
    30-student class that a teacher waits for and nothing needs (docs/scale.md). All an exit does
    besides still happens: other threads are waited for, exit handlers run, output is flushed.
    Only when this is the program (`portfolio`, `python -m portfolio_builder`): `main` called from
    Python, or this module run inside another program (a test's, a profiler's), returns as always.
    """
    if not _the_program(sys._getframe(1)):
        main()
        return
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    if code is not None and not isinstance(code, int):  # `sys.exit("message")`, as Python prints it
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`| head`): nothing more can be said
        pass
    os._exit(code or 0)


def _the_program(caller: FrameType) -> bool:
    """Whether `caller` is the program's own code: the `portfolio` script's, or this package's `__main__`
    run by `python -m` (Python's runpy below it, and nothing else that would go on afterwards)."""
    below = []
    frame = caller.f_back
    while frame is not None:
        below.append(frame.f_code.co_name)
        frame = frame.f_back
    return caller.f_code.co_name == "<module>" and below in ([], ["_run_code", "_run_module_as_main"])


@main.command("build")
@root_argument
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path), help="Where the sites go [./site].")
@click.option("--student", "students", multiple=True, metavar="SLUG", help="Build only this student (repeatable).")
@click.option(
    "--audience",
    type=click.Choice([a.value for a in Audience if a is not Audience.PRIVATE]),
    default=Audience.FAMILY.value,
    show_default=True,
    help="Who the sites are for: family sees family, class and public work; public sees public work only.",
)
@strict_option
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: cores; one when only one student's writing changed).")
@teacher_option
@click.option("--pdf", is_flag=True,
              help="Also print each passage panel kit to TEACHER/panel/<slug>.pdf (needs Chromium and Playwright).")
@click.option(
    "--shard", default=None, metavar="K/N",
    help="Build only the students of shard K of N, and the class pages; no teacher folder (docs/scale.md).",
)
def build_command(
    root: Path, output: Path, students: tuple[str, ...], audience: str, strict: bool, jobs: int | None,
    teacher: Path | None, pdf: bool, shard: str | None,
) -> None:
    """Build every student's site and the class site into DIR (default ./site).

    Run in the class folder, the site and the teacher folder go beside it (../site, ../teacher).

    \b
    Examples:
      portfolio build
      portfolio build crew8b -o public_html --student maya-rodriguez
    """
    # Python's cycle collector stays off in this process, which ends with the build: the class, its views and keys
    # live until then, and the collector walked them again and again to free about a thousand objects (0.1 s of a
    # one-piece edit on the 30-student class; docs/scale.md). The workers keep theirs (build/workers.py).
    gc.disable()
    output = output or beside(root, "site")
    teacher = teacher or beside(root, "teacher")
    share = _run(lambda: parse_shard(shard)) if shard is not None else None
    progress = for_terminal()
    options = BuildOptions(
        root=root, output=output, students=students, audience=Audience(audience), jobs=jobs, progress=progress,
        teacher=teacher, pdf=pdf, shard=share,
    )
    try:
        report = _run(lambda: build(options))
    finally:
        if isinstance(progress, RichProgress):
            progress.close()
    code = _print_problems(report.log, strict)
    click.echo(f"{output}/: {report.summary()}")
    gc.freeze()  # nor at the exit: the interpreter's last collection walked every object again (0.1 s, docs/scale.md)
    sys.exit(code)


@main.command("keepsake")
@root_argument
@click.option("--student", "students", multiple=True, metavar="SLUG", help="Only this student (repeatable).")
@click.option("-o", "--output", default=Path("keepsakes"), type=click.Path(path_type=Path), help="Where the zips go.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
def keepsake_command(root: Path, students: tuple[str, ...], output: Path, jobs: int | None) -> None:
    """One zip per student, DIR/<slug>.zip (default ./keepsakes): the family site, to open offline from files."""
    from .build.keepsake import keepsakes

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
@click.option("--student", "students", multiple=True, metavar="SLUG", help="Only this student's problems (repeatable).")
@strict_option
def check_command(root: Path, students: tuple[str, ...], strict: bool) -> None:
    """Check the class folder and report every problem; nothing is written.

    \b
    Examples:
      portfolio check
      portfolio check --student maya-rodriguez
    """
    log = _run(lambda: check(root, students))
    code = _print_problems(log, strict)
    if code == 0:
        click.echo("No problems found." if not log.problems else f"{len(log.warnings)} warning(s), no errors.")
    sys.exit(code)


@main.command("audit")
@root_argument
def audit_command(root: Path) -> None:
    """List, per audience, exactly which pieces and media a build would publish.

    \b
    Example:
      portfolio audit crew8b
    """
    from .audit import audit
    from .content.students import load_class

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
    """Preview one student's site; it rebuilds and reloads when a file is saved.

    \b
    Example:
      portfolio serve --student maya-rodriguez     then open http://127.0.0.1:8000/
    """
    from .serve import serve

    _run(lambda: serve(root, student, port))


@main.group("links")
def links_group() -> None:
    """The secret links of the family sites (kept in the teacher folder)."""


@links_group.command("rotate")
@click.argument("slugs", nargs=-1, required=True, metavar="SLUG...")
@teacher_option
def rotate_command(slugs: tuple[str, ...], teacher: Path | None) -> None:
    """Give these students new secret links; after the next build their old links no longer work.

    \b
    Example:
      portfolio links rotate maya-rodriguez
    """
    from .build.links import rotate

    teacher = teacher or Path("teacher")
    changed = _run(lambda: rotate(teacher, slugs, _links_header(teacher)))
    for slug in changed:
        click.echo(f"{slug}: new secret link; run `portfolio build` to publish it, then print a new card")


@main.group("new")
def new_group() -> None:
    """Start a new student or a new piece from a template that explains every line.

    \b
    Examples:
      portfolio new student "Maya Rodríguez"
      portfolio new piece "Bridge test" --student maya-rodriguez
    """


@new_group.command("student")
@click.argument("name")
@root_argument
def new_student_command(name: str, root: Path) -> None:
    """Make the folder NAME-as-a-slug/ with its student.md, in the class language.

    \b
    Example:
      portfolio new student "Léa Martin"           makes lea-martin/student.md
    """
    from .authoring import new_student

    path = _run(lambda: new_student(root, name, beside(root, "schemas")))
    slug = path.parent.name
    click.echo(f"Made {display_path(path)}. Open it and fill in the lines that explain themselves,")
    click.echo(f"then run: portfolio check --student {slug}")


@new_group.command("piece")
@click.argument("title")
@root_argument
@click.option("--student", "student", required=True, metavar="SLUG", help="Whose piece it is (the folder name).")
@click.option("--date", "day", default=None, type=click.DateTime(["%Y-%m-%d"]), help="The piece's day [today].")
def new_piece_command(title: str, root: Path, student: str, day: dt.datetime | None) -> None:
    """Make STUDENT/<date>-<title>.md dated today, in the class language.

    \b
    Example:
      portfolio new piece "Bridge test" --student maya-rodriguez
                                                   makes maya-rodriguez/2026-10-03-bridge-test.md
    """
    from .authoring import new_piece

    date = day.date() if day else dt.date.today()
    path = _run(lambda: new_piece(root, title, student, date, beside(root, "schemas")))
    click.echo(f"Made {display_path(path)}. Open it, write your piece and choose its targets,")
    click.echo(f"then run: portfolio check --student {student}")


@main.command("schema")
@root_argument
@click.option("-o", "--output", default=None, type=click.Path(path_type=Path, file_okay=False),
              help="Where the schemas go [./schemas].")  # fmt: skip
def schema_command(root: Path, output: Path | None) -> None:
    """Write JSON Schemas of portfolio.yml, targets.yml, student.md and pieces, with this class's ids.

    An editor uses them to complete keys and flag mistakes as you type (README, "Editors").

    \b
    Example:
      portfolio schema crew8b -o schemas
    """
    from .authoring import write_schemas

    output = output or beside(root, "schemas")
    written = _run(lambda: write_schemas(root, output))
    click.echo(f"Wrote {', '.join(p.name for p in written)} into {display_path(output)}/")
@links_group.command("make")
@root_argument
@teacher_option
def make_command(root: Path, teacher: Path | None) -> None:
    """Make a secret link for every student who has none, and nothing else: run it once before `build --shard`.

    Example: portfolio links make my_class --teacher ~/crew8b-teacher
    """
    from .build.teacher import make_links

    teacher = teacher or beside(root, "teacher")
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
    except Exception as exc:
        if _interrupted(exc):  # Ctrl+C, hidden by an error of the clean-up it broke into: still just "Aborted!"
            raise KeyboardInterrupt from None
        raise


def _interrupted(exc: BaseException | None) -> bool:
    """Whether Ctrl+C is behind this error: Python's `shutil.rmtree`, stopped while closing a folder, closes it
    again on its way out and raises `OSError` (bad file descriptor) in place of the `KeyboardInterrupt`."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc, seen = exc.__context__, seen + 1
    return False


def _print_problems(log: ProblemLog, strict: bool) -> int:
    """Print each problem once, sorted; return the exit status (docs/format.md)."""
    failing = False
    for problem in log.sorted():
        if strict and problem.severity is Severity.WARNING:
            problem = type(problem)(problem.path, problem.line, Severity.ERROR, problem.message)
        failing = failing or problem.severity is Severity.ERROR
        click.echo(problem.format(), err=True)
    return 1 if failing else 0
