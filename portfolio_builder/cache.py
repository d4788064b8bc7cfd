"""What builds keep between runs: one folder outside the class folder and the site.

Everything in it can be deleted at any time; the next build makes it again. Every
file is written beside its final name and renamed, so an interrupted build never
leaves half a file for the next one to trust.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import tempfile
from pathlib import Path


def default_cache_dir() -> Path:
    """The user's cache folder: shared by every build, never inside ROOT or the site.

    Always a full path: the photos' places in it are part of every view's key, so `cache` and
    `/home/t/cache` (the same folder) must not look like two caches and render every site again.
    """
    if env := os.environ.get("PORTFOLIO_CACHE"):
        return Path(env).absolute()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return (Path(base) / "portfolio_builder").absolute()


def key_bytes(value: object) -> bytes:
    """`value` pickled for a key or a fingerprint: equal values give equal bytes, however they are held.

    A plain pickle writes an object met twice as a reference to the first, so two equal views, one
    holding a shared Path where the other holds two, would pickle differently (a photo found in the
    index against the same photo just made). Fast mode keeps no memo: every object is written whole.
    Keys are made of trees (no object contains itself), which fast mode needs. For the small values a
    key is made of; a whole site's view would be six times larger (`state.fingerprint` pickles it
    plainly: the views are made by the same code, so they share alike).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo
    pickler.dump(value)
    return buffer.getvalue()


@functools.cache
def code_digest() -> str:
    """The tool's own code, as loaded by this process: part of every key, so an upgrade is never stale."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes, published: bool = False) -> None:
    """Write beside the target and rename, so an interrupted build never leaves half a file.

    `published`: a file sites link to rather than copy (an image's sizes, a cleaned PDF), so it has
    the mode a copy would have; the cache folder itself (0700) still keeps others out.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if published:
            os.chmod(tmp, published_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def published_mode() -> int:
    """The mode a new file of this user gets (0644 under the usual umask): what a web server can read."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


#: The cache's own key: whoever cannot read it cannot forge a record the build will load.
KEY_FILE = "key"
_SEAL = hashlib.sha256


def private(cache: Path) -> bool:
    """True when only this user can write the cache (made 0700): only then is anything in it reused."""
    try:
        cache.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache)
    except OSError:
        return False
    return not info.st_mode & 0o022 and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


#: Keys already read by this process: every record sealed or unsealed asks for one.
_keys: dict[Path, bytes] = {}


def _key(cache: Path) -> bytes | None:
    """The cache's key, read once per process (a refusal is not remembered: a folder made private counts)."""
    if (known := _keys.get(cache)) is not None:
        return known
    if (key := _read_key(cache)) is not None:
        _keys[cache] = key
    return key


def _read_key(cache: Path) -> bytes | None:
    """The cache's secret key, made on first use (mode 0600); None when the key or the folder is not private."""
    path = cache / KEY_FILE
    if not private(cache):
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    try:
        info = os.stat(path)
        if info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def seal(cache: Path, data: bytes) -> bytes | None:
    """`data` with an HMAC in front, so `unseal` loads only records this user's builds wrote."""
    key = _key(cache)
    return None if key is None else hmac.new(key, data, _SEAL).digest() + data


def unseal(cache: Path, record: bytes) -> bytes | None:
    """The data of a sealed record, or None when the seal does not match (never unpickle those)."""
    key = _key(cache)
    size = _SEAL().digest_size
    if key is None or len(record) < size:
        return None
    mac, data = record[:size], record[size:]
    return data if hmac.compare_digest(mac, hmac.new(key, data, _SEAL).digest()) else None
