"""`portfolio serve`: one student's site, rebuilt and reloaded in the browser on every save."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from .build import BuildOptions, build
from .errors import UsageError
from .site.preview import serve_folder
from .site.theme import data_root


def serve(root: Path, student: str, port: int) -> None:
    """Build the student's site into a temporary folder and serve it on localhost."""
    with tempfile.TemporaryDirectory(prefix="portfolio-serve-") as work:
        # A preview: readable addresses, no secret links, no teacher folder written.
        options = BuildOptions(root=root, output=Path(work) / "site", students=(student,), teacher=None)

        def rebuild() -> None:
            try:
                report = build(options)
            except UsageError as exc:  # a half-typed portfolio.yml: say so and wait for the next save
                click.echo(str(exc), err=True)
                return
            for problem in report.log.sorted():
                click.echo(problem.format(), err=True)
            click.echo(f"Rebuilt {student}: {report.summary()}")

        rebuild()
        click.echo(f"Previewing {student} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        try:
            serve_folder(rebuild, options.output / student, port, (root, data_root() / "themes"))
        except KeyboardInterrupt:
            click.echo("Stopped.")
