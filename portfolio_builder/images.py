"""Image work as pure functions over explicit inputs, with a content-hash cache.

Every published image is re-encoded from the original after applying its EXIF
orientation and converting its colours to sRGB (colour.py), with every metadata block dropped
(docs/privacy.md: no EXIF, GPS!); the camera original never reaches a site. Results live in a cache outside the class
folder and the site, keyed by the source's bytes and the options. The pixels themselves are
pixels.py's, loaded only by a build that has a photo to make: finding made ones needs no Pillow.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import truncation
from .cache import atomic_write, seal, unseal
from .content.files import slugify
from .sizes import JPEG_QUALITY, PDF_PREVIEW_WIDTH, WIDTHS, ImageError, Sizes

__all__ = ["ImageError", "ImageSet", "Rendition", "inspect", "lookup", "prepare"]

#: The sizes the last build used (`remembered`), in the cache's images/ folder.
KNOWN = "known.json"
_OPTIONS = f"jpeg-q{JPEG_QUALITY}-w{'-'.join(map(str, WIDTHS))}-v7"  # v7: names without a stem


@dataclass(frozen=True)
class Rendition:
    name: str  # file name in a site's media/ folder, and in the cache's `folder`
    folder: Path  # where the cached file is (one Path for all sizes: a class's 2,400 sizes are found in a blink)
    width: int
    height: int

    @property
    def path(self) -> Path:
        """The cached file, linked or copied into a site."""
        return self.folder / self.name


@dataclass(frozen=True)
class ImageSet:
    """Every size of one source image, smallest first."""

    renditions: tuple[Rendition, ...]
    fresh: bool = False  # made by this build rather than found in the cache
    notes: tuple[str, ...] = ()  # warnings for the student (a file that ends early), kept with the sizes

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def smallest(self) -> Rendition:
        return self.renditions[0]


def prepare(source: Path, cache_dir: Path, pdf: bool = False) -> ImageSet:
    """Return the renditions of `source` (a photo, or a PDF's first page), made only if the cache lacks them.

    The cache is keyed by the source's bytes and the options; a pointer keyed by the file's
    path, size and modification time lets an unchanged photo be found without reading it.
    """
    if cached := lookup(source, cache_dir, pdf):
        return cached
    options = _options(pdf)
    pointer = _pointer(source, cache_dir, options)
    data = source.read_bytes()
    key = hashlib.sha256(data + options.encode()).hexdigest()[:20]
    found = _cached(key, cache_dir)
    if found is None:
        folder = cache_dir / "images" / key[:2]
        sizes, notes = (pdf_preview_sizes(data, source.name), ()) if pdf else render_sizes(data, source.name)
        # Named by the bytes only: the same photo in two students' folders (or two classes') is one cached file,
        # and the name a site gives it is its own source's (`published_name`), never the first one made.
        made = [_store(folder, f"{key[:8]}-{w}.jpg", encoded, w, h) for encoded, w, h in sizes]
        manifest = {"sizes": [[r.name, r.width, r.height] for r in made], "notes": list(notes)}
        atomic_write(folder / f"{key}.json", json.dumps(manifest).encode())
        found = ImageSet(tuple(made), fresh=True, notes=notes)
    atomic_write(pointer, key.encode())
    return found


def lookup(
    source: Path, cache_dir: Path, pdf: bool = False, known: dict[str, Any] | None = None, digest: str | None = None,
) -> ImageSet | None:
    """The cached renditions of an unchanged file, found from its path, size and time alone.

    `known` (from `remembered`): the sizes the last build used, found without reading a file.
    `digest`: the file's `identity`, when the caller keeps it for `remember`.
    """
    digest = digest or identity(source, pdf)
    if (found := _known(known.get(digest) if known else None, cache_dir)) is not None:
        return found
    try:
        key = (cache_dir / "sources" / digest[:2] / digest).read_text().strip()
    except OSError:
        return None
    return _cached(key, cache_dir)


def _known(record: object, cache_dir: Path) -> ImageSet | None:
    folder = record.get("folder") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(folder, str) or not re.fullmatch(r"[0-9a-f]{2}", folder):
        return None
    return _from_record(record, _folder(cache_dir, folder))


@functools.lru_cache(maxsize=1024)
def _folder(cache_dir: Path, prefix: str) -> Path:
    """One of the cache's 256 image folders, made once as a Path: its photos are looked up by the hundred."""
    return cache_dir / "images" / prefix


def remembered(cache_dir: Path) -> dict[str, Any]:
    """What the last build's photos were made as, by their path, size and time (sealed: read only if ours).

    One file read instead of three a photo: a class's 480 unchanged photos are found in 10 ms, not 75.
    """
    try:
        known = json.loads(unseal(cache_dir, (cache_dir / "images" / KNOWN).read_bytes()) or b"{}")
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def remember(
    cache_dir: Path, found: dict[Path, tuple[ImageSet, bool]], before: dict[str, Any], identities: dict[Path, str],
) -> None:
    """Keep this build's photos (each with whether it is a PDF's page) for the next one's `lookup`.

    `identities`: each file's `identity`, taken before it was read (a file saved during the build is
    then simply looked up again next time). Written only when they differ from what the last build kept.
    """
    known = {
        identities.get(source) or identity(source, pdf): {
            "folder": images.largest.folder.name, "notes": list(images.notes),
            "sizes": [[r.name, r.width, r.height] for r in images.renditions],
        }
        for source, (images, pdf) in found.items()
    }
    if known != before and (sealed := seal(cache_dir, json.dumps(known, sort_keys=True).encode())):
        atomic_write(cache_dir / "images" / KNOWN, sealed)


def _options(pdf: bool) -> str:
    return f"{_OPTIONS}-pdf{PDF_PREVIEW_WIDTH}" if pdf else _OPTIONS


def _pointer(source: Path, cache_dir: Path, options: str) -> Path:
    digest = _identity(source, options)
    return cache_dir / "sources" / digest[:2] / digest


def identity(source: Path, pdf: bool = False) -> str:
    """A file's path, size and modification time (and the size options): how an unchanged file is known."""
    return _identity(source, _options(pdf))


def _identity(source: Path, options: str) -> str:
    stat = source.stat()
    return hashlib.sha256(f"{source.absolute()}|{stat.st_size}|{stat.st_mtime_ns}|{options}".encode()).hexdigest()[:24]


def _cached(key: str, cache_dir: Path) -> ImageSet | None:
    folder = cache_dir / "images" / key[:2]
    return _read_manifest(folder / f"{key}.json", folder)


T = TypeVar("T")


def render_sizes(data: bytes, name: str) -> tuple[Sizes, tuple[str, ...]]:
    """Every size of a photo, and the warnings its file earns (it ends early but can be shown)."""
    from . import pixels

    return _readable(data, name, pixels.render)


def pdf_preview_sizes(data: bytes, name: str) -> Sizes:
    """A PDF's first page, sized like a photo (pixels.py)."""
    from . import pixels

    return pixels.pdf_preview_sizes(data, name)


def _readable(data: bytes, name: str, decode: Callable[[bytes, str], T]) -> tuple[T, tuple[str, ...]]:
    """`decode(data)`, or of the data made whole when only its end is missing (truncation.py), with a warning."""
    try:
        result = decode(data, name)
    except ImageError as exc:
        repaired = truncation.jpeg_missing_only_eoi(data)
        if repaired is not None:
            return decode(repaired, name), (truncation.ends_early(name),)
        if truncation.heif_cut_short(data):
            raise ImageError(truncation.heif_refused(name)) from exc
        raise
    return result, (truncation.heif_part_missing(name),) if truncation.heif_cut_short(data) else ()


def _store(folder: Path, name: str, data: bytes, width: int, height: int) -> Rendition:
    path = folder / name
    atomic_write(path, data, published=True)  # linked into sites, not copied (site/plugin.py)
    return Rendition(name, folder, width, height)


def _read_manifest(manifest: Path, folder: Path) -> ImageSet | None:
    try:
        record = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None
    return _from_record(record, folder) if isinstance(record, dict) else None


def _from_record(record: dict[str, Any], folder: Path) -> ImageSet | None:
    """The sizes a record names, when each is a file beside it in the cache (never a path out of it)."""
    try:
        sizes = [(n, w, h) for n, w, h in record["sizes"]]
        notes = tuple(str(note) for note in record["notes"])
    except (ValueError, TypeError, KeyError):
        return None
    if not all(_plain_name(n) for n, _, _ in sizes):
        return None
    place = f"{folder}{os.sep}"
    if not all(os.path.isfile(place + n) for n, _, _ in sizes):
        return None
    return ImageSet(tuple(Rendition(n, folder, w, h) for n, w, h in sizes), notes=notes)


def _plain_name(name: object) -> bool:
    """A file name alone (no folder, not hidden): found without making a Path, 480 photos a build."""
    return isinstance(name, str) and bool(name) and not set(name) & _NOT_IN_NAMES and name[0] != "."


_NOT_IN_NAMES = {"/", "\\", "\0", os.sep, os.altsep or "/"}


def published_name(source: Path, rendition: Rendition) -> str:
    """A size's file name in a site: this source's own name, then the cached file's (its bytes and width).

    Never the name of whichever file with the same bytes was made first: that could be another
    student's, or a private piece's (docs/privacy.md).
    """
    return f"{slugify(source.stem)[:40] or 'image'}-{rendition.name}"


def inspect(source: Path) -> tuple[str, ...]:
    """Check that a file is an image we can publish, without writing anything; its warnings, as a build gives."""
    _, notes = _readable(source.read_bytes(), source.name, _check)
    return notes


def _check(data: bytes, name: str) -> None:
    from . import pixels

    pixels.check(data, name)
