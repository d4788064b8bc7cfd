"""Teacher pages carried over from the last teacher folder when what they are made from did not change.

The cards, the matrix and each panel kit are pages of their own folder (`cards/index.html`,
`panel/ana/index.html` and the photos beside it). Each is made from a key: the tool and both
themes' files, the class, and what that page shows. When the key is the last build's and the old
page is still the one that build wrote (its digest, kept sealed in the build cache), the old
folder is linked into the new teacher folder instead of made again: a one-piece edit makes one
kit, and a text-only edit no card or matrix (docs/scale.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from ..cache import atomic_write, key_bytes, seal, unseal
from ..site.paths import data_root
from .state import site_salt

#: In the cache: the teacher folder the pages were last made in, and each page's key and digest.
KEYS = "teacher.json"


def page_key(*made_from: object) -> str:
    """The key of what a page is made from (any picklable values: a view, settings, a student's digest)."""
    return hashlib.sha256(key_bytes(made_from)).hexdigest()


def templates_salt(theme_dir: Path) -> str:
    """The tool and both themes' files: a teacher page's template may fall back to the built-in theme's."""
    built_in = data_root() / "themes" / "portfolio"
    salt = site_salt(theme_dir)
    return salt + (salt if theme_dir.resolve() == built_in.resolve() else site_salt(built_in))


class Carried:
    """The last build's teacher pages, and this build's keys as it makes or carries each."""

    def __init__(self, cache: Path | None, teacher: Path) -> None:
        self.cache, self.teacher = cache, teacher
        self.before = _read(cache, teacher)
        self.after: dict[str, str] = {}

    def carry(self, page: str, staging: Path, key: str, *also: str) -> bool:
        """Link the old folder `page` into `staging` when `key` is one the last build made it from and
        the page is still the one that build wrote; else False. `also`: more keys it is now known by."""
        old, new = self.teacher / page, staging / page
        *keys, digest = self.before.get(page, "").split() or [""]
        if key not in keys or old.is_symlink() or digest != _digest(old):
            return False
        try:
            shutil.copytree(old, new, symlinks=True, copy_function=_link)
        except (OSError, shutil.Error):
            shutil.rmtree(new, ignore_errors=True)
            return False
        # The same page, linked: its digest is known. Every key it was made from still gives it (a few kept).
        self.after[page] = " ".join([*list(dict.fromkeys([key, *also, *keys]))[:_KEYS_KEPT], digest])
        return True

    def made(self, page: str, staging: Path, *keys: str) -> None:
        """Remember the page now in `staging` under its keys, for the next build to carry."""
        self.after[page] = " ".join([*keys, _digest(staging / page)])

    def save(self) -> None:
        """Written before the teacher folder is swapped in: a build that stops there leaves pages whose
        digests no longer match, and they are made again."""
        record = json.dumps({"teacher": str(self.teacher), "pages": self.after}).encode()
        if self.cache is not None and (sealed := seal(self.cache, record)):
            atomic_write(self.cache / KEYS, sealed)


def _read(cache: Path | None, teacher: Path) -> dict[str, str]:
    """The pages' keys of the last build into this teacher folder (sealed: never trusted unread)."""
    try:
        known = json.loads(unseal(cache, (cache / KEYS).read_bytes()) or b"{}") if cache else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict) or known.get("teacher") != str(teacher) or not isinstance(known.get("pages"), dict):
        return {}
    return {k: v for k, v in known["pages"].items() if isinstance(k, str) and isinstance(v, str)}


#: Keys remembered for one page: its inputs' key and its view's, and those of a build or two before.
_KEYS_KEPT = 4


def _digest(folder: Path) -> str:
    """The name, size and time of the page and of every file beside it (a kit's photos): a folder changed by
    hand in any way is made again. "" when there is no page.

    Times, not bytes: a page is never changed in place by a build (carried pages are links to the same
    files, or copies with their times), while any other change gives a file a new time; reading 30 kits
    took 10 ms of each one-piece edit."""
    try:
        page = (folder / "index.html").lstat()
        digest = hashlib.sha256(f"{page.st_size}\0{page.st_mtime_ns}".encode())
        for path in sorted(p for p in folder.rglob("*") if p.name != "index.html" or p.parent != folder):
            if not stat.S_ISDIR((info := path.lstat()).st_mode):
                digest.update(f"\0{path.relative_to(folder)}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    except OSError:
        return ""
    return digest.hexdigest()


def _link(source: str, target: str) -> None:
    """A teacher page's files are never changed in place (a build writes new ones), so a link serves as a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
