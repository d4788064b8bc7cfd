"""Photos whose file ends early: published with a warning where the picture is whole, refused where it is not.

A copy cut off (a full phone, a sync stopped half-way) is the most common damaged photo. Two cases
can still be shown in full or nearly, so they are published with a warning naming the file:

- a JPEG missing only its end marker (`FF D9`): every pixel is there and browsers show it;
- an HEIC whose later tiles are missing: libheif decodes it and fills the rest with flat colour.

A JPEG cut in the middle of its pixel data stays an error, as does an HEIC libheif refuses.
"""

from __future__ import annotations

import io
import struct

_EOI = b"\xff\xd9"
#: Entropy-coded "pixels" that are not zero bits: see `jpeg_missing_only_eoi`. No 0xFF, so no marker.
_FILLER = b"\x55\xaa\x3c\xc3" * 32


def ends_early(name: str) -> str:
    return f"{name}: this photo's file ends early; it is published as it is, but export it again to be safe"


def heif_part_missing(name: str) -> str:
    return (f"{name}: this photo's file ends early, so part of the picture is missing (filled with flat colour); "
            "it is published as it is, but export it again")


def heif_refused(name: str) -> str:
    return f"`{name}` ends early: the file was cut off (while copying?) and cannot be shown; export it again"


def jpeg_missing_only_eoi(data: bytes) -> bytes | None:
    """The JPEG with its end marker put back, if that marker is all it lacks; else None.

    libjpeg fills data that ends early with zero bits, so a scan cut in the middle decodes the
    same as a whole one when only the marker is added. Decoding it a second time with other bits
    before the marker tells them apart: a whole scan never reads them, a cut one does.
    """
    if not data.startswith(b"\xff\xd8") or data.endswith(_EOI):
        return None
    body = data[:-1] if data.endswith(b"\xff") else data  # cut between the marker's two bytes
    try:
        whole = _pixels(body + _EOI)
        return body + _EOI if whole == _pixels(body + _FILLER + _EOI) else None
    except (OSError, ValueError, SyntaxError, struct.error):
        return None


def _pixels(data: bytes) -> bytes:
    from PIL import Image  # only for a damaged photo: a build that finds its photos made loads no Pillow

    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


def heif_cut_short(data: bytes) -> bool:
    """True for an HEIF (HEIC, AVIF) whose boxes claim more bytes than the file holds: a copy cut off.

    libheif may not say so: it fills the tiles it cannot find with flat colour.
    """
    if data[4:8] != b"ftyp":
        return False
    at = 0
    while at + 8 <= len(data):
        (size,) = struct.unpack_from(">I", data, at)
        if size == 1:  # a 64-bit size follows the type
            if at + 16 > len(data):
                return True
            (size,) = struct.unpack_from(">Q", data, at + 8)
        if size == 0:  # the last box runs to the end of the file, whatever its length
            return False
        if size < 8:  # not boxes as we know them: the decoder will judge
            return False
        at += size
    return at != len(data)
