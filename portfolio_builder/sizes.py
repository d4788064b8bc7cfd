"""What every published image is made as: its widths and quality, shared by images.py (the cache) and pixels.py."""

from __future__ import annotations

#: Renditions published for every image, in pixels wide (capped at the original's width). 1000 covers
#: the 760 px content column and a 390 px phone at DPR 2.5, and lets libjpeg decode a 12 MP photo
#: at 1/4 scale: about 65 ms a photo instead of 170 ms with a 1440 size (benchmarks/README.md).
#: 320 is for thumbnails and profile photos (90–180 CSS px): half the bytes of 480 (benchmarks/lighthouse.py).
WIDTHS = (320, 480, 720, 1000)
JPEG_QUALITY = 80

#: The first page of a PDF is drawn this wide, then sized like a photo, for its preview card.
PDF_PREVIEW_WIDTH = 960


class ImageError(Exception):
    """The file is not an image we can publish; the message is for the student."""


Sizes = list[tuple[bytes, int, int]]  # (JPEG, width, height), smallest first


def widths_for(width: int) -> list[int]:
    """The standard widths below the original, plus the original; always two, so phones load less."""
    sizes = sorted({w for w in WIDTHS if w < width} | {min(width, max(WIDTHS))})
    if len(sizes) == 1 and width >= 32:
        sizes.insert(0, width // 2)
    return sizes
