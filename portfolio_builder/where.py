"""Which class folder a command works on when none is named, and where its own folders go by default.

A teacher runs `portfolio` in the class folder, or beside it; a student often runs it in their
own folder. Each case gets the folder it means, or one line that says where to go (README).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError

SAMPLE = Path("sample_students")
SETTINGS = "portfolio.yml"


def class_root(given: Path | None, here: Path | None = None) -> Path:
    """ROOT as named; else `.` when it holds portfolio.yml, else `./sample_students`.

    In a student's folder (student.md here, portfolio.yml one level up) nothing is guessed: read
    as a class, that folder would give a page of confusing problems, so the student is told to go up.
    """
    if given is not None:
        return given
    here = here or Path.cwd()
    if (here / SETTINGS).is_file():
        return Path(".")
    if (here / "student.md").is_file() and (here.parent / SETTINGS).is_file():
        raise UsageError(
            f"{here.name}/: error: this is a student's folder, not the class folder: "
            "go up one level (cd ..) and run the command there"
        )
    if not (here / SAMPLE).is_dir():
        raise UsageError(
            ".: error: there is no portfolio.yml here: run portfolio in your class folder, "
            "or name the class folder after the command (portfolio check FOLDER)"
        )
    return SAMPLE


def beside(root: Path, name: str) -> Path:
    """Where a folder a command writes goes by default: `./name`, or beside the class folder when `.` is in it.

    Nothing is ever written into the class folder (the build refuses it), so a teacher who runs
    `portfolio build` in the class folder gets `../site` rather than a refusal.
    """
    default = Path(name)
    home = root.resolve()
    if not default.resolve().is_relative_to(home):
        return default
    return Path(os.path.relpath(home.parent / name))
