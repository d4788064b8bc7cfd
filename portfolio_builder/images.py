"""Image work as pure functions over explicit inputs, with a content-hash cache.

Every published image is re-encoded from the original after applying its EXIF
orientation and converting its colours to sRGB (colour.py), with every metadata block dropped
(docs/privacy.md: no EXIF, GPS!); the camera original never reaches a site. Results live in a cache outside the class
folder and the site, keyed by the source's bytes and the options.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import struct
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from . import colour, truncation
from .cache import atomic_write
from .content.files import slugify

#: Renditions published for every image, in pixels wide (capped at the original's width). 1000 covers
#: the 760 px content column and a 390 px phone at DPR 2.5, and lets libjpeg decode a 12 MP photo
#: at 1/4 scale: about 65 ms a photo instead of 170 ms with a 1440 size (benchmarks/README.md).
#: 320 is for thumbnails and profile photos (90–180 CSS px): half the bytes of 480 (benchmarks/lighthouse.py).
WIDTHS = (320, 480, 720, 1000)
JPEG_QUALITY = 80
#: A decoded photo up to this much wider than the largest size is kept as it is: an iPhone's
#: 4032 px decode at 1/4 to 1008 px, and one more resize for 8 pixels would cost 15 ms a photo.
SLACK = 1.02
#: About 90 MP: bigger than any phone camera, far below a decompression bomb.
Image.MAX_IMAGE_PIXELS = 90_000_000
#: Pillow frees every image's memory by default, and the next photo faults it in again: about 4 ms
#: of system time a 12 MP photo. Keeping 4 blocks for reuse takes that to 0.4 ms; more than 4 was
#: as slow as none when measured (Pillow 13, glibc; benchmarks/README.md).
Image.core.set_blocks_max(4)
_OPTIONS = f"jpeg-q{JPEG_QUALITY}-w{'-'.join(map(str, WIDTHS))}-v6"
_ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


register_heif_opener()  # iPhone photos (HEIC) open like any other image

#: The first page of a PDF is drawn this wide, then sized like a photo, for its preview card.
PDF_PREVIEW_WIDTH = 960


class ImageError(Exception):
    """The file is not an image we can publish; the message is for the student."""


@dataclass(frozen=True)
class Rendition:
    name: str  # file name in a site's media/ folder
    path: Path  # the cached file to copy
    width: int
    height: int


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
        stem = _safe_stem(source)
        sizes, notes = (pdf_preview_sizes(data, source.name), ()) if pdf else render_sizes(data, source.name)
        made = [_store(folder, f"{stem}-{key[:8]}-{w}.jpg", encoded, w, h) for encoded, w, h in sizes]
        manifest = {"sizes": [[r.name, r.width, r.height] for r in made], "notes": list(notes)}
        atomic_write(folder / f"{key}.json", json.dumps(manifest).encode())
        found = ImageSet(tuple(made), fresh=True, notes=notes)
    atomic_write(pointer, key.encode())
    return found


def lookup(source: Path, cache_dir: Path, pdf: bool = False) -> ImageSet | None:
    """The cached renditions of an unchanged file, found from its path, size and time alone."""
    pointer = _pointer(source, cache_dir, _options(pdf))
    try:
        key = pointer.read_text().strip()
    except OSError:
        return None
    return _cached(key, cache_dir)


def _options(pdf: bool) -> str:
    return f"{_OPTIONS}-pdf{PDF_PREVIEW_WIDTH}" if pdf else _OPTIONS


def _pointer(source: Path, cache_dir: Path, options: str) -> Path:
    stat = source.stat()
    identity = f"{source.absolute()}|{stat.st_size}|{stat.st_mtime_ns}|{options}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return cache_dir / "sources" / digest[:2] / digest


def _cached(key: str, cache_dir: Path) -> ImageSet | None:
    folder = cache_dir / "images" / key[:2]
    return _read_manifest(folder / f"{key}.json", folder)


Sizes = list[tuple[bytes, int, int]]  # (JPEG, width, height), smallest first
T = TypeVar("T")


def render_sizes(data: bytes, name: str) -> tuple[Sizes, tuple[str, ...]]:
    """Every size of a photo, and the warnings its file earns (it ends early but can be shown)."""
    return _readable(data, name, _render)


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


def _render(data: bytes, name: str) -> Sizes:
    """Decode once at the smallest scale that still makes the widest size, shrink, to sRGB, then turn upright."""
    with _errors_for(name), Image.open(io.BytesIO(data)) as source:
        icc = source.info.get("icc_profile")
        orientation = source.getexif().get(_ORIENTATION, 1)
        sideways = orientation in (5, 6, 7, 8)
        widths = widths_for(source.height if sideways else source.width)
        if source.format == "JPEG":  # libjpeg decodes at 1/2, 1/4, 1/8 scale for a fraction of the cost
            scale = max(widths) / (source.height if sideways else source.width)
            source.draft("RGB", (math.ceil(source.width * scale), math.ceil(source.height * scale)))
        image = _flatten(source)
    if (image.height if sideways else image.width) > max(widths) * SLACK:
        image = _shrink(image, max(widths), sideways)
    with _errors_for(name):  # converted once, at the largest size: a twelfth of a 12 MP photo's pixels
        image = colour.to_srgb(image, icc)
    largest = _upright(image, orientation)  # turned once, at the largest size
    return _sizes_from(largest, widths)


def _sizes_from(largest: Image.Image, widths: list[int]) -> Sizes:
    """Every smaller size straight from the largest (Pillow halves first where it can: cheaper, as sharp)."""
    return [_encode_jpeg(_shrink(largest, width, sideways=False)) for width in widths]


def pdf_preview_sizes(data: bytes, name: str) -> Sizes:
    """Draw a PDF's first page and size it like a photo, so a lab report shows as a page, not an icon."""
    import pypdfium2  # here: only a class with PDFs pays for loading it

    try:
        document = pypdfium2.PdfDocument(data)
        try:
            page = document[0]
            width, _ = page.get_size()
            image = page.render(scale=PDF_PREVIEW_WIDTH / width).to_pil().convert("RGB")
        finally:
            document.close()
    except (pypdfium2.PdfiumError, IndexError, ValueError, ZeroDivisionError) as exc:
        raise ImageError(f"`{name}` cannot be read as a PDF: export it again") from exc
    widths = widths_for(image.width)
    return _sizes_from(_shrink(image, max(widths), sideways=False), widths)


