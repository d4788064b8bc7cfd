"""Remembered students: a one-piece edit re-reads one student, not the class (docs/architecture.md)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from ..cache import atomic_write, code_digest, seal, unseal
from ..errors import ProblemLog
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

    The student is always handed on as unpickled from its record, fresh or remembered, so the
    objects it shares inside are the same either way and site fingerprints do not move.
    """
    key = files_key(folder.path, salt)
    record = memo / f"{hashlib.sha256(str(folder.path).encode()).hexdigest()[:24]}.pickle"
    try:
        # Only a record sealed with this cache's key is unpickled: a forged one could run code.
        sealed = unseal(memo.parent, record.read_bytes())
        if key is not None and sealed is not None:
            stored, blob, problems = pickle.loads(sealed)
            if stored == key:
                log.extend(problems)
                return _unpickled(blob)
    except (OSError, ValueError, TypeError, EOFError, AttributeError, ImportError, pickle.UnpicklingError):
        pass
    own = ProblemLog()
    blob = pickle.dumps(read(folder, log=own), protocol=5)
    log.extend(own.problems)
    if key is not None and (sealed := seal(memo.parent, pickle.dumps((key, blob, own.problems), protocol=5))):
        atomic_write(record, sealed)
    return _unpickled(blob)


def _unpickled(blob: bytes) -> Student | None:
    """The student (None: a folder that is no student), carrying the digest of what was remembered."""
    student: Student | None = pickle.loads(blob)
    if student is not None:
        object.__setattr__(student, "digest", hashlib.sha256(blob).hexdigest())
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
