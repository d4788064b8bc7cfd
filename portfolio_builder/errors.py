"""Problems found in a class folder, and the exceptions that stop a build.

Every content problem is a value with a place (docs/format.md, "Problems"):
it is collected, never raised, so one student's typo never blocks the class.
Only what makes the whole build impossible is raised, as `UsageError`.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """How bad a problem is: an error leaves something out, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One line of feedback for the person who wrote the file."""

    path: Path
    line: int | None
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line or 0, self.message)

    def format(self, cwd: Path | None = None) -> str:
        """Render as `path:line: severity: message`, the path as the user would type it."""
        where = display_path(self.path, cwd)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity.value}: {self.message}"


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Show a path relative to the current folder when it lies inside it."""
    base = (cwd or Path.cwd()).resolve()
    absolute = path if path.is_absolute() else base / path
    try:
        return os.path.relpath(absolute, base) if absolute.is_relative_to(base) else str(absolute)
    except ValueError:  # another drive on Windows
        return str(absolute)


@dataclass
class ProblemLog:
    """Collects problems from every stage; the CLI prints them once, sorted."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, Severity.ERROR, message))

    def warning(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, Severity.WARNING, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=Problem.sort_key)


class UsageError(Exception):
    """The build cannot start: a bad command line or an unreadable class settings file."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ContentError(Exception):
    """A file cannot be read at all; carries the problem to report and skip it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Suggest the closest known id, the way a teacher would point at a typo."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean `{close[0]}`?" if close else ""