def widths_for(width: int) -> list[int]:
    """The standard widths below the original, plus the original; always two, so phones load less."""
    sizes = sorted({w for w in WIDTHS if w < width} | {min(width, max(WIDTHS))})
    if len(sizes) == 1 and width >= 32:
        sizes.insert(0, width // 2)
    return sizes


@contextlib.contextmanager
def _errors_for(name: str) -> Iterator[None]:
    """Turn every way an image can be broken into one sentence for the student."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"`{name}` is far too many pixels to publish; save a smaller copy") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as exc:
        raise ImageError(f"`{name}` cannot be read as an image: it may be damaged; export it again") from exc


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    image.load()  # a damaged file fails here, inside the error handling
    return image if image.mode == "RGB" else image.convert("RGB")


def _shrink(image: Image.Image, width: int, sideways: bool) -> Image.Image:
    """Resize in the stored orientation so that, once upright, the image is `width` wide."""
    across, along = (image.height, image.width) if sideways else (image.width, image.height)
    if width >= across:
        return image
    other = max(1, round(along * width / across))
    size = (other, width) if sideways else (width, other)
    # Hamming: Pillow's filter made for shrinking, as sharp to the eye as bicubic here at two thirds
    # of the time (10 ms against 16 ms for 1000 → 720 px); halving first where it can (reducing_gap).
    return image.resize(size, Image.Resampling.HAMMING, reducing_gap=1.0)


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return image.transpose(method) if method is not None else image


def _encode_jpeg(image: Image.Image) -> tuple[bytes, int, int]:
    """Baseline JPEG with optimized tables: half the time of progressive, and no bigger at these sizes."""
    # Saved with no `info`: no EXIF, XMP, ICC profile or comment of the source can ride along.
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), image.width, image.height


def _store(folder: Path, name: str, data: bytes, width: int, height: int) -> Rendition:
    path = folder / name
    atomic_write(path, data, published=True)  # linked into sites, not copied (site/plugin.py)
    return Rendition(name, path, width, height)


def _read_manifest(manifest: Path, folder: Path) -> ImageSet | None:
    try:
        record = json.loads(manifest.read_text())
        renditions = tuple(Rendition(n, folder / n, w, h) for n, w, h in record["sizes"])
        notes = tuple(str(note) for note in record["notes"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(r.name, str) and r.name == Path(r.name).name and not r.name.startswith(".")
               for r in renditions):  # a name is a file beside the manifest, never a path out of the cache
        return None
    return ImageSet(renditions, notes=notes) if all(r.path.is_file() for r in renditions) else None


def _safe_stem(source: Path) -> str:
    return slugify(source.stem)[:40] or "image"


def inspect(source: Path) -> tuple[str, ...]:
    """Check that a file is an image we can publish, without writing anything; its warnings, as a build gives."""
    _, notes = _readable(source.read_bytes(), source.name, _check)
    return notes


def _check(data: bytes, name: str) -> None:
    with _errors_for(name), Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (64, 64))
        image.load()
