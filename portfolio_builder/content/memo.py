"""Remembered students: a one-piece edit re-reads one student, not the class (docs/architecture.md)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter

from ..cache import atomic_write, code_digest, seal, unseal
from ..errors import Problem, ProblemLog
from ..model import (
    ClassSettings,
    Student,
    Target,
)
from .files import StudentFolder, walk


def remembered_student(
    folder: StudentFolder, *, log: ProblemLog, read: Callable[..., Student | None], memo: Path, salt: str
) -> Student | None:
    """The student as checked last time when none of their files changed, with the same problems.

    Kept as JSON (data only: loading a record can never run code), sealed with the cache's key. The
    student is always handed on as read back from its record, fresh or remembered, so both are the
    same objects and site fingerprints do not move.
    """
    key = files_key(folder.path, salt)
    path = memo / f"{hashlib.sha256(str(folder.path).encode()).hexdigest()[:24]}.json"
    try:
        record = unseal(memo.parent, path.read_bytes())
        if key is not None and record is not None:
            stored, student, problems = _RECORD.validate_json(record)
            if stored == key:
                log.extend(problems)
                return _with_digest(student, record)
    except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
        pass
    own = ProblemLog()
    record = _RECORD.dump_json((key or "", read(folder, log=own), own.problems))
    log.extend(own.problems)
    if key is not None and (sealed := seal(memo.parent, record)):
        atomic_write(path, sealed)
    return _with_digest(_RECORD.validate_json(record)[1], record)


#: A remembered student: the key of their files, the student (None: a folder that is no student), the problems.
_RECORD: TypeAdapter[tuple[str, Student | None, list[Problem]]] = TypeAdapter(tuple[str, Student | None, list[Problem]])


def _with_digest(student: Student | None, record: bytes) -> Student | None:
    """The student carrying the digest of their record: view keys use it instead of the whole student."""
    if student is not None:
        object.__setattr__(student, "digest", hashlib.sha256(record).hexdigest())
    return student


def checking_salt(settings: ClassSettings, targets: dict[str, Target]) -> str:
    """What every student is checked against: the class settings, the targets and this module's code."""
    code = code_digest().encode()
    digest = hashlib.sha256(code + settings.model_dump_json().encode() + repr(sorted(targets.items())).encode())
    return digest.hexdigest()


def files_key(folder: Path, salt: str) -> str | None:
    """Every file's name, size and times in the folder; None (never remembered) when it holds a link."""
    digest = hashlib.sha256(f"{salt}|{folder}|{folder.resolve()}".encode())
    for entry in walk(folder):
        if entry.linked:
            return None
        digest.update(f"{entry.stamp()}\n".encode())
    return digest.hexdigest()
