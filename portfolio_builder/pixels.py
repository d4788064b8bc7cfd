"""The pixels of a published image: decoded small, turned upright, in sRGB, re-encoded without metadata.

Loaded only by a build that makes a photo's sizes (images.py finds made ones without Pillow).
"""

from __future__ import annotations

import contextlib
import io
import math
import struct
import warnings
from collections.abc import Iterator

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from . import colour
from .sizes import JPEG_QUALITY, PDF_PREVIEW_WIDTH, ImageError, Sizes, widths_for

#: A decoded photo up to this much wider than the largest size is kept as it is: an iPhone's
#: 4032 px decode at 1/4 to 1008 px, and one more resize for 8 pixels would cost 15 ms a photo.
SLACK = 1.02
#: About 90 MP: bigger than any phone camera, far below a decompression bomb.
Image.MAX_IMAGE_PIXELS = 90_000_000
#: Pillow frees every image's memory by default, and the next photo faults it in again: about 4 ms
#: of system time a 12 MP photo. Keeping 4 blocks for reuse takes that to 0.4 ms; more than 4 was
#: as slow as none when measured (Pillow 13, glibc; benchmarks/README.md).
Image.core.set_blocks_max(4)
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


def render(data: bytes, name: str) -> Sizes:
    """Decode once at the smallest scale that still makes the widest size, shrink, to sRGB, then turn upright."""
    with _errors_for(name), Image.open(io.BytesIO(data)) as source:
        icc = source.info.get("icc_profile")
        orientation = source.getexif().get(_ORIENTATION, 1)
        sideways = orientation in (5, 6, 7, 8)
        across, along = _upright_size(source, orientation)
        widths = widths_for(across)
        _refuse_a_strip(name, across, along, max(widths))
        if source.format == "JPEG":  # libjpeg decodes at 1/2, 1/4, 1/8 scale for a fraction of the cost
            scale = max(widths) / (source.height if sideways else source.width)
            source.draft("RGB", (math.ceil(source.width * scale), math.ceil(source.height * scale)))
        image = _flatten(source)
    if (image.height if sideways else image.width) > max(widths) * SLACK:
        image = _shrink(image, max(widths), sideways)
    with _errors_for(name):  # converted once, at the largest size: a twelfth of a 12 MP photo's pixels
        image = colour.to_srgb(image, icc)
    largest = _upright(image, orientation)  # turned once, at the largest size
    with _errors_for(name):  # a shape no JPEG can hold that slipped past `_refuse_a_strip`: one line, not a traceback
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
            width, height = page.get_size()
            # As wide as a preview, but never taller than a few of them: a page of 3 × 1500 points drawn
            # 960 wide would be a bitmap of 480,000 pixels' height (gigabytes).
            scale = min(PDF_PREVIEW_WIDTH / width, PDF_PREVIEW_WIDTH * TALLEST / height)
            image = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            document.close()
    except (pypdfium2.PdfiumError, IndexError, ValueError, ZeroDivisionError) as exc:
        raise ImageError(f"`{name}` cannot be read as a PDF: export it again") from exc
    widths = widths_for(image.width)
    with _errors_for(name):
        return _sizes_from(_shrink(image, max(widths), sideways=False), widths)



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


def check(data: bytes, name: str) -> None:
    """Decode a little of the file, as a build would, to learn whether it can be published."""
    with _errors_for(name), Image.open(io.BytesIO(data)) as image:
        across, along = _upright_size(image, image.getexif().get(_ORIENTATION, 1))
        _refuse_a_strip(name, across, along, max(widths_for(across)))
        image.draft("RGB", (64, 64))
        image.load()


#: A PDF's preview is drawn at most this many times taller than wide (a long page shows as a strip).
TALLEST = 20
#: The most pixels a JPEG holds on one side.
JPEG_SIDE = 65_500


def _upright_size(image: Image.Image, orientation: int) -> tuple[int, int]:
    """Width and height once the camera's orientation is applied (turned a quarter: the other way round)."""
    return (image.height, image.width) if orientation in (5, 6, 7, 8) else image.size


def _refuse_a_strip(name: str, across: int, along: int, widest: int) -> None:
    """An image (upright: `across` wide, `along` tall) whose largest size would be taller than a JPEG can be
    (a strip of 1 × 70,000 pixels) is refused with what to do, not a traceback at the end of the build."""
    if along * min(widest, across) / max(across, 1) > JPEG_SIDE:
        raise ImageError(
            f"`{name}` is {across} × {along} pixels, far taller than it is wide, so it cannot be shown: "
            "crop it to what matters, or save it as a PDF"
        )

