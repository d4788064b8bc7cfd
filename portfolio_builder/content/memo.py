"""Remembered students: a one-piece edit re-reads one student, not the class (docs/architecture.md)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import overload

import pydantic
from pydantic import TypeAdapter

from ..cache import atomic_write, code_digest, seal, unseal
from ..errors import Problem, ProblemLog
from ..model import (
    ClassSettings,
    Piece,
    Student,
    Target,
)
from .files import StudentFolder, walk
from .outline import outline


def remembered_student(
    folder: StudentFolder, *, log: ProblemLog, read: Callable[..., Student | None], memo: Path, salt: str
) -> Student | None:
    """The student as checked last time when none of their files changed, with the same problems.

    Kept as JSON (data only: loading a record can never run code), sealed with the cache's key: the
    student and their problems with the outline of their pieces (content/outline.py), then the
    pieces, read back only when something asks for them. The student is always handed on as read
    back from its record, fresh or remembered, so both are the same objects and site fingerprints
    do not move.
    """
    key = files_key(folder.path, salt)
    path = memo / f"{hashlib.sha256(str(folder.path).encode()).hexdigest()[:24]}.json"
    try:
        record = unseal(memo.parent, path.read_bytes())
        if key is not None and record is not None and (found := _read(record)) is not None:
            stored, student, problems = found
            if stored == key:
                log.extend(problems)
                return student
    except (OSError, ValueError):  # pydantic's ValidationError is a ValueError
        pass
    own = ProblemLog()
    student = read(folder, log=own)
    log.extend(own.problems)
    record, pieces = _record(key or "", student, own.problems)
    if key is not None and (sealed := seal(memo.parent, record)):
        atomic_write(path, sealed)
    found = _read(record, pieces)
    assert found is not None  # the record just made
    return found[1]


#: The head of a record: the key of the student's files, the student without their pieces (None: a folder that is
#: no student), the problems.
_HEAD: TypeAdapter[tuple[str, Student | None, list[Problem]]] = TypeAdapter(tuple[str, Student | None, list[Problem]])
_PIECES: TypeAdapter[tuple[Piece, ...]] = TypeAdapter(tuple[Piece, ...])
_SIZE = 8  # bytes of the head's length, in front of the head


def _record(key: str, student: Student | None, problems: list[Problem]) -> tuple[bytes, tuple[Piece, ...]]:
    """A student's record: the head's length, the head, the pieces (each JSON); and the pieces as read back."""
    pieces_json = _PIECES.dump_json(student.pieces if student else ())
    pieces = _PIECES.validate_json(pieces_json)  # what a later build reads back, outlined as it will see them
    head = dataclasses.replace(student, pieces=(), outline=outline(pieces)) if student else None
    head_json = _HEAD.dump_json((key, head, problems))
    return len(head_json).to_bytes(_SIZE, "big") + head_json + pieces_json, pieces


def _read(record: bytes, pieces: tuple[Piece, ...] | None = None) -> tuple[str, Student | None, list[Problem]] | None:
    """A record's key, student (their pieces read when first asked for) and problems; None if it is no record."""
    size = int.from_bytes(record[:_SIZE], "big")
    if len(record) < _SIZE + size:
        return None
    key, student, problems = _HEAD.validate_json(record[_SIZE : _SIZE + size])
    if student is not None:
        if student.outline is None:
            return None
        later = _Pieces(student.outline.count, record[_SIZE + size :], pieces)
        object.__setattr__(student, "pieces", later)  # made just now: no one else holds it yet
        # The digest of the whole record: view keys use it instead of the whole student.
        object.__setattr__(student, "digest", hashlib.sha256(record).hexdigest())
    return key, student, problems


class _Pieces(Sequence[Piece]):
    """A remembered student's pieces, read back from the record the first time they are asked for.

    A build of one edited piece asks only the outline of the other students; a page that shows
    their pieces reads them. Pickled (to a worker, for a key) as the plain tuple they are.
    """

    def __init__(self, count: int, data: bytes, pieces: tuple[Piece, ...] | None = None) -> None:
        self._count, self._data, self._pieces = count, data, pieces

    def _all(self) -> tuple[Piece, ...]:
        if self._pieces is None:
            self._pieces, self._data = _PIECES.validate_json(self._data), b""
        return self._pieces

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Piece: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Piece, ...]: ...
    def __getitem__(self, index: int | slice) -> Piece | tuple[Piece, ...]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Piece]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return self._all() == (tuple(other) if isinstance(other, _Pieces) else other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __reduce__(self) -> tuple[type[tuple[Piece, ...]], tuple[tuple[Piece, ...]]]:
        return tuple, (self._all(),)

    def __repr__(self) -> str:
        return repr(self._all())


def checking_salt(settings: ClassSettings, targets: dict[str, Target]) -> str:
    """What every student is checked against: the class settings, the targets, the tool's code and pydantic's version.

    Pydantic's too: it writes and reads the records, and a remembered student's pieces are read
    only when asked for, so a record it would now read differently must never be one this build takes.
    """
    code = f"{code_digest()}|{pydantic.VERSION}".encode()
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
