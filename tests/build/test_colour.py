"""True colours: wide-gamut photos published in sRGB, and photos whose file ends early (colour.py, truncation.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pillow_heif
import pytest
from classmaker import jpeg_bytes, make_class, profiled_jpeg, rgb_icc_profile
from conftest import run_portfolio
from PIL import Image, ImageCms

#: A saturated red that a P3 camera can record: in sRGB numbers it is a different, redder triple.
RED = (200, 40, 40)
#: What re-encoding a flat area as JPEG (quality 80) may move a channel by.
TOLERANCE = 3
PHOTOS = {
    "p3.jpg": "a P3 photo", "p3.heic": "a P3 iPhone photo", "srgb.jpg": "an sRGB-tagged photo",
    "plain.jpg": "an untagged photo", "noeoi.jpg": "no end marker", "cut.jpg": "cut in its pixels",
    "cut-tiles.heic": "later tiles missing", "cut-single.heic": "refused",
}


def _heic(colour: tuple[int, int, int], icc: bytes | None = None, tiles: int = 0) -> bytes:
    """A real HEIC from pillow-heif's encoder; `tiles` > 0 writes a grid of tiles, as iPhones do."""
    pillow_heif.register_heif_opener()
    pillow_heif.options.GRID_TILE_SIZE = tiles
    try:
        out = io.BytesIO()
        Image.new("RGB", (1200, 900), colour).save(out, "HEIF", quality=90, **({"icc_profile": icc} if icc else {}))
        return out.getvalue()
    finally:
        pillow_heif.options.GRID_TILE_SIZE = 0


@pytest.fixture(scope="module")
def sources() -> dict[str, bytes]:
    icc = rgb_icc_profile()
    whole, tiled = jpeg_bytes((800, 600)), _heic(RED, tiles=256)
    return {
        "p3.jpg": profiled_jpeg(RED, icc),
        "p3.heic": _heic(RED, icc),
        "srgb.jpg": profiled_jpeg(RED, ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()),
        "plain.jpg": profiled_jpeg(RED, None),
        "noeoi.jpg": whole[:-2],
        "cut.jpg": whole[:-40],  # 40 bytes of the last pixels gone too: not only the end marker
        "cut-tiles.heic": tiled[: len(tiled) * 3 // 4],
        "cut-single.heic": _heic(RED)[:-100],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, bytes]) -> Iterator[tuple[Path, str]]:
    tmp = tmp_path_factory.mktemp("colour")
    meta = {"title": "Colours", "date": "2026-10-01", "targets": ["sci-observe"],
            "media": [{"file": name, "alt": alt} for name, alt in PHOTOS.items()]}
    root = make_class(tmp / "class", {"ana": {"pieces": {"p.md": (meta, "")}, "files": sources}})
    result = run_portfolio("build", str(root), "-o", str(tmp / "site"), cwd=tmp)
    assert result.returncode == 1, result.stderr  # the two files that cannot be shown are errors
    yield tmp / "site", result.stdout + result.stderr


def _where(name: str) -> str:
    """The piece and line naming a photo, where its problem is reported (each `file:` is on every other line)."""
    return f"class/ana/p.md:{7 + 2 * list(PHOTOS).index(name)}"


def _renditions(site: Path, stem: str) -> list[Path]:
    """Every published size of one photo (`<stem>-<key>-<width>.jpg`): `cut` is not `cut-tiles`."""
    return [p for p in site.rglob("*.jpg") if re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]{{8}}-\d+\.jpg", p.name)]


def _published(site: Path, stem: str) -> Image.Image:
    """The largest published size of one photo."""
    found = [Image.open(p) for p in _renditions(site, stem)]
    assert found, f"{stem} was not published"
    return max(found, key=lambda image: image.width)


def _centre(image: Image.Image) -> tuple[int, int, int]:
    pixel = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
    assert isinstance(pixel, tuple)
    return pixel[0], pixel[1], pixel[2]


def _close(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= TOLERANCE


def _as_srgb(original: Image.Image) -> tuple[int, int, int]:
    """ImageCms's own conversion of the original's centre colour, as decoded, from its embedded profile."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(original.info["icc_profile"]))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    dot = Image.new("RGB", (1, 1), _centre(original))
    converted = ImageCms.profileToProfile(dot, profile, srgb, ImageCms.Intent.RELATIVE_COLORIMETRIC)
    assert converted is not None
    return _centre(converted)


@pytest.mark.parametrize("name", ["p3.jpg", "p3.heic"])
def test_wide_gamut_photo_is_published_in_srgb(built: tuple[Path, str], sources: dict[str, bytes], name: str) -> None:
    original = Image.open(io.BytesIO(sources[name]))
    expected = _as_srgb(original)
    assert not _close(expected, _centre(original)), "the test colour must change when converted"
    published = _published(built[0], Path(name).stem)
    assert _close(_centre(published), expected), (_centre(published), expected)
    assert "icc_profile" not in published.info  # sRGB, the web's default: no profile travels with the photo


def test_srgb_photo_keeps_its_colour(built: tuple[Path, str]) -> None:
    """A photo tagged sRGB (as many phones tag theirs) comes out exactly as the same photo without a tag."""
    tagged, untagged = _published(built[0], "srgb"), _published(built[0], "plain")
    assert _centre(tagged) == _centre(untagged)
    assert _close(_centre(tagged), RED) and "icc_profile" not in tagged.info


def test_jpeg_missing_only_its_end_marker_is_published_with_a_warning(built: tuple[Path, str]) -> None:
    site, output = built
    assert (f"{_where('noeoi.jpg')}: warning: noeoi.jpg: this photo's file ends early; it is published as it is, "
            "but export it again to be safe") in output
    assert _published(site, "noeoi").width == 800


def test_jpeg_cut_in_its_pixels_stays_an_error(built: tuple[Path, str]) -> None:
    site, output = built
    assert f"{_where('cut.jpg')}: error: `cut.jpg` cannot be read as an image" in output
    assert not _renditions(site, "cut")


def test_heic_missing_tiles_is_published_with_a_warning(built: tuple[Path, str]) -> None:
    site, output = built
    assert (f"{_where('cut-tiles.heic')}: warning: cut-tiles.heic: this photo's file ends early, "
            "so part of the picture is missing") in output
    assert _published(site, "cut-tiles").width == 1000


def test_heic_libheif_refuses_is_an_error_that_says_why(built: tuple[Path, str]) -> None:
    site, output = built
    assert f"{_where('cut-single.heic')}: error: `cut-single.heic` ends early: the file was cut off" in output
    assert not _renditions(site, "cut-single")


def test_warnings_come_again_from_the_cache_and_from_check(built: tuple[Path, str], tmp_path: Path) -> None:
    """A cached photo keeps its warning (it lives in the manifest), and `portfolio check` gives the same one."""
    root = built[0].parent / "class"
    again = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=built[0].parent)
    assert "(0 processed, 6 cached)" in again.stdout + again.stderr
    assert "warning: noeoi.jpg: this photo's file ends early" in again.stderr
    checked = run_portfolio("check", str(root), cwd=built[0].parent)
    assert "warning: noeoi.jpg: this photo's file ends early" in checked.stdout + checked.stderr
    assert "warning: cut-tiles.heic: this photo's file ends early" in checked.stdout + checked.stderr
    assert "error: `cut.jpg` cannot be read" in checked.stdout + checked.stderr
