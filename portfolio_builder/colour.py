"""Photos published in sRGB, so they look as the camera or phone showed them.

A photo tagged with a wider colour space (Adobe RGB or "Generic RGB" from a camera, Display P3 from
an iPhone) stores its colours in that space's numbers. The published copy carries no profile
(docs/privacy.md: no metadata rides along), and a browser reads an untagged JPEG as sRGB, so
without a conversion the same numbers would show duller and darker. The conversion is
relative colorimetric: colours sRGB can show stay exactly as they were, the few it cannot are
clipped to its edge, which is what browsers do when they show the tagged original. (For the
matrix profiles cameras and phones write, littleCMS's perceptual intent gives the same result.)
"""

from __future__ import annotations

import functools
import io

from PIL import Image, ImageCms

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The RGB `image` in sRGB numbers, given the ICC profile it was tagged with (or none: already sRGB)."""
    transform = _transform(icc) if icc and image.mode == "RGB" else None
    return image if transform is None else transform.apply(image)


@functools.lru_cache(maxsize=8)
def _transform(icc: bytes) -> ImageCms.ImageCmsTransform | None:
    """One transform per profile, kept: a class's photos share a few profiles, and building one costs ~20 ms."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if not _needs_conversion(profile):
            return None
        return ImageCms.buildTransform(profile, _SRGB, "RGB", "RGB", renderingIntent=INTENT)
    except (OSError, ImageCms.PyCMSError):  # a damaged profile: the numbers are shown as sRGB, as browsers do
        return None


def _needs_conversion(profile: ImageCms.ImageCmsProfile) -> bool:
    """An RGB profile other than sRGB itself (which many phones embed): converting that would only cost time."""
    core = profile.profile
    return core.xcolor_space.strip() == "RGB" and "srgb" not in (core.profile_description or "").lower()
