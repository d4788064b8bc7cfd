"""`portfolio serve`: one student's site, updated in the browser a moment after each save.

The OS tells us which files changed (watchfiles); a change that concerns the student re-reads that
student alone and re-renders only the pages that changed (`build/preview.py`), then the open pages
reload (`site/preview.py`). A save with an error leaves the pages as they were and shows the
problem over them. The terminal shows each problem once, when it appears.
"""

from __future__ import annotations

import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import click
import watchfiles

from .build.preview import Outcome, Preview
from .cache import default_cache_dir
from .content.files import THEMES, is_ignored, slugify
from .errors import Problem, UsageError
from .site.preview import PreviewServer
from .site.theme import data_root

#: How long watchfiles waits for a save's last write before reporting it (ms): editors write in bursts.
SETTLE_MS = 30
#: The longest the other pages wait for the open ones to reload (s): rendering them at once slows the reload.
RELOAD_WAIT = 1.0


def serve(root: Path, student: str, port: int) -> None:
    """Build the student's site into a temporary folder, serve it on localhost, update it on every save."""
    previous = signal.signal(signal.SIGTERM, _interrupt)  # SIGTERM ends like Ctrl-C: the temporary folder goes
    try:
        with tempfile.TemporaryDirectory(prefix="portfolio-serve-") as work:
            _serve_from(Path(work), root, student, port)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _serve_from(work: Path, root: Path, student: str, port: int) -> None:
    preview = Preview(root, student, work, default_cache_dir())
    builtin = data_root() / "themes" / "portfolio"
    server = PreviewServer(preview.site_dir, port, builtin / "preview")  # before any work: a busy port stops at once
    try:
        first = preview.update()
        if first.stopped is not None:  # an unknown student, an unreadable portfolio.yml: exit 2
            raise UsageError(first.stopped)
        shown = _print(first, set(), student)
        _publish(server, first, root)
        server.start()
        click.echo(f"Previewing {student} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        for _ in _saves(root.resolve(), student, builtin):
            open_pages = server.open_pages()
            outcome = preview.update(open_pages)  # the pages in a browser first, the others once they reloaded
            _publish(server, outcome, root)
            if outcome.rendered:
                server.wait_for_reloads(len(open_pages), timeout=RELOAD_WAIT)
            shown = _print(outcome, shown, student, preview.finish())
    finally:
        server.stop()


def _saves(root: Path, slug: str, builtin: Path) -> Iterator[None]:
    """One item per burst of saves that concerns the student: their folder, the class files, a theme."""
    watched = [root] + ([builtin.parent] if builtin.parent.is_dir() else [])

    def concerns(change: watchfiles.Change, name: str) -> bool:
        path = Path(name)
        if path.is_relative_to(builtin.parent):
            return True
        parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
        if not parts or any(is_ignored(part) for part in parts):
            return False
        return len(parts) == 1 or parts[0] == THEMES or slugify(parts[0]) == slug

    stop = threading.Event()
    for _ in watchfiles.watch(*watched, watch_filter=concerns, step=SETTLE_MS, stop_event=stop):
        yield


def _print(outcome: Outcome, shown: set[str], student: str, later: Sequence[str] = ()) -> set[str]:
    """Print the problems not printed for the previous save; return what is printed now (to compare next time)."""
    lines = [outcome.stopped] if outcome.stopped else [p.format() for p in outcome.problems]
    for line in lines:
        if line not in shown:
            click.echo(line, err=True)
    rendered = [*outcome.rendered, *later]
    if rendered:
        pages = "the whole site" if "*" in rendered else f"{len(rendered)} page(s)"
        click.echo(f"Updated {student}: {pages}")
    elif outcome.stopped or outcome.errors:
        click.echo(f"Not updated {student}: fix the error above (the browser shows it)")
    return set(lines)


def _publish(server: PreviewServer, outcome: Outcome, root: Path) -> None:
    """The open pages reload when pages changed; they show the errors (or a stopped build) over the page."""
    if outcome.stopped and not outcome.problems:
        errors = [outcome.stopped]
    else:
        errors = [_for_page(p, root) for p in outcome.errors]
    words: dict[str, Any] = {k: v for k, v in outcome.words.items() if k.startswith("preview_")}
    server.publish(bool(outcome.rendered), errors, words)


def _for_page(problem: Problem, root: Path) -> str:
    """A problem as the student sees their folder: the path from the class folder, with its line."""
    return problem.format(cwd=root.resolve())
