"""Image work as pure functions over explicit inputs, with a content-hash cache.

Every published image is re-encoded from the original after applying its EXIF
orientation, with every metadata block dropped (SPEC.md: no EXIF, GPS!); the
camera original never reaches a site. Results live in a cache outside the class
folder and the site, keyed by the source's bytes and the options.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .load import slugify

#: Renditions published for every image, in CSS pixels wide (capped at the original's width).
WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 80
#: About 90 MP: bigger than any phone camera, far below a decompression bomb.
Image.MAX_IMAGE_PIXELS = 90_000_000
_OPTIONS = f"jpeg-q{JPEG_QUALITY}-w{'-'.join(map(str, WIDTHS))}-v2"


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

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def smallest(self) -> Rendition:
        return self.renditions[0]


def default_cache_dir() -> Path:
    """The user's cache folder: shared by every build, never inside ROOT or the site."""
    if env := os.environ.get("PORTFOLIO_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "portfolio_builder"


def prepare(source: Path, cache_dir: Path) -> ImageSet:
    """Return the renditions of `source`, making them only if the cache lacks them."""
    data = source.read_bytes()
    key = hashlib.sha256(data + _OPTIONS.encode()).hexdigest()[:20]
    folder = cache_dir / "images" / key[:2]
    manifest = folder / f"{key}.json"
    if cached := _read_manifest(manifest, folder):
        return cached
    stem = _safe_stem(source)
    made = [
        _store(folder, f"{stem}-{key[:8]}-{w}.jpg", encoded, w, h)
        for encoded, w, h in render_sizes(data, source.name)
    ]
    _atomic_write(manifest, json.dumps([[r.name, r.width, r.height] for r in made]).encode())
    return ImageSet(tuple(made))


def render_sizes(data: bytes, name: str) -> list[tuple[bytes, int, int]]:
    """Decode once, upright, and encode every width as a metadata-free JPEG."""
    image = _open_upright(data, name)
    return [_encode_jpeg(_resize(image, width)) for width in widths_for(image.width)]


def widths_for(width: int) -> list[int]:
    """The standard widths below the original, plus the original; always two, so phones load less."""
    sizes = sorted({w for w in WIDTHS if w < width} | {min(width, max(WIDTHS))})
    if len(sizes) == 1 and width >= 32:
        sizes.insert(0, width // 2)
    return sizes


def _open_upright(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format == "JPEG":  # decode at a reduced scale when it is big enough
                    opened.draft("RGB", _draft_size(opened.size))
                upright = ImageOps.exif_transpose(opened)
                upright.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"`{name}` is far too many pixels to publish; save a smaller copy") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"`{name}` cannot be read as an image: it may be damaged; export it again") from exc
    return _flatten(upright)


def _draft_size(size: tuple[int, int]) -> tuple[int, int]:
    # Large enough that the widest rendition can still be made in either orientation.
    longest = max(WIDTHS)
    return (longest, longest) if min(size) >= longest else size


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def _resize(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode_jpeg(image: Image.Image) -> tuple[bytes, int, int]:
    clean = Image.frombytes("RGB", image.size, image.tobytes())  # nothing of the source's info survives
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), clean.width, clean.height


def _store(folder: Path, name: str, data: bytes, width: int, height: int) -> Rendition:
    path = folder / name
    _atomic_write(path, data)
    return Rendition(name, path, width, height)


def _read_manifest(manifest: Path, folder: Path) -> ImageSet | None:
    try:
        rows = json.loads(manifest.read_text())
        renditions = tuple(Rendition(n, folder / n, w, h) for n, w, h in rows)
    except (OSError, ValueError, TypeError):
        return None
    return ImageSet(renditions) if all(r.path.is_file() for r in renditions) else None


def _atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _safe_stem(source: Path) -> str:
    return slugify(source.stem)[:40] or "image"


def inspect(source: Path) -> None:
    """Check that a file is an image we can publish, without writing anything."""
    _open_upright(source.read_bytes(), source.name)
