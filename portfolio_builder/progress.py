"""Progress for people: a live bar on a terminal, plain lines in a log, nothing in tests."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress:
    """The silent default: the build reports stages to this, and it says nothing."""

    def begin(self, stage: str, total: int) -> None:
        """A stage of `total` steps starts."""

    def advance(self, stage: str, steps: int = 1) -> None:
        """Some steps of a stage are done."""

    def end(self, stage: str, summary: str = "") -> None:
        """A stage is over; `summary` says how it went."""


class PlainProgress(Progress):
    """One line per stage, for CI logs and pipes (on stdout: stderr carries only the problems)."""

    def __init__(self, stream: TextIO = sys.stdout) -> None:
        self.stream = stream

    def end(self, stage: str, summary: str = "") -> None:
        print(f"{stage}: {summary}", file=self.stream, flush=True)


class RichProgress(Progress):
    """A live bar per stage, with counts, on a terminal (rich)."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        self.bars = Bars(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            transient=False,
        )
        self.tasks: dict[str, TaskID] = {}
        self.bars.start()

    def begin(self, stage: str, total: int) -> None:
        self.tasks[stage] = self.bars.add_task(stage, total=total)

    def advance(self, stage: str, steps: int = 1) -> None:
        self.bars.advance(self.tasks[stage], steps)

    def end(self, stage: str, summary: str = "") -> None:
        task = self.tasks[stage]
        self.bars.update(task, completed=self.bars.tasks[task].total, description=f"{stage}")
        if summary:
            self.bars.console.print(f"  {stage}: {summary}", style="dim")

    def close(self) -> None:
        self.bars.stop()


def for_terminal() -> Progress:
    """A bar on a terminal, plain lines otherwise."""
    return RichProgress() if sys.stderr.isatty() else PlainProgress(sys.stdout)
