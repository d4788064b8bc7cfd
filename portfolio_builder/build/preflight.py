"""What every build checks before it reads a file: it writes nowhere it must not.

Light on purpose (no YAML, no MkDocs): these run before the "nothing changed" check, which
answers a build that changes nothing in a fraction of a second (docs/scale.md).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .options import MARKER


def refuse_unsafe_output(root: Path, output: Path, cache: Path) -> None:
    """Nothing is ever written into the class folder, and nothing not ours is ever replaced."""
    for name, folder in (("output", output), ("cache", cache)):
        if folder == root or folder.is_relative_to(root) or root.is_relative_to(folder):
            raise UsageError(f"{folder}: error: the {name} folder must be outside the class folder {root}")
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise UsageError(
            f"{output}: error: this folder already holds other files; choose an empty or new folder with -o"
        )
    if not output.parent.is_dir():
        raise UsageError(f"{output.parent}: error: this folder does not exist")


def refuse_unsafe_teacher(teacher: Path, root: Path, output: Path | None) -> None:
    """The teacher folder holds the secrets: never inside the class folder or the published one."""
    folders = [("class", root), *([("output", output)] if output is not None else [])]  # None: `links make`
    for name, folder in folders:
        if teacher == folder or teacher.is_relative_to(folder) or folder.is_relative_to(teacher):
            raise UsageError(
                f"{teacher}: error: the teacher folder must be outside the {name} folder {folder} "
                "(it holds the families' secret links); choose another with --teacher"
            )
    if teacher.exists() and not teacher.is_dir():
        raise UsageError(f"{teacher}: error: this is a file, not a folder; choose another with --teacher")
