"""Compiled Jinja2 templates kept in the build cache, for MkDocs' pages and the teacher's alike.

Compiling mkdocs-material's templates costs more than rendering a student's forty pages, and
each build is a new process: the compiled code is kept between builds, sealed (docs/architecture.md).
"""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from ..cache import atomic_write, code_digest, seal, unseal


class SealedBytecodeCache(BytecodeCache):
    """Compiled templates kept between processes; loaded only when sealed with the cache's key (marshal runs code)."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.folder = cache / "templates"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            record = self._path(bucket).read_bytes()
        except OSError:
            return
        if (data := unseal(self.cache, record)) is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sealed := seal(self.cache, bucket.bytecode_to_string()):
            atomic_write(self._path(bucket), sealed)

    def _path(self, bucket: Bucket) -> Path:
        """Named with the tool's code too: compiled code depends on settings (autoescape) Jinja's key ignores."""
        return self.folder / f"{code_digest()[:12]}-{bucket.key}.sealed"
