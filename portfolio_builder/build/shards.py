"""One class built across the machines of a runner: `portfolio build --shard K/N` (docs/scale.md).

Each shard builds the students whose slug hashes into it, and the class pages whole. The shards'
output folders copied into one equal one whole build, file for file (the marker aside), so:

- a student's shard comes from SHA-256 of the slug: the same on every machine and Python
  (Python's own `hash()` of a string changes from process to process);
- the class pages see every student, whatever the shard, and only class-visible work;
- a shard never makes a secret link: two shards would make two different ones for a student.
  `portfolio links make` makes the missing ones once, before the shards run;
- a shard writes no teacher folder: its cards and matrix could show only its own students.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..audience import Audience
from ..errors import UsageError

_SHARD = re.compile(r"([0-9]+)/([0-9]+)")


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count`, both counted from 1 as a person writes them (`--shard 2/4`)."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, slug: str) -> bool:
        return shard_of(slug, self.count) == self.index


def shard_of(slug: str, count: int) -> int:
    """The shard (1 … count) a student belongs to, from their slug alone: every runner agrees."""
    return int(hashlib.sha256(slug.encode("utf-8")).hexdigest(), 16) % count + 1


def parse_shard(text: str) -> Shard:
    """`K/N` with 1 ≤ K ≤ N; anything else stops the command (exit 2) before any work."""
    found = _SHARD.fullmatch(text)
    index, count = (int(found[1]), int(found[2])) if found else (0, 0)
    if not 1 <= index <= count:
        raise UsageError(f"--shard {text}: error: write K/N with 1 ≤ K ≤ N, for example --shard 1/4")
    return Shard(index, count)


def refuse_with_students(shard: Shard | None, students: Iterable[str]) -> None:
    """`--shard` and `--student` together would build an intersection nobody asked for by name: refused."""
    if shard is not None and list(students):
        raise UsageError(
            f"--shard {shard}: error: --shard and --student cannot be used together; "
            "a shard builds its share of the whole class"
        )


def refuse_missing_secrets(teacher: Path, root: Path, kept: Mapping[str, str], slugs: Iterable[str]) -> None:
    """Every student of the class needs a secret before any shard runs; each shard checks them all.

    Checking the whole class, not only the shard's share, gives every shard the same answer:
    either all of them build, or all of them stop with the same line.
    """
    missing = [slug for slug in slugs if slug not in kept]
    if not missing:
        return
    others = f" and {len(missing) - 1} other student(s) have" if len(missing) > 1 else " has"
    raise UsageError(
        f"{teacher / 'links.yml'}: error: `{missing[0]}`{others} no secret link, and a shard never makes one: "
        f"run `portfolio links make {root} --teacher {teacher}` once before the shards"
    )


def class_audience(audience: Audience) -> Audience:
    """Who the class pages are for: the class, or the public in a public build (views/class_home.py)."""
    return Audience.PUBLIC if audience is Audience.PUBLIC else Audience.CLASS
