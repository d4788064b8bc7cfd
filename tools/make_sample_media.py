#!/usr/bin/env python3
"""Draw the media of the sample class (sample_students/) with Pillow.

    python tools/make_sample_media.py [ROOT]        ROOT defaults to ./sample_students

Everything is drawn, nothing is downloaded, and the output is the same on every run
(fixed random seeds). What it makes, and why:

- photo-like JPEGs of student work (butterfly drafts, bridge models, graphs on paper,
  a poster, a marked-up essay) and four avatar "portraits". Every JPEG carries a real
  EXIF block — camera Make/Model, DateTimeOriginal and a GPS position — so that tests
  can prove the builder strips metadata (docs/privacy.md: "Published images carry
  no EXIF/XMP metadata (GPS!)"). The GPS positions are made up.
- exactly ONE photo, maya-rodriguez/bridge/model-side.jpg, is stored sideways with
  EXIF Orientation=6: it only looks upright once the orientation is applied, so a
  builder that forgets exif_transpose() shows it lying on its side.
- a PNG chart, a small hand-written PDF lab report (real text, not a scan) and a
  2.6 s WAV recording of a bridge breaking.

Only files under ROOT/<student>/ are written.
"""

from __future__ import annotations

import io
import math
import random
import struct
import sys
import wave
import zlib
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from PIL.TiffImagePlugin import IFDRational

Point = tuple[float, float]
RGB = tuple[int, int, int]

ROOT_DEFAULT = Path(__file__).resolve().parent.parent / "sample_students"
JPEG_QUALITY = 80
MAX_JPEG_BYTES = 200_000
KEY: RGB = (255, 0, 255)  # a colour no drawing uses: marks "nothing drawn here"

# ---------------------------------------------------------------- fonts

_FONT_FILES = {
    "hand": ["DejaVuSansCondensed-Oblique.ttf", "LiberationSansNarrow-Italic.ttf"],
    "hand2": ["LiberationSansNarrow-Italic.ttf", "DejaVuSansCondensed-Oblique.ttf"],
    "sans": ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"],
    "serif": ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"],
}
_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
]


@cache
def font(kind: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Return a TrueType font of the given kind, or Pillow's default font."""
    for name in _FONT_FILES[kind]:
        for folder in _FONT_DIRS:
            if (folder / name).exists():
                return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


# ---------------------------------------------------------------- geometry


def catmull_rom(pts: Sequence[Point], closed: bool = True, n: int = 10) -> list[Point]:
    """Return a smooth curve through pts (a hand-drawn shape from a few control points)."""
    p = list(pts)
    p = [p[-1], *p, p[0], p[1]] if closed else [p[0], *p, p[-1]]
    out: list[Point] = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        for k in range(n):
            t = k / n
            out.append(tuple(  # type: ignore[arg-type]
                0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t * t
                       + (-a + 3 * b - 3 * c + d) * t ** 3)
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))
    if not closed:
        out.append(tuple(pts[-1]))  # type: ignore[arg-type]
    return out


def densify(pts: Sequence[Point], step: float = 10) -> list[Point]:
    """Return pts with extra points every `step` px, so a wobble bends long lines."""
    out: list[Point] = []
    for (x0, y0), (x1, y1) in pairwise(pts):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n)]
    out.append(tuple(pts[-1]))  # type: ignore[arg-type]
    return out


def wobble(pts: Sequence[Point], rng: random.Random, amp: float) -> list[Point]:
    """Return pts moved by slowly varying noise, like a hand that is not a machine."""
    ox = oy = 0.0
    out = []
    for x, y in pts:
        ox = 0.85 * ox + rng.gauss(0, amp * 0.5)
        oy = 0.85 * oy + rng.gauss(0, amp * 0.5)
        out.append((x + ox, y + oy))
    return out


def persp_coeffs(dst: Sequence[Point], src: Sequence[Point]) -> list[float]:
    """Return the 8 PERSPECTIVE coefficients that map output quad dst onto input quad src."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    n = 8
    m = [[*r, b] for r, b in zip(rows, rhs, strict=True)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


# ---------------------------------------------------------------- drawing helpers


def pencil(d: ImageDraw.ImageDraw, pts: Sequence[Point], rng: random.Random, *,
           color: RGB = (62, 62, 70), alpha: int = 200, width: int = 4, amp: float = 1.2,
           passes: int = 1, closed: bool = False) -> None:
    """Draw a sketchy line through pts (several light passes look like pencil)."""
    pts = list(pts) + ([pts[0]] if closed else [])
    dense = densify(pts, 10)
    for _ in range(passes):
        d.line(wobble(dense, rng, amp), fill=(*color, alpha), width=width, joint="curve")


def hand(d: ImageDraw.ImageDraw, xy: Point, text: str, size: int, rng: random.Random, *,
         fill: tuple[int, ...] = (55, 55, 65, 230), kind: str = "hand",
         jitter: float = 0.05) -> float:
    """Write text letter by letter with small jumps in height and size; return end x."""
    x, y = xy
    for ch in text:
        s = max(6, int(size * rng.uniform(0.94, 1.06)))
        f = font(kind, s)
        d.text((x, y + rng.uniform(-jitter, jitter) * size + (size - s) * 0.8), ch,
               font=f, fill=fill)
        x += f.getlength(ch) * rng.uniform(0.97, 1.04)
    return x


def text_width(text: str, size: int, kind: str = "hand") -> float:
    return font(kind, size).getlength(text)


def ink(im: Image.Image, mask: Image.Image, color: RGB) -> None:
    """Paint color onto im wherever mask (L) is set."""
    im.paste(Image.new("RGB", im.size, color), (0, 0), mask)


def hatch_mask(size: tuple[int, int], bbox: tuple[float, float, float, float],
               rng: random.Random, *, spacing: float, angle: float = 40, value: int = 150,
               width: int = 3) -> Image.Image:
    """Return an L mask of pencil hatching strokes over bbox (clip it with a shape)."""
    m = Image.new("L", size, 0)
    d = ImageDraw.Draw(m)
    x0, y0, x1, y1 = bbox
    diag = math.hypot(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    k = -diag / 2
    while k < diag / 2:
        px, py = cx - uy * k, cy + ux * k
        d.line([(px - ux * diag / 2, py - uy * diag / 2), (px + ux * diag / 2, py + uy * diag / 2)],
               fill=int(value * rng.uniform(0.6, 1.0)), width=width)
        k += spacing * rng.uniform(0.7, 1.3)
    return m


def polygon_mask(size: tuple[int, int], polys: Iterable[Sequence[Point]]) -> Image.Image:
    m = Image.new("L", size, 0)
    d = ImageDraw.Draw(m)
    for p in polys:
        d.polygon(list(p), fill=255)
    return m


def arrow(d: ImageDraw.ImageDraw, p0: Point, p1: Point, rng: random.Random, *,
          color: RGB = (62, 62, 70), width: int = 3, head: float = 16) -> None:
    pencil(d, [p0, p1], rng, color=color, width=width, amp=0.6)
    a = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    for s in (-1, 1):
        q = (p1[0] - head * math.cos(a + s * 0.45), p1[1] - head * math.sin(a + s * 0.45))
        pencil(d, [p1, q], rng, color=color, width=width, amp=0.3)


# ---------------------------------------------------------------- surfaces


def grain(size: tuple[int, int], sigma: float, blur: float = 0.0) -> Image.Image:
    """Return zero-centred RGB noise (value 128 = no change) for ImageChops.add."""
    n = Image.effect_noise(size, sigma)
    if blur:
        n = n.filter(ImageFilter.GaussianBlur(blur))
    return n.convert("RGB")


def add_grain(im: Image.Image, sigma: float, blur: float = 0.0) -> Image.Image:
    return ImageChops.add(im, grain(im.size, sigma, blur), 1.0, -128)


def paper(size: tuple[int, int], rng: random.Random, tone: RGB = (247, 245, 238)) -> Image.Image:
    """Return a sheet of paper with a faint fibre texture."""
    return add_grain(Image.new("RGB", size, tone), 18, 2.5)


def graph_grid(im: Image.Image, cell: int, *, top: int = 0, color: RGB = (120, 170, 205),
               alpha: int = 95, bold_every: int = 0) -> None:
    d = ImageDraw.Draw(im, "RGBA")
    w, h = im.size
    for i, x in enumerate(range(cell // 2, w, cell)):
        a = alpha + (45 if bold_every and i % bold_every == 0 else 0)
        d.line([(x, top), (x, h)], fill=(*color, a), width=2)
    for i, y in enumerate(range(top, h, cell)):
        a = alpha + (45 if bold_every and i % bold_every == 0 else 0)
        d.line([(0, y), (w, y)], fill=(*color, a), width=2)


def wood(size: tuple[int, int], rng: random.Random, base: RGB = (176, 128, 84)) -> Image.Image:
    """Return a wooden desk top with long wavy grain."""
    w, h = size
    im = Image.new("RGB", size, base)
    d = ImageDraw.Draw(im, "RGBA")
    for _ in range(int(h / 5)):
        y = rng.uniform(-20, h + 20)
        amp, freq, ph = rng.uniform(2, 14), rng.uniform(0.001, 0.006), rng.uniform(0, 6.3)
        shade = rng.choice([(90, 55, 30), (120, 80, 45), (215, 170, 120)])
        pts = [(x, y + amp * math.sin(x * freq + ph)) for x in range(-40, w + 80, 40)]
        d.line(pts, fill=(*shade, rng.randint(18, 55)), width=rng.randint(1, 5))
    for _ in range(3):  # plank seams
        y = rng.uniform(0.15, 0.95) * h
        d.line([(0, y), (w, y + rng.uniform(-8, 8))], fill=(70, 45, 25, 120), width=4)
    return add_grain(im.filter(ImageFilter.GaussianBlur(2)), 10, 1.5)


def laminate(size: tuple[int, int], rng: random.Random, base: RGB = (214, 208, 196)) -> Image.Image:
    """Return a speckled classroom table top."""
    return add_grain(Image.new("RGB", size, base), 22, 1.2)


def block_wall(size: tuple[int, int], rng: random.Random, base: RGB = (228, 224, 212),
               course: int = 190) -> Image.Image:
    """Return a painted cinder-block wall, as in most school hallways."""
    w, h = size
    im = Image.new("RGB", size, base)
    d = ImageDraw.Draw(im, "RGBA")
    for r, y in enumerate(range(0, h + course, course)):
        d.line([(0, y), (w, y)], fill=(160, 155, 140, 150), width=7)
        off = (r % 2) * course
        for x in range(-off, w + 2 * course, 2 * course):
            d.line([(x, y), (x, y + course)], fill=(160, 155, 140, 130), width=7)
    im = im.filter(ImageFilter.GaussianBlur(2.2))
    return add_grain(im, 16, 1.0)


def place(bg: Image.Image, art: Image.Image, quad: Sequence[Point], *, shadow: float = 0.35,
          shadow_offset: Point = (12, 16), shadow_blur: float = 16) -> None:
    """Lay art onto bg so its corners land on quad (tl, tr, br, bl), with a soft shadow."""
    w, h = art.size
    coeffs = persp_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    rgba = art.convert("RGBA")
    warped = rgba.transform(bg.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    if shadow:
        a = warped.getchannel("A").point(lambda v: int(v * shadow))
        a = ImageChops.offset(a, int(shadow_offset[0]), int(shadow_offset[1]))
        a = a.filter(ImageFilter.GaussianBlur(shadow_blur))
        bg.paste(Image.new("RGB", bg.size, (20, 15, 10)), (0, 0), a)
    bg.paste(warped.convert("RGB"), (0, 0), warped.getchannel("A"))


def tilted_quad(cx: float, cy: float, w: float, h: float, angle: float,
                keystone: float = 0.0) -> list[Point]:
    """Return a rectangle's corners, rotated by angle degrees and narrowed at the top
    by keystone (0.03 = 3 %), as a phone held a little tilted sees a sheet."""
    a = math.radians(angle)
    corners = [(-w / 2 * (1 - keystone), -h / 2), (w / 2 * (1 - keystone), -h / 2),
               (w / 2, h / 2), (-w / 2, h / 2)]
    return [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
            for x, y in corners]


def camera(scene: Image.Image, out_size: tuple[int, int], rng: random.Random, *,
           vignette: float = 0.32, light: float = 0.12, light_angle: float = 30,
           tint: RGB = (255, 249, 238), noise: float = 5.0) -> Image.Image:
    """Turn a clean scene into a phone photo: downscale, uneven light, vignette, grain."""
    im = scene.resize(out_size, Image.Resampling.LANCZOS)
    # rotate a gradient twice the needed size and keep its middle: no empty corners
    grad = Image.linear_gradient("L").resize((512, 512)).rotate(light_angle)
    grad = grad.crop((128, 128, 384, 384)).resize(out_size)
    lit = grad.point(lambda v: int(255 * (1 - light * v / 255)))
    rad = Image.radial_gradient("L").resize(out_size)
    vig = rad.point(lambda v: int(255 * (1 - vignette * min(1.0, v / 255) ** 2)))
    shade = ImageChops.multiply(lit, vig).convert("RGB")
    im = ImageChops.multiply(im, shade)
    im = ImageChops.multiply(im, Image.new("RGB", out_size, tint))
    im = add_grain(im, noise, 0.6)
    return im.filter(ImageFilter.GaussianBlur(0.45))


# ---------------------------------------------------------------- EXIF and saving


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    value = abs(value)
    deg = int(value)
    minutes = int((value - deg) * 60)
    sec = round(((value - deg) * 60 - minutes) * 60 * 100)
    return IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(sec, 100)


def make_exif(make: str, model: str, software: str, when: str, gps: Point,
              orientation: int = 1) -> Image.Exif:
    """Return an EXIF block as a phone or tablet writes it, GPS position included."""
    lat, lon = gps
    exif = Image.Exif()
    exif[0x010F] = make                  # Make
    exif[0x0110] = model                 # Model
    exif[0x0112] = orientation           # Orientation
    exif[0x0131] = software              # Software
    exif[0x0132] = when                  # DateTime
    exif[0x8769] = {                     # Exif IFD
        0x9003: when,                    # DateTimeOriginal
        0x9004: when,                    # DateTimeDigitized
        0x829D: IFDRational(18, 10),     # FNumber
        0x920A: IFDRational(399, 100),   # FocalLength
    }
    exif[0x8825] = {                     # GPS IFD
        0: b"\x02\x02\x00\x00",          # GPSVersionID
        1: "N" if lat >= 0 else "S",
        2: _dms(lat),
        3: "E" if lon >= 0 else "W",
        4: _dms(lon),
        5: b"\x00",                      # above sea level
        6: IFDRational(21340, 100),      # GPSAltitude
    }
    return exif


# Made-up positions: the school, and homes (the reason GPS must never be published).
SCHOOL: Point = (44.47612, -73.21208)
HOME_HERNANDEZ: Point = (44.49127, -73.18544)
HOME_NAKAMURA: Point = (44.45833, -73.23391)
HOME_RODRIGUEZ: Point = (44.48410, -73.22671)
HOME_MARTIN: Point = (44.46602, -73.19288)
HOME_CARTER: Point = (44.49975, -73.20150)
IPAD = ("Apple", "iPad (9th generation)", "17.6.1")
IPHONE = ("Apple", "iPhone 12", "18.0.1")
GALAXY = ("samsung", "SM-A536U", "A536USQS8DXG1")
PIXEL = ("Google", "Pixel 6a", "AP2A.240905.003")


def save_jpeg(im: Image.Image, path: Path, device: tuple[str, str, str], when: str,
              gps: Point, orientation: int = 1) -> None:
    """Save a photo with EXIF, lowering quality only if it would pass MAX_JPEG_BYTES."""
    exif = make_exif(*device, when=when, gps=gps, orientation=orientation)
    path.parent.mkdir(parents=True, exist_ok=True)
    for q in (JPEG_QUALITY, 76, 72, 68, 64):
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "JPEG", quality=q, optimize=True, exif=exif)
        if buf.tell() <= MAX_JPEG_BYTES:
            break
    path.write_bytes(buf.getvalue())


# ---------------------------------------------------------------- Léa: Austin's-Butterfly drafts

# Right-hand wings of an eastern tiger swallowtail, in drawing units (body at 0,0).
FOREWING: list[Point] = [(8, -18), (50, -72), (120, -132), (200, -176), (290, -206), (303, -190),
                         (297, -150), (283, -95), (267, -40), (251, 4), (170, 12), (90, 14), (10, 10)]
HINDWING: list[Point] = [(10, 14), (80, 18), (160, 28), (215, 55), (236, 95), (226, 135), (202, 166),
                         (174, 186), (161, 200), (162, 245), (156, 282), (143, 284), (136, 245),
                         (128, 206), (96, 207), (58, 189), (28, 150), (10, 90)]
ABDOMEN: list[Point] = [(-10, 26), (10, 26), (9, 80), (7, 130), (3, 170), (-3, 170), (-7, 130), (-9, 80)]


def butterfly_art(draft: int, rng: random.Random) -> Image.Image:
    """Return draft 1–4 of Léa's scientific drawing, each more accurate and detailed."""
    size = (1800, 1350)
    im = paper(size, rng)
    d = ImageDraw.Draw(im, "RGBA")
    cx, cy, s = 900.0, 700.0, 1.8

    def T(pts: Iterable[Point], side: int = 1) -> list[Point]:
        return [(cx + side * x * s, cy + y * s) for x, y in pts]

    if draft == 1:
        _butterfly_draft1(im, d, T, rng)
    else:
        _butterfly_detailed(im, d, T, draft, rng)
    return im


def _ellipse_pts(cx: float, cy: float, rx: float, ry: float, rot: float, n: int = 14) -> list[Point]:
    a = math.radians(rot)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    return pts


def _butterfly_draft1(im: Image.Image, d: ImageDraw.ImageDraw, T, rng: random.Random) -> None:
    # A quick first look: round wings, stick body, no tails, no pattern (like Austin's draft 1).
    for side in (1, -1):
        fore = catmull_rom(_ellipse_pts(145, -85, 150, 82, -28))
        hind = catmull_rom(_ellipse_pts(100, 92, 82, 78, 10))
        pencil(d, T(fore, side), rng, width=5, amp=2.4, passes=2, closed=True)
        pencil(d, T(hind, side), rng, width=5, amp=2.4, passes=2, closed=True)
        for (x, y, r) in ((150, -90, 22), (90, 95, 18)):
            pencil(d, T(catmull_rom(_ellipse_pts(x, y, r, r, 0, 8)), side), rng, width=4,
                   amp=1.5, closed=True)
        pencil(d, T([(4, -45), (55, -170)], side), rng, width=4, amp=1.5)
    pencil(d, T(catmull_rom(_ellipse_pts(0, 55, 11, 110, 0))), rng, width=5, amp=1.8, passes=2,
           closed=True)
    pencil(d, T(catmull_rom(_ellipse_pts(0, -52, 14, 14, 0, 8))), rng, width=5, amp=1.2, closed=True)
    hand(d, (90, 70), "butterfly - draft 1", 54, rng)
    hand(d, (1440, 1270), "Léa M.  9/14", 44, rng)


def _butterfly_detailed(im: Image.Image, d: ImageDraw.ImageDraw, T, draft: int,
                        rng: random.Random) -> None:
    size = im.size
    fore_r, hind_r = catmull_rom(FOREWING, n=8), catmull_rom(HINDWING, n=8)
    wings = [T(fore_r, 1), T(hind_r, 1), T(fore_r, -1), T(hind_r, -1)]
    fore_mask = polygon_mask(size, [wings[0], wings[2]])
    wing_mask = polygon_mask(size, wings)
    if draft == 2:  # ghost of draft 1's round wings, not quite erased
        for side in (1, -1):
            pencil(d, T(catmull_rom(_ellipse_pts(145, -85, 150, 82, -28)), side), rng,
                   alpha=28, width=5, amp=2.4, closed=True)
    if draft == 4:  # colored pencil: yellow wings
        bbox = (cx0 := min(p[0] for w in wings for p in w), min(p[1] for w in wings for p in w),
                max(p[0] for w in wings for p in w), max(p[1] for w in wings for p in w))
        del cx0
        ink(im, ImageChops.multiply(hatch_mask(size, bbox, rng, spacing=6, value=235, width=4),
                                    wing_mask), (246, 204, 52))
    if draft >= 3:
        _butterfly_pattern(im, T, wings, fore_mask, wing_mask, draft, rng)
    for w in wings:
        pencil(d, w, rng, width=4, amp=1.0 if draft == 4 else 1.4, passes=2, closed=True,
               color=(35, 35, 40) if draft == 4 else (62, 62, 70))
    _butterfly_body(im, d, T, draft, rng)
    if draft >= 3:
        _butterfly_veins(d, T, draft, rng)
    titles = {2: "Tiger swallowtail - draft 2", 3: "Tiger swallowtail - draft 3  (stripes + veins)",
              4: "Eastern Tiger Swallowtail (Papilio glaucus) - draft 4"}
    hand(d, (90, 60), titles[draft], 50 if draft < 4 else 46, rng)
    dates = {2: "9/18", 3: "9/23", 4: "9/29"}
    hand(d, (1440, 1270), f"Léa M.  {dates[draft]}", 40, rng)
    if draft >= 3:
        _butterfly_labels(d, T, draft, rng)
    if draft == 4:
        pencil(d, [(110, 1250), (410, 1250)], rng, width=5, amp=0.3)
        for x in (110, 410):
            pencil(d, [(x, 1236), (x, 1264)], rng, width=4, amp=0.2)
        hand(d, (120, 1180), "1 cm (drawn 3x life size)", 34, rng)


def _butterfly_pattern(im, T, wings, fore_mask, wing_mask, draft, rng) -> None:
    size = im.size
    dark = (25, 25, 28) if draft == 4 else (90, 90, 98)
    stripes = Image.new("L", size, 0)
    sd = ImageDraw.Draw(stripes)
    bands = [(26, 34, 12), (96, 26, -20), (156, 24, -70), (218, 22, -118)]  # x, width, lowest y
    for side in (1, -1):
        for x0, w, ylow in bands:
            sd.polygon(T([(x0, -260), (x0 + w, -260), (x0 + w - 48, ylow), (x0 - 48, ylow)], side),
                       fill=255)
        sd.polygon(T([(6, 10), (52, 14), (70, 200), (8, 200)], side), fill=255)  # hindwing inner band
        sd.polygon(T([(100, 14), (124, 18), (116, 120), (96, 118)], side), fill=255)
    stripes = ImageChops.multiply(stripes, wing_mask)
    border = Image.new("L", size, 0)
    bd = ImageDraw.Draw(border)
    for w in wings:
        bd.line([*w, w[0]], fill=255, width=44, joint="curve")
    border = ImageChops.multiply(border, wing_mask)
    shape = ImageChops.lighter(stripes, border)
    if draft == 4:
        ink(im, shape.point(lambda v: int(v * 0.9)), dark)
    else:  # graphite hatching
        bbox = (0, 0, size[0], size[1])
        ink(im, ImageChops.multiply(hatch_mask(size, bbox, rng, spacing=9, value=190, width=3),
                                    shape), dark)
        ink(im, ImageChops.multiply(hatch_mask(size, bbox, rng, spacing=12, angle=-35, value=120,
                                               width=2), shape), dark)
    d = ImageDraw.Draw(im, "RGBA")
    # yellow marginal spots (draft 4) / little circles (draft 3) along the outer edges
    spot_color = (250, 214, 70, 255) if draft == 4 else (120, 120, 128, 160)
    for side in (1, -1):
        for pts, idx in ((FOREWING, range(5, 10)), (HINDWING, range(3, 9))):
            ctr = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            for i in idx:
                for t in (0.25, 0.75):
                    (x0, y0), (x1, y1) = pts[i - 1], pts[i]
                    x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                    dx, dy = ctr[0] - x, ctr[1] - y
                    k = 9 / math.hypot(dx, dy)
                    (px, py), = T([(x + dx * k, y + dy * k)], side)
                    r = 7 if pts is FOREWING else 9
                    if draft == 4:
                        d.ellipse((px - r, py - r * 0.7, px + r, py + r * 0.7), fill=spot_color)
                    else:
                        d.ellipse((px - r, py - r, px + r, py + r), outline=spot_color, width=2)
        if draft == 4:  # blue scales and the orange spot near the tail
            for x, y in ((150, 150), (175, 132), (122, 165), (196, 108)):
                (px, py), = T([(x, y)], side)
                d.ellipse((px - 13, py - 9, px + 13, py + 9), fill=(70, 110, 200, 210))
            (px, py), = T([(110, 190)], side)
            d.ellipse((px - 16, py - 12, px + 16, py + 12), fill=(236, 120, 40, 235))


def _butterfly_body(im, d, T, draft, rng) -> None:
    col = (30, 30, 34) if draft == 4 else (62, 62, 70)
    thorax = catmull_rom(_ellipse_pts(0, 0, 15, 30, 0, 10))
    head = catmull_rom(_ellipse_pts(0, -42, 14, 13, 0, 8))
    abdomen = catmull_rom(ABDOMEN, n=6)
    if draft == 4:
        ink(im, polygon_mask(im.size, [T(thorax), T(head), T(abdomen)]), (40, 38, 36))
        for side in (1, -1):
            pencil(d, T([(7, 30), (6, 90), (3, 150)], side), rng, color=(240, 200, 60), width=4,
                   amp=0.4)
    for part in (thorax, head, abdomen):
        pencil(d, T(part), rng, color=col, width=4, amp=0.8, passes=2, closed=True)
    for y in (45, 65, 85, 105, 125, 145):  # abdomen segments
        pencil(d, T([(-8, y), (8, y + 3)]), rng, color=col, width=3, amp=0.3)
    for side in (1, -1):
        ant = catmull_rom([(4, -52), (18, -95), (38, -140), (62, -178)], closed=False, n=6)
        pencil(d, T(ant, side), rng, color=col, width=3, amp=0.5)
        (ex, ey), = T([(62, -180)], side)
        d.ellipse((ex - 7, ey - 11, ex + 7, ey + 11), fill=(*col, 255))
        (ex, ey), = T([(8, -46)], side)
        d.ellipse((ex - 6, ey - 6, ex + 6, ey + 6), fill=(*col, 230))
        pencil(d, T([(12, 22), (30, 60), (40, 86)], side), rng, color=col, width=3, amp=0.4)


def _butterfly_veins(d, T, draft, rng) -> None:
    col = (40, 40, 44) if draft == 4 else (80, 80, 88)
    for side in (1, -1):
        for i in range(3, 10):
            tx, ty = FOREWING[i]
            pencil(d, T([(14, -8), (14 + (tx - 14) * 0.9, -8 + (ty + 8) * 0.9)], side), rng,
                   color=col, alpha=170, width=2, amp=0.6)
        for i in range(2, 9):
            tx, ty = HINDWING[i]
            pencil(d, T([(16, 22), (16 + (tx - 16) * 0.88, 22 + (ty - 22) * 0.88)], side), rng,
                   color=col, alpha=170, width=2, amp=0.6)


def _butterfly_labels(d, T, draft, rng) -> None:
    labels = [("forewing", (1470, 250), (220, -150), 1), ("hindwing", (1470, 850), (190, 100), 1)]
    if draft == 4:
        labels += [("antenna (clubbed)", (1120, 170), (52, -160), 1),
                   ("head + eyes", (420, 200), (-12, -44), -1),
                   ("thorax", (90, 560), (-14, -4), -1),
                   ("abdomen", (150, 1030), (-6, 130), -1),
                   ("tail", (1250, 1160), (158, 262), 1),
                   ("yellow marginal spots", (1440, 520), (262, -20), 1),
                   ("blue + orange spots", (1390, 1060), (150, 152), 1)]
    for text, (tx, ty), target, _side in labels:
        (px, py), = T([target])
        size = 34 if draft == 4 else 40
        hand(d, (tx, ty), text, size, rng)
        ax = tx + text_width(text, size) / 2
        ay = ty + size * 1.25 if ty < py else ty - 6
        pencil(d, [(ax, ay), (px, py)], rng, width=2, amp=0.3, alpha=170)


def butterfly_photo(draft: int) -> Image.Image:
    """Return a phone photo of Léa's draft lying on a desk."""
    rng = random.Random(100 + draft)
    art = butterfly_art(draft, rng)
    scene = wood((2400, 1800), rng)
    quad = tilted_quad(1200 + rng.uniform(-40, 40), 900 + rng.uniform(-20, 30), 2060, 1545,
                       rng.uniform(-2.5, 2.5), keystone=0.025)
    place(scene, art, quad)
    return camera(scene, (1200, 900), rng, light_angle=rng.uniform(0, 60))


# ---------------------------------------------------------------- Maya: the bridge


def stick(d: ImageDraw.ImageDraw, p0: Point, p1: Point, rng: random.Random, w: float = 11,
          color: RGB = (224, 192, 140)) -> None:
    """Draw one craft stick (a rounded wooden strip) from p0 to p1."""
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    L = math.hypot(dx, dy)
    nx, ny = -dy / L * w, dx / L * w
    tone = tuple(max(0, min(255, c + rng.randint(-14, 10))) for c in color)
    d.line([p0, p1], fill=(*tone, 255), width=int(2 * w))
    for e in (p0, p1):
        d.ellipse((e[0] - w, e[1] - w, e[0] + w, e[1] + w), fill=(*tone, 255))
    for k in (-0.45, 0.1, 0.55):  # wood grain along the stick
        d.line([(p0[0] + nx * k, p0[1] + ny * k), (p1[0] + nx * k, p1[1] + ny * k)],
               fill=(150, 110, 70, 60), width=2)
    e = 0.8  # edges just inside the stick: its shade below, a highlight above
    d.line([(p0[0] - nx * e, p0[1] - ny * e), (p1[0] - nx * e, p1[1] - ny * e)],
           fill=(140, 100, 60, 150), width=2)
    d.line([(p0[0] + nx * e, p0[1] + ny * e), (p1[0] + nx * e, p1[1] + ny * e)],
           fill=(250, 230, 190, 120), width=2)


def books(d: ImageDraw.ImageDraw, x0: float, x1: float, top: float, bottom: float,
          rng: random.Random) -> None:
    """Draw a stack of textbooks (the bridge's supports)."""
    y = bottom
    colors = [(60, 90, 150), (170, 60, 50), (50, 120, 90), (210, 170, 60), (90, 70, 120),
              (40, 40, 45), (200, 120, 60)]
    while y > top + 5:
        h = min(rng.uniform(55, 95), y - top)
        off = rng.uniform(-25, 25)
        c = rng.choice(colors)
        d.rectangle((x0 + off, y - h, x1 + off, y), fill=(*c, 255))
        d.rectangle((x0 + off, y - h + 6, x1 + off, y - h + 12), fill=(255, 255, 255, 50))
        d.line([(x0 + off + 30, y - h / 2), (x1 + off - 90, y - h / 2)], fill=(240, 235, 220, 140),
               width=5)
        d.rectangle((x0 + off, y - h, x1 + off, y), outline=(20, 20, 20, 120), width=2)
        y -= h


def bucket(d: ImageDraw.ImageDraw, hook: Point, rng: random.Random, drop: float = 240,
           tilt: float = 0.0) -> None:
    """Draw a string from hook and a small plastic bucket full of sand hanging from it."""
    hx, hy = hook
    top = hy + drop
    d.line([(hx, hy), (hx + tilt, top - 40)], fill=(245, 245, 240, 255), width=4)
    d.arc((hx + tilt - 120, top - 40, hx + tilt + 120, top + 130), 190, 350, fill=(90, 90, 95, 255),
          width=6)
    poly = [(hx + tilt - 125, top + 40), (hx + tilt + 125, top + 40), (hx + tilt + 100, top + 250),
            (hx + tilt - 100, top + 250)]
    d.polygon(poly, fill=(60, 120, 190, 255))
    d.polygon([(poly[0][0] + 12, poly[0][1] + 10), (poly[0][0] + 45, poly[0][1] + 10),
               (poly[3][0] + 38, poly[3][1] - 10), (poly[3][0] + 10, poly[3][1] - 10)],
              fill=(255, 255, 255, 45))
    d.rectangle((poly[0][0] - 6, top + 30, poly[1][0] + 6, top + 52), fill=(45, 95, 160, 255))
    d.ellipse((hx + tilt - 110, top + 20, hx + tilt + 110, top + 50), fill=(205, 180, 130, 255))


def sticky_note(scene: Image.Image, center: Point, lines: list[str], rng: random.Random,
                color: RGB = (252, 232, 110), size: int = 260, angle: float = 0.0) -> None:
    note = Image.new("RGB", (size, size), color)
    nd = ImageDraw.Draw(note, "RGBA")
    nd.rectangle((0, 0, size, 30), fill=(0, 0, 0, 14))
    for i, line in enumerate(lines):
        hand(nd, (18, 40 + i * 62), line, 48, rng, fill=(30, 30, 120, 235), kind="hand2")
    quad = tilted_quad(center[0], center[1], size, size, angle)
    place(scene, note, quad, shadow=0.25, shadow_offset=(6, 8), shadow_blur=8)


def truss_nodes(x0: float, x1: float, y_bottom: float, height: float, panels: int,
                sag: float = 0.0) -> tuple[list[Point], list[Point]]:
    """Return the bottom and top joints of a Warren truss, the bottom sagging by sag px."""
    pw = (x1 - x0) / panels
    mid = (x0 + x1) / 2
    def dip(x: float) -> float:
        return sag * (1 - ((x - mid) / (mid - x0)) ** 2)
    bottom = [(x0 + i * pw, y_bottom + dip(x0 + i * pw)) for i in range(panels + 1)]
    top = [(x0 + (i + 0.5) * pw, y_bottom - height + dip(x0 + (i + 0.5) * pw)) for i in range(panels)]
    return bottom, top


def bridge_scene(final: bool) -> Image.Image:
    """Return the upright photo of Maya's bridge under load: test 1 (broken) or test 3."""
    rng = random.Random(200 + final)
    W, H = 2400, 1600
    scene = block_wall((W, H), rng)
    d = ImageDraw.Draw(scene, "RGBA")
    table_y = 1380
    d.rectangle((0, table_y, W, H), fill=(205, 198, 184, 255))
    d.rectangle((0, table_y, W, table_y + 14), fill=(150, 140, 125, 255))
    scene.paste(laminate((W, H - table_y - 14), rng), (0, table_y + 14))
    # Draw the model on a key-coloured canvas so it can cast a soft shadow on the wall.
    wall = scene
    scene = Image.new("RGB", (W, H), KEY)
    d = ImageDraw.Draw(scene, "RGBA")
    deck_y = 860
    books(d, 260, 690, deck_y + 8, table_y, rng)
    books(d, 1710, 2140, deck_y + 8, table_y, rng)
    bottom, top = truss_nodes(560, 1840, deck_y, 250, 4, sag=10 if final else 34)
    if not final:
        sticky_note(wall, (2230, 300), ["Test 1", "9.4 kg", "snapped :("], rng, angle=-4)
        for a, b in pairwise(bottom):
            stick(d, a, b, rng)
        for a, b in pairwise(top):
            stick(d, a, b, rng)
        for i, t in enumerate(top):
            for j, b in ((i, bottom[i]), (i + 1, bottom[i + 1])):
                if (i, j) == (1, 2):  # the diagonal that broke: two pieces, splintered ends
                    m = ((t[0] + b[0]) / 2, (t[1] + b[1]) / 2)
                    stick(d, t, (m[0] - 16, m[1] - 30), rng)
                    stick(d, b, (m[0] + 40, m[1] + 12), rng)
                    for k in range(5):
                        d.line([(m[0] - 16, m[1] - 30), (m[0] - 6 + k * 5, m[1] - 12 + k * 3)],
                               fill=(230, 205, 160, 255), width=3)
                else:
                    stick(d, t, b, rng)
        bucket(d, bottom[2], rng, drop=150, tilt=-14)
    else:
        sticky_note(wall, (2220, 300), ["Test 3", "21.4 kg", "HELD!!"], rng, angle=3,
                    color=(255, 170, 200))
        for y_off in (0, -16):  # doubled chords
            for a, b in pairwise(bottom):
                stick(d, (a[0], a[1] + y_off), (b[0], b[1] + y_off), rng)
        for y_off in (0, 16):
            for a, b in pairwise(top):
                stick(d, (a[0], a[1] + y_off), (b[0], b[1] + y_off), rng)
        for i, t in enumerate(top):  # verticals, then diagonals
            stick(d, t, ((bottom[i][0] + bottom[i + 1][0]) / 2, bottom[i][1] + 4), rng, w=9)
            stick(d, t, bottom[i], rng)
            stick(d, t, bottom[i + 1], rng)
        for p in bottom + top:  # gusset plates and glue
            d.rounded_rectangle((p[0] - 30, p[1] - 26, p[0] + 30, p[1] + 26), 8,
                                fill=(214, 180, 128, 255), outline=(150, 110, 70, 200), width=2)
            d.ellipse((p[0] - 14, p[1] - 10, p[0] + 12, p[1] + 12), fill=(250, 250, 240, 90))
        bucket(d, bottom[2], rng, drop=150)
    for p in bottom + top:
        d.ellipse((p[0] - 10, p[1] - 8, p[0] + 10, p[1] + 9), fill=(252, 252, 245, 80))
    mask = ImageChops.difference(scene, Image.new("RGB", (W, H), KEY)).convert("L")
    mask = mask.point(lambda v: 255 if v > 8 else 0)
    shadow = ImageChops.offset(mask, 34, 22).filter(ImageFilter.GaussianBlur(22))
    wall.paste(Image.new("RGB", (W, H), (40, 35, 30)), (0, 0), shadow.point(lambda v: v * 3 // 10))
    wall.paste(scene, (0, 0), mask)
    return camera(wall, (1200, 800), rng, light_angle=-20, vignette=0.38)


def design_sketch_art(rng: random.Random) -> Image.Image:
    """Return Maya's pencil design on graph paper, with the 6-8-10 triangle worked out."""
    art = paper((1800, 1390), rng, tone=(250, 250, 246))
    graph_grid(art, 40, bold_every=5)
    d = ImageDraw.Draw(art, "RGBA")
    hand(d, (80, 50), "Bridge design v2 - Warren truss", 62, rng)
    hand(d, (1300, 60), "Maya R. 9/22", 46, rng)
    x0, y0, pw, h = 140, 720, 360, 240  # 4 panels of 12 cm, 8 cm high (30 px = 1 cm)
    bottom = [(x0 + i * pw, y0) for i in range(5)]
    top = [(x0 + (i + 0.5) * pw, y0 - h) for i in range(4)]
    for chord in (bottom, top):
        pencil(d, chord, rng, width=5, amp=0.5, passes=2)
    for i, t in enumerate(top):
        pencil(d, [bottom[i], t, bottom[i + 1]], rng, width=4, amp=0.5, passes=2)
    for p in bottom + top:
        d.ellipse((p[0] - 9, p[1] - 9, p[0] + 9, p[1] + 9), outline=(62, 62, 70, 220), width=3)
    arrow(d, (x0 + 700, y0 + 70), (x0, y0 + 70), rng)
    arrow(d, (x0 + 740, y0 + 70), (x0 + 4 * pw, y0 + 70), rng)
    hand(d, (x0 + 655, y0 + 85), "48 cm", 44, rng)
    arrow(d, (x0 + 4 * pw + 60, y0 - 120), (x0 + 4 * pw + 60, y0 - h), rng)
    arrow(d, (x0 + 4 * pw + 60, y0 - 110), (x0 + 4 * pw + 60, y0), rng)
    hand(d, (x0 + 4 * pw + 80, y0 - 145), "8 cm", 44, rng)
    hand(d, (x0 + 330, y0 - h - 90), "top chord = compression", 38, rng)
    hand(d, (x0 + 330, y0 + 150), "bottom chord = tension", 38, rng)
    # the worked triangle
    tx, ty, k = 260, 1270, 38  # 1 cm = 38 px
    tri = [(tx, ty), (tx + 6 * k, ty), (tx + 6 * k, ty - 8 * k)]
    pencil(d, tri, rng, width=4, amp=0.4, passes=2, closed=True)
    d.rectangle((tx + 6 * k - 26, ty - 26, tx + 6 * k, ty), outline=(62, 62, 70, 200), width=3)
    hand(d, (tx + 70, ty + 8), "a = 6", 40, rng)
    hand(d, (tx + 6 * k + 16, ty - 4 * k - 20), "b = 8", 40, rng)
    hand(d, (tx - 10, ty - 5 * k - 40), "c = ?", 40, rng)
    notes = ["a² + b² = c²", "6² + 8² = 36 + 64 = 100", "c = √100 = 10 cm  ✓",
             "-> cut 16 diagonals at 10 cm", "(2 sides x 8)"]
    for i, line in enumerate(notes):
        hand(d, (700, 960 + i * 72), line, 48, rng)
    d.ellipse((680, 1100, 1230, 1175), outline=(62, 62, 70, 170), width=3)
    return art


def design_sketch_photo() -> Image.Image:
    rng = random.Random(210)
    scene = laminate((2400, 1800), rng)
    art = design_sketch_art(rng)
    place(scene, art, tilted_quad(1200, 910, 2140, 1652, 1.8, keystone=0.03))
    return camera(scene, (1200, 900), rng, light_angle=140)


# ---------------------------------------------------------------- graphs on graph paper


def graph_art(spec: dict, rng: random.Random) -> Image.Image:
    """Return a hand-drawn graph on a sheet of graph paper, as described by spec.

    spec keys: name, title, xlabel, ylabel, xmax, ymax, xstep, ystep (data units per
    tick), xticks/yticks (labels, optional override), points, lines [(p0, p1, color,
    dashed)], notes [(text, (x, y) in px, color)], slope [(p0, p1, color)], messy,
    point_color, connect (dot to dot).
    """
    W, H, cell = 1500, 1940, 50
    art = paper((W, H), rng, tone=(250, 250, 247))
    graph_grid(art, cell, top=170)
    d = ImageDraw.Draw(art, "RGBA")
    messy = spec.get("messy", False)
    amp = 2.2 if messy else 0.5
    hand(d, (70, 50), spec["name"], 44, rng)
    hand(d, (1500 - 70 - text_width(spec["date"], 44), 50), spec["date"], 44, rng)
    hand(d, (150, 215), spec["title"], 58, rng)
    # Like a student: the origin on a grid crossing, every tick a whole number of squares.
    ox, oy = 225, 1420
    xtick = cell * max(1, int(1100 / (spec["xmax"] / spec["xstep"]) / cell))
    ytick = cell * max(1, int(1050 / (spec["ymax"] / spec["ystep"]) / cell))
    xs, ys = xtick / spec["xstep"], ytick / spec["ystep"]
    gw, gh = spec["xmax"] * xs, spec["ymax"] * ys
    def P(x: float, y: float) -> Point:
        return (ox + x * xs, oy - y * ys)
    arrow(d, (ox, oy), (ox + gw + 60, oy), rng, width=5)
    arrow(d, (ox, oy), (ox, oy - gh - 60), rng, width=5)
    xt = spec.get("xticks") or [f"{v:g}" for v in _range(spec["xstep"], spec["xmax"], spec["xstep"])]
    yt = spec.get("yticks") or [f"{v:g}" for v in _range(spec["ystep"], spec["ymax"], spec["ystep"])]
    for i, label in enumerate(xt, 1):
        x = ox + i * spec["xstep"] * xs
        pencil(d, [(x, oy - 10), (x, oy + 10)], rng, width=3, amp=0.2)
        hand(d, (x - text_width(label, 34) / 2, oy + 18), label, 34, rng)
    for i, label in enumerate(yt, 1):
        y = oy - i * spec["ystep"] * ys
        pencil(d, [(ox - 10, y), (ox + 10, y)], rng, width=3, amp=0.2)
        hand(d, (ox - 22 - text_width(label, 34), y - 22), label, 34, rng)
    hand(d, (ox - 40, oy + 14), "0", 34, rng)
    if spec.get("xlabel"):
        hand(d, (ox + gw / 2 - text_width(spec["xlabel"], 42) / 2, oy + 80), spec["xlabel"], 42, rng)
    if spec.get("ylabel"):
        lab = Image.new("RGBA", (900, 80), (0, 0, 0, 0))
        hand(ImageDraw.Draw(lab), (10, 10), spec["ylabel"], 42, rng)
        lab = lab.rotate(90, expand=True)
        art.paste(lab, (ox - 190, int(oy - gh / 2 - 450)), lab)
    for p0, p1, color, dashed in spec.get("lines", []):
        a, b = P(*p0), P(*p1)
        if dashed:
            n = 26
            for k in range(0, n, 2):
                t0, t1 = k / n, (k + 1) / n
                pencil(d, [(a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                           (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)], rng,
                       color=color, width=4, amp=0.3)
        else:
            pencil(d, [a, b], rng, color=color, width=4, amp=amp, passes=2)
    pts = [P(x, y) for x, y in spec["points"]]
    if spec.get("connect"):
        pencil(d, pts, rng, width=4, amp=amp, passes=2)
    pc = spec.get("point_color", (40, 40, 48))
    for x, y in pts:
        r = 9 if not messy else 12
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*pc, 235))
    for p0, p1, color in spec.get("slope", []):
        a, b = P(*p0), P(*p1)
        pencil(d, [a, (b[0], a[1]), b], rng, color=color, width=3, amp=0.4)
    for text, (x, y), color in spec.get("notes", []):
        hand(d, (x, y), text, 40, rng, fill=(*color, 235))
    if messy:  # erased first attempt and a smudge
        pencil(d, [P(0, 0.4), P(spec["xmax"] * 0.7, spec["ymax"] * 0.8)], rng, alpha=30, width=6)
        d.ellipse((900, 600, 1150, 700), fill=(90, 90, 95, 18))
    return art


def _range(step: float, stop: float, inc: float) -> list[float]:
    out, v = [], step
    while v <= stop + 1e-9:
        out.append(round(v, 6))
        v += inc
    return out


PENCIL: RGB = (45, 45, 55)
BLUE_PEN: RGB = (30, 70, 170)
PURPLE_PEN: RGB = (110, 50, 150)
RED_PEN: RGB = (200, 35, 45)
GREEN_PEN: RGB = (30, 130, 70)

GRAPHS: dict[str, dict] = {
    "jamal-bike-draft": dict(
        name="Jamal", date="9/17", title="bike", xmax=6, ymax=7, xstep=1, ystep=1,
        xticks=["5", "10", "20", "25", "30", ""], yticks=["1", "2", "3", "4", "5", "6", "7"],
        points=[(0, 0), (1, 1.5), (2, 3), (2.5, 4.5), (3, 6)],  # 15 min squeezed in: no "15" tick
        connect=True, messy=True),
    "jamal-bike-revised": dict(
        name="Jamal Carter", date="10/6", title="My bike ride: distance vs. time",
        xlabel="time (minutes)", ylabel="distance (km)", xmax=25, ymax=7.5, xstep=5, ystep=1,
        points=[(0, 0), (5, 1.5), (10, 3), (15, 4.5), (20, 6)],
        lines=[((0, 0), (24, 7.2), PENCIL, False)],
        slope=[((5, 1.5), (10, 3), BLUE_PEN)],
        notes=[("run = 5 min", (560, 1300), BLUE_PEN), ("rise = 1.5 km", (760, 1130), BLUE_PEN),
               ("unit rate = 1.5 ÷ 5 = 0.3 km per min", (260, 330), BLUE_PEN),
               ("= the slope!   d = 0.3t", (380, 400), BLUE_PEN)]),
    "maya-seed": dict(
        name="Maya Rodríguez", date="10/8", title="Wildflower seed: cost vs. weight",
        xlabel="weight (pounds)", ylabel="cost ($)", xmax=5, ymax=60, xstep=1, ystep=10,
        points=[(1, 12), (2, 24), (3, 36), (4, 48)], point_color=PENCIL,
        lines=[((0, 0), (5, 60), PENCIL, False), ((0, 0), (5, 50), BLUE_PEN, True)],
        slope=[((1, 12), (2, 24), PENCIL), ((3, 30), (4, 40), BLUE_PEN)],
        notes=[("Store A: $12 per lb (steeper)", (300, 330), PENCIL),
               ("Store B: $10 per lb", (300, 400), BLUE_PEN),
               ("B is cheaper!  unit rate = slope", (560, 1580), BLUE_PEN)]),
    "eli-fund": dict(
        name="Eli N.", date="11/4", title="The meadow fund (linear model)",
        xlabel="weeks since the plant sale", ylabel="total saved ($)", xmax=10, ymax=200,
        xstep=1, ystep=20,
        points=[(0, 40), (1, 52), (2, 71), (3, 84), (4, 100), (5, 113), (6, 131), (7, 145),
                (8, 160)], point_color=PENCIL,
        lines=[((0, 40), (10, 190), PURPLE_PEN, True)],
        slope=[((2, 70), (4, 100), PURPLE_PEN)],
        notes=[("y = 15x + 40", (980, 420), PURPLE_PEN),
               ("start: $40 from the plant sale", (300, 1230), PURPLE_PEN),
               ("rate: about $15 per week", (700, 1000), PURPLE_PEN),
               ("goal $190 -> week 10", (980, 340), PURPLE_PEN)]),
}


def graph_photo(key: str, when_seed: int) -> Image.Image:
    """Return a portrait phone photo of a graph on graph paper lying on a desk."""
    rng = random.Random(when_seed)
    art = graph_art(GRAPHS[key], rng)
    scene = laminate((1800, 2400), rng) if when_seed % 2 else wood((1800, 2400), rng,
                                                                   base=(150, 104, 66))
    quad = tilted_quad(900 + rng.uniform(-30, 30), 1200, 1560, 2018, rng.uniform(-3, 3),
                       keystone=0.035)
    place(scene, art, quad)
    return camera(scene, (900, 1200), rng, light_angle=rng.uniform(60, 120))


# ---------------------------------------------------------------- Eli: the marked-up essay draft

ESSAY_DRAFT_1 = [
    ("Trade the Lawn for a Meadow", "title"),
    ("Eli Nakamura - Crew 8B - Draft 1 - October 1", "byline"),
    ("Every morning about 300 students walk past the front lawn of Riverside and nobody "
     "looks at it, because there is nothing to look at. It is just grass. Our school should "
     "replace the front lawn with a native pollinator meadow.", "p"),
    ("First, pollinators are in trouble. Bees and butterflies are disappearing and that is "
     "really bad for everyone. A meadow would give them food and a place to live.", "p"),
    ("Second, a meadow would save money. Mowing the lawn costs a lot and uses gas. A meadow "
     "only needs to be mowed once a year.", "p"),
    ("Third, it would be a great place to learn. Our science classes could study it.", "p"),
    ("In conclusion, a meadow is better than a lawn in every way. Riverside should make the "
     "change this spring.", "p"),
]

# (word to mark, how, note beside it, pen colour)
ESSAY_MARKS = [
    ("300", "circle", "source? (front office count?)", RED_PEN),
    ("disappearing", "underline", "evidence? which bees? data?", RED_PEN),
    ("a lot", "circle", "how much? ask Mr. Pratt", RED_PEN),
    ("every", "circle", "counterclaim? what would the other side say?", RED_PEN),
    ("grass.", "star", "love this hook!", GREEN_PEN),
]


def _wrap(text: str, f: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        test = f"{line} {word}".strip()
        if f.getlength(test) > width and line:
            lines.append(line)
            line = word
        else:
            line = test
    return [*lines, line]


def essay_art(rng: random.Random) -> Image.Image:
    """Return a printed draft with a teacher's red pen and a classmate's green pen on it."""
    W, H = 1500, 1940
    art = paper((W, H), rng, tone=(252, 252, 250))
    d = ImageDraw.Draw(art, "RGBA")
    body = font("serif", 36)
    x0, y, width = 150, 170, 880
    boxes: list[tuple[str, tuple[float, float, float, float]]] = []
    for text, kind in ESSAY_DRAFT_1:
        if kind == "title":
            f = font("serif", 50)
            d.text(((W - f.getlength(text)) / 2 - 120, y), text, font=f, fill=(20, 20, 20))
            y += 90
            continue
        if kind == "byline":
            d.text((x0, y), text, font=font("serif", 30), fill=(40, 40, 40))
            y += 90
            continue
        for i, line in enumerate(_wrap(text, body, width)):
            x = x0 + (60 if i == 0 else 0)
            for word in line.split(" "):
                d.text((x, y), word, font=body, fill=(25, 25, 25))
                wlen = body.getlength(word)
                boxes.append((word, (x, y, x + wlen, y + 40)))
                x += wlen + body.getlength(" ")
            y += 72  # double spaced, so there is room to write
        y += 20
    words = [w for w, _ in boxes]
    for target, how, note, color in ESSAY_MARKS:
        n = len(target.split())
        k = next(i for i in range(len(words)) if words[i:i + n] == target.split())
        bx0, by0 = boxes[k][1][:2]
        bx1, by1 = boxes[k + n - 1][1][2:]
        if how == "circle":
            pencil(d, catmull_rom(_ellipse_pts((bx0 + bx1) / 2, (by0 + by1) / 2 + 4,
                                               (bx1 - bx0) / 2 + 16, 30, rng.uniform(-4, 4), 10)),
                   rng, color=color, alpha=220, width=4, amp=1.2, closed=True)
        elif how == "underline":
            pencil(d, [(bx0, by1 + 8), (bx1, by1 + 10)], rng, color=color, width=4, amp=1)
            pencil(d, [(bx0, by1 + 16), (bx1, by1 + 17)], rng, color=color, width=3, amp=1)
        else:
            cx, cy = bx1 + 22, by0 - 4
            star = [(cx + 18 * math.cos(math.pi / 2 + i * 4 * math.pi / 5),
                     cy - 18 * math.sin(math.pi / 2 + i * 4 * math.pi / 5)) for i in range(5)]
            pencil(d, star, rng, color=color, width=4, amp=0.6, closed=True)
        nx, ny = 1110, by0 - 40
        for i, chunk in enumerate(_wrap(note, font("hand", 30), 340)):
            hand(d, (nx, ny + i * 36), chunk, 30, rng, fill=(*color, 235))
        # the leader runs in the gap above the typed line, not through the words
        pencil(d, [(bx1 + 8, by0 - 2), (bx1 + 30, by0 - 18), (nx - 12, by0 - 18)], rng,
               color=color, alpha=150, width=2, amp=0.5)
    hand(d, (150, y + 40), "Strong opinion + clear structure. Now PROVE it:", 40, rng,
         fill=(*RED_PEN, 235))
    hand(d, (150, y + 95), "each reason needs evidence from a source you can name.", 40, rng,
         fill=(*RED_PEN, 235))
    hand(d, (900, y + 160), "- Ms. Okafor", 40, rng, fill=(*RED_PEN, 235))
    return art


def essay_photo() -> Image.Image:
    rng = random.Random(400)
    scene = wood((1800, 2400), rng, base=(120, 84, 56))
    place(scene, essay_art(rng), tilted_quad(905, 1210, 1580, 2043, -1.6, keystone=0.03))
    return camera(scene, (900, 1200), rng, light_angle=200, tint=(255, 246, 230))


# ---------------------------------------------------------------- Sofía: the pollinator poster


def flower(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, petal: RGB,
           rng: random.Random, stem: float = 0) -> None:
    if stem:
        d.line([(cx, cy), (cx + 6, cy + stem)], fill=(60, 140, 60, 255), width=int(r / 5))
        d.ellipse((cx + 6, cy + stem * 0.55, cx + 6 + r * 1.3, cy + stem * 0.55 + r * 0.5),
                  fill=(80, 160, 70, 255))
    for k in range(6):
        a = k * math.pi / 3 + 0.2
        px, py = cx + r * 0.75 * math.cos(a), cy + r * 0.75 * math.sin(a)
        d.ellipse((px - r * 0.5, py - r * 0.5, px + r * 0.5, py + r * 0.5), fill=(*petal, 255),
                  outline=(40, 40, 40, 200), width=3)
    d.ellipse((cx - r * 0.38, cy - r * 0.38, cx + r * 0.38, cy + r * 0.38),
              fill=(245, 200, 40, 255), outline=(40, 40, 40, 200), width=3)


def bee(d: ImageDraw.ImageDraw, cx: float, cy: float, s: float) -> None:
    d.ellipse((cx - 0.5 * s, cy - 1.05 * s, cx + 0.35 * s, cy - 0.15 * s), fill=(200, 230, 250, 200),
              outline=(40, 40, 40, 255), width=3)
    d.ellipse((cx - 1.1 * s, cy - 0.55 * s, cx + 1.1 * s, cy + 0.55 * s), fill=(250, 200, 40, 255),
              outline=(30, 30, 30, 255), width=4)
    for k in (-0.45, 0.0, 0.45):
        d.line([(cx + k * s, cy - 0.5 * s), (cx + k * s, cy + 0.5 * s)], fill=(30, 30, 30, 255),
               width=int(s * 0.2))
    d.ellipse((cx + 0.85 * s, cy - 0.35 * s, cx + 1.5 * s, cy + 0.35 * s), fill=(30, 30, 30, 255))
    d.ellipse((cx - 0.1 * s, cy - 1.2 * s, cx + 0.8 * s, cy - 0.3 * s), fill=(210, 235, 250, 200),
              outline=(40, 40, 40, 255), width=3)


def poster_card(title: str, lines: list[str], rng: random.Random, w: int = 520,
                h: int = 460) -> Image.Image:
    card = paper((w, h), rng, tone=(252, 251, 246))
    d = ImageDraw.Draw(card, "RGBA")
    f = font("bold", 34)
    for i, t in enumerate(_wrap(title, f, w - 50)):
        d.text((25, 22 + i * 44), t, font=f, fill=(30, 90, 60))
    y = 40 + 44 * len(_wrap(title, f, w - 50))
    for line in lines:
        for chunk in _wrap(line, font("hand", 30), w - 60):
            hand(d, (30, y), chunk, 30, rng, fill=(35, 35, 60, 240))
            y += 40
        y += 8
    return card


def poster_art(final: bool, rng: random.Random) -> Image.Image:
    """Return Sofía's poster: the pencil plan (draft) or the finished poster board."""
    W, H = 1800, 1200
    if not final:
        return _poster_plan(W, H, rng)
    art = add_grain(Image.new("RGB", (W, H), (250, 222, 110)), 8, 1.5)
    d = ImageDraw.Draw(art, "RGBA")
    title = "¡Salvemos a los polinizadores!"
    size = 100
    while font("bold", size).getlength(title) > W - 160:
        size -= 4
    d.text(((W - font("bold", size).getlength(title)) / 2, 45), title, font=font("bold", size),
           fill=(200, 60, 40), stroke_width=6, stroke_fill=(60, 30, 20))
    sub = "Save the pollinators  ·  Sofía Hernández  ·  Crew 8B"
    d.text(((W - font("sans", 36).getlength(sub)) / 2, 65 + size), sub, font=font("sans", 36),
           fill=(70, 50, 30))
    cards = [
        ("¿Qué es un polinizador?", ["Un animal que lleva polen de una flor a otra: abejas, "
                                     "mariposas, colibríes, murciélagos.",
                                     "Sin polen, la planta no puede hacer semillas ni frutas."]),
        ("¿Por qué están en peligro?", ["Pierden su hábitat (césped, cemento).",
                                        "Pesticidas.", "El cambio climático cambia cuándo "
                                        "florecen las plantas."]),
        ("¿Qué podemos hacer?", ["Plantar flores nativas: asclepias, equinácea, "
                                 "vara de oro.", "No usar pesticidas.",
                                 "¡Un jardín en Riverside!"]),
    ]
    for i, (t, lines) in enumerate(cards):
        card = poster_card(t, lines, rng)
        cx = 330 + i * 570
        place(art, card, tilted_quad(cx, 560, 500, 442, rng.uniform(-2.5, 2.5)), shadow=0.3,
              shadow_offset=(6, 8), shadow_blur=6)
    for x, c in ((140, (230, 90, 150)), (1690, (150, 90, 200)), (1480, (240, 140, 40))):
        flower(d, x, 1000 if x != 1480 else 1030, 55, c, rng, stem=160)
    bee(d, 330, 980, 48)
    bee(d, 1240, 940, 40)
    # "3 of 4" infographic: four fruits, three coloured
    for k in range(4):
        cx = 590 + k * 105
        col = (220, 50, 50) if k < 3 else (170, 170, 170)
        d.ellipse((cx - 40, 900, cx + 40, 980), fill=(*col, 255), outline=(40, 40, 40, 255), width=3)
        d.line([(cx, 900), (cx + 8, 880)], fill=(90, 60, 30, 255), width=6)
    hand(d, (480, 1000), "3 de cada 4 cultivos de alimentos", 36, rng, fill=(40, 40, 40, 240))
    hand(d, (480, 1044), "se benefician de los polinizadores", 36, rng, fill=(40, 40, 40, 240))
    hand(d, (480, 1110), "Fuente: IPBES (2016)", 28, rng, fill=(70, 70, 70, 230))
    return art


def _poster_plan(W: int, H: int, rng: random.Random) -> Image.Image:
    art = paper((W, H), rng)
    d = ImageDraw.Draw(art, "RGBA")
    pencil(d, [(100, 40), (1700, 40), (1700, 200), (100, 200)], rng, closed=True, width=3, amp=1.5)
    hand(d, (250, 70), "¡Salvemos a los polinizadores!", 84, rng)
    hand(d, (1260, 215), "(título grande, rojo)", 34, rng)
    for i, t in enumerate(["¿Qué es un polinizador?", "¿Por qué están en peligro?",
                           "¿Qué hacemos?"]):
        x = 100 + i * 550
        pencil(d, [(x, 300), (x + 480, 300), (x + 480, 720), (x, 720)], rng, closed=True, width=3,
               amp=1.6)
        hand(d, (x + 20, 320), t, 36, rng)
        for k in range(5):
            pencil(d, [(x + 25, 400 + k * 60), (x + 450 - rng.uniform(0, 120), 400 + k * 60)], rng,
                   width=2, alpha=120, amp=1)
    for x in (180, 1600):
        pencil(d, catmull_rom(_ellipse_pts(x, 900, 70, 70, 0, 7)), rng, closed=True, width=3)
        pencil(d, [(x, 970), (x + 6, 1120)], rng, width=3)
    hand(d, (120, 1135), "flores", 34, rng)
    pencil(d, [(560, 820), (1280, 820), (1280, 1100), (560, 1100)], rng, closed=True, width=3,
           amp=1.5)
    hand(d, (600, 900), "dato con número + fuente", 44, rng)
    hand(d, (600, 970), "¿gráfica? ¿dibujo?", 44, rng)
    pencil(d, [(1320, 960), (1420, 960)], rng, width=3)
    hand(d, (1330, 880), "¿abeja?", 34, rng)
    for _ in range(4):  # eraser smudges
        x, y = rng.uniform(200, 1600), rng.uniform(250, 1100)
        d.ellipse((x, y, x + rng.uniform(80, 200), y + rng.uniform(30, 70)), fill=(120, 120, 125, 16))
    hand(d, (1380, 1140), "Sofía H. 5/10", 36, rng)
    return art


def poster_photo(final: bool) -> Image.Image:
    rng = random.Random(500 + final)
    if final:  # taped to the hallway wall, photographed a little from the left
        scene = block_wall((2400, 1600), rng)
        art = poster_art(True, rng)
        quad = [(330, 190), (2120, 250), (2090, 1400), (350, 1440)]
        place(scene, art, quad, shadow=0.3, shadow_offset=(10, 10), shadow_blur=10)
        d = ImageDraw.Draw(scene, "RGBA")
        for x, y in quad:
            d.polygon(tilted_quad(x, y, 120, 44, rng.uniform(-40, 40)), fill=(240, 236, 220, 170))
        return camera(scene, (1200, 800), rng, light_angle=10)
    scene = wood((2400, 1600), rng, base=(110, 72, 44))
    place(scene, poster_art(False, rng), tilted_quad(1200, 810, 2000, 1333, -2.2, keystone=0.04))
    return camera(scene, (1200, 800), rng, light_angle=250, tint=(255, 240, 215), vignette=0.45)


# ---------------------------------------------------------------- avatars for student.md `photo`


def portrait(bg: RGB, figure: RGB, hair: str, seed: int) -> Image.Image:
    """Return a placeholder portrait: a silhouette in front of blurred classroom lights."""
    rng = random.Random(seed)
    S = 1600
    top = tuple(min(255, c + 50) for c in bg)
    im = Image.linear_gradient("L").resize((S, S)).convert("RGB")
    im = ImageChops.add(ImageChops.multiply(im, Image.new("RGB", (S, S), bg)),
                        ImageChops.multiply(ImageChops.invert(im), Image.new("RGB", (S, S), top)))
    bokeh = Image.new("RGB", (S, S), (0, 0, 0))
    bd = ImageDraw.Draw(bokeh)
    for _ in range(24):
        x, y, r = rng.uniform(0, S), rng.uniform(0, S * 0.7), rng.uniform(40, 130)
        v = rng.randint(25, 70)
        bd.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, int(v * 0.9)))
    im = ImageChops.add(im, bokeh.filter(ImageFilter.GaussianBlur(28)))
    sil = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(sil)
    d.ellipse((260, 1180, 1340, 2150), fill=255)             # shoulders
    d.rectangle((700, 930, 900, 1250), fill=255)             # neck
    d.ellipse((560, 430, 1040, 1040), fill=255)              # head
    if hair == "ponytail":
        d.ellipse((540, 400, 1060, 800), fill=255)
        d.ellipse((930, 330, 1120, 520), fill=255)
        d.polygon(catmull_rom([(1030, 430), (1120, 500), (1160, 660), (1140, 850), (1080, 960),
                               (1060, 800), (1060, 620)], n=8), fill=255)
    elif hair == "bob":
        d.ellipse((500, 380, 1100, 900), fill=255)
        d.rectangle((510, 640, 1090, 1020), fill=255)
    elif hair == "braid":
        d.ellipse((530, 390, 1070, 820), fill=255)
        for k in range(6):
            d.ellipse((960 + k * 10, 760 + k * 95, 1090 + k * 10, 880 + k * 95), fill=255)
    else:  # curls and glasses
        for k in range(14):
            a = math.pi * (1.05 + k / 13 * 0.9)
            cx, cy = 800 + 270 * math.cos(a), 700 + 290 * math.sin(a)
            d.ellipse((cx - 110, cy - 110, cx + 110, cy + 110), fill=255)
    sil = sil.filter(ImageFilter.GaussianBlur(2.5))
    shade = Image.linear_gradient("L").rotate(90).resize((S, S)).point(lambda v: 40 + v // 4)
    fig = ImageChops.subtract(Image.new("RGB", (S, S), figure),
                              Image.merge("RGB", [shade.point(lambda v: v // 3)] * 3))
    im.paste(fig, (0, 0), sil)
    if hair == "curls":  # glasses catch the light
        g = ImageDraw.Draw(im, "RGBA")
        for cx in (700, 900):
            g.rounded_rectangle((cx - 80, 700, cx + 80, 800), 30, outline=(230, 230, 230, 110),
                                width=10)
        g.line([(780, 740), (820, 740)], fill=(230, 230, 230, 110), width=10)
    rim = ImageChops.subtract(sil, ImageChops.offset(sil, -14, 10)).filter(ImageFilter.GaussianBlur(6))
    im.paste(Image.new("RGB", (S, S), (255, 240, 220)), (0, 0), rim.point(lambda v: v // 2))
    return camera(im, (800, 800), rng, vignette=0.25, light=0.05, noise=6)


# ---------------------------------------------------------------- Léa: the PNG chart

WINGSPAN_DATA = [  # (body length mm, wingspan mm): 12 butterflies Crew 8B measured on photos
    (16, 48), (18, 55), (19, 51), (20, 78), (21, 63), (24, 70), (25, 67), (27, 80),
    (28, 76), (30, 84), (33, 97), (35, 99),
]  # (20, 78) is the outlier Léa writes about


def wingspan_chart() -> Image.Image:
    """Return a clean spreadsheet-style scatter plot (a PNG, not a photo)."""
    W, H = 960, 600
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    L, R, T, B = 110, 40, 80, 90
    x0, x1, y0, y1 = 10, 40, 40, 110
    def P(x: float, y: float) -> Point:
        return (L + (x - x0) / (x1 - x0) * (W - L - R), H - B - (y - y0) / (y1 - y0) * (H - T - B))
    d.text((L, 22), "Wingspan vs. body length (12 butterflies, fall 2026)", font=font("bold", 24),
           fill=(30, 30, 30))
    for x in range(x0, x1 + 1, 5):
        d.line([P(x, y0), P(x, y1)], fill=(225, 225, 225), width=1)
        px, py = P(x, y0)
        d.text((px - 10, py + 8), str(x), font=font("sans", 18), fill=(60, 60, 60))
    for y in range(y0, y1 + 1, 10):
        d.line([P(x0, y), P(x1, y)], fill=(225, 225, 225), width=1)
        px, py = P(x0, y)
        d.text((px - 45, py - 11), str(y), font=font("sans", 18), fill=(60, 60, 60))
    d.line([P(x0, y0), P(x1, y0)], fill=(80, 80, 80), width=2)
    d.line([P(x0, y0), P(x0, y1)], fill=(80, 80, 80), width=2)
    n = len(WINGSPAN_DATA)
    mx = sum(x for x, _ in WINGSPAN_DATA) / n
    my = sum(y for _, y in WINGSPAN_DATA) / n
    slope = (sum((x - mx) * (y - my) for x, y in WINGSPAN_DATA)
             / sum((x - mx) ** 2 for x, _ in WINGSPAN_DATA))
    a, b = P(15, my + slope * (15 - mx)), P(37, my + slope * (37 - mx))
    for k in range(0, 30, 2):  # dashed trend line
        d.line([(a[0] + (b[0] - a[0]) * k / 30, a[1] + (b[1] - a[1]) * k / 30),
                (a[0] + (b[0] - a[0]) * (k + 1) / 30, a[1] + (b[1] - a[1]) * (k + 1) / 30)],
               fill=(230, 120, 40), width=3)
    for x, y in WINGSPAN_DATA:
        px, py = P(x, y)
        d.ellipse((px - 8, py - 8, px + 8, py + 8), fill=(40, 90, 180), outline="white", width=2)
    px, py = P(20, 78)
    d.ellipse((px - 16, py - 16, px + 16, py + 16), outline=(200, 40, 40), width=2)
    d.text((px + 20, py - 30), "outlier?", font=font("sans", 18), fill=(200, 40, 40))
    d.text((W / 2 - 90, H - 45), "body length (mm)", font=font("sans", 20), fill=(40, 40, 40))
    lab = Image.new("RGB", (200, 30), "white")
    ImageDraw.Draw(lab).text((0, 2), "wingspan (mm)", font=font("sans", 20), fill=(40, 40, 40))
    im.paste(lab.rotate(90, expand=True), (18, int(H / 2 - 90)))
    d.text((P(26, 0)[0], P(0, 52)[1]), f"trend: about {slope:.1f} mm of wing", font=font("sans", 18),
           fill=(200, 100, 30))
    d.text((P(26, 0)[0], P(0, 52)[1] + 24), "per mm of body (positive, linear)",
           font=font("sans", 18), fill=(200, 100, 30))
    return im.quantize(32)


# ---------------------------------------------------------------- Jamal: a real PDF lab report

BEAN_DATA = [(0, 0.0, 0.0), (3, 1.2, 1.8), (5, 3.0, 4.9), (7, 5.5, 9.0), (10, 9.8, 14.2),
             (12, 12.1, 16.0), (14, 14.6, 17.3)]  # day, light (cm), dark (cm)


def _pdf_text(s: str) -> str:
    s = s.encode("cp1252").decode("latin-1")
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class _Page:
    """One PDF page content stream written with a top-down cursor."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.y = 740.0

    def text(self, s: str, size: float = 11, x: float = 72, bold: bool = False,
             gap: float | None = None) -> None:
        self.ops.append(f"BT /{'F2' if bold else 'F1'} {size} Tf {x} {self.y:.1f} Td {_pdf_text(s)} Tj ET")
        self.y -= gap if gap is not None else size * 1.45

    def para(self, s: str, size: float = 11, width: int = 92) -> None:
        line = ""
        for word in s.split():
            if len(line) + len(word) + 1 > width:
                self.text(line, size)
                line = word
            else:
                line = f"{line} {word}".strip()
        self.text(line, size)
        self.y -= 4

    def line(self, x0: float, y0: float, x1: float, y1: float, w: float = 0.8,
             rgb: tuple[float, float, float] = (0, 0, 0)) -> None:
        self.ops.append(f"{rgb[0]} {rgb[1]} {rgb[2]} RG {w} w {x0} {y0:.1f} m {x1} {y1:.1f} l S")

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")


def lab_report_pdf() -> bytes:
    """Return Jamal's two-page bean lab report as a small, valid, text-based PDF."""
    p1 = _Page()
    p1.text("Bean Plant Growth Lab: Light vs. Dark", 18, bold=True, gap=24)
    p1.text("Jamal Carter  -  Crew 8B Science (Mr. Lindqvist)  -  October 14, 2026", 10, gap=26)
    for head, body in [
        ("Question", "How does light affect how tall a bean plant grows in 14 days?"),
        ("Hypothesis", "If a bean plant gets light, then it will grow taller than one in the "
                       "dark, because plants need light to make food."),
        ("Materials", "6 pinto bean seeds, 6 cups, potting soil, a ruler (cm), a closet "
                      "(dark), the classroom window (light), 50 mL water every 2 days."),
        ("Procedure", "1. Soaked the seeds overnight. 2. Planted 3 cups by the window and 3 "
                      "cups in the closet. 3. Same soil, same water, same temperature. "
                      "4. Measured the tallest stem in each cup from the soil to the top "
                      "and found the average for each group."),
    ]:
        p1.text(head, 12, bold=True, gap=16)
        p1.para(body)
    p1.text("Data: average height (cm)", 12, bold=True, gap=20)
    top = p1.y + 12
    cols = (72, 170, 290, 410)
    rows = [["Day", "Light (cm)", "Dark (cm)"]] + [[str(d), f"{lt}", f"{dk}"] for d, lt, dk in BEAN_DATA]
    for i, row in enumerate(rows):
        for x, cell in zip(cols[:3], row, strict=True):  # cols[3] is the right edge
            p1.ops.append(f"BT /{'F2' if i == 0 else 'F1'} 11 Tf {x + 6} {p1.y:.1f} Td "
                          f"{_pdf_text(cell)} Tj ET")
        p1.y -= 18
    bottom = p1.y + 12
    for k in range(len(BEAN_DATA) + 2):
        p1.line(72, top - k * 18, 410, top - k * 18, 0.6)
    for x in cols:
        p1.line(x, top, x, bottom, 0.6)
    p1.y -= 10
    p1.text("Observations", 12, bold=True, gap=16)
    p1.para("Dark plants: yellow, thin stems, small leaves, 2 fell over on day 12. "
            "Light plants: green, thick stems, big leaves, bent toward the window.")

    p2 = _Page()
    p2.text("Graph: height over time", 12, bold=True, gap=16)
    gx, gy, gw, gh = 100, 470, 380, 230  # axes origin and size, in points
    p2.line(gx, gy, gx + gw, gy, 1.2)
    p2.line(gx, gy, gx, gy + gh, 1.2)
    for day in (0, 7, 14):
        p2.ops.append(f"BT /F1 9 Tf {gx + day / 14 * gw - 3} {gy - 14} Td ({day}) Tj ET")
    for cm in (0, 5, 10, 15, 20):
        p2.ops.append(f"BT /F1 9 Tf {gx - 22} {gy + cm / 20 * gh - 3} Td ({cm}) Tj ET")
    p2.ops.append(f"BT /F1 10 Tf {gx + gw / 2 - 20} {gy - 30} Td (day) Tj ET")
    p2.ops.append(f"BT /F1 10 Tf {gx - 60} {gy + gh + 10} Td (height \\(cm\\)) Tj ET")
    for idx, rgb, label in ((1, (0.1, 0.55, 0.2), "light"), (2, (0.8, 0.65, 0.1), "dark")):
        pts = [(gx + r[0] / 14 * gw, gy + r[idx] / 20 * gh) for r in BEAN_DATA]
        for (ax, ay), (bx, by) in pairwise(pts):
            p2.line(ax, ay, bx, by, 2, rgb)
        p2.ops.append(f"{rgb[0]} {rgb[1]} {rgb[2]} rg BT /F2 10 Tf {pts[-1][0] + 6} "
                      f"{pts[-1][1] - 3} Td ({label}) Tj ET 0 0 0 rg")
    p2.y = gy - 60
    p2.text("Conclusion", 12, bold=True, gap=16)
    p2.para("My hypothesis was wrong. The dark plants grew taller (17.3 cm vs 14.6 cm on "
            "day 14). But they were yellow and weak and two fell over. The light plants were "
            "shorter but green and strong. So light changed how the plants grew.")
    p2.text("Revision (Nov 15, after feedback)", 12, bold=True, gap=16)
    p2.para("Why: the seed has stored food. In the dark the plant used that food to grow up "
            "fast to look for light, but it could not make new food by photosynthesis, so "
            "it got thin and yellow. The environment (light) affected growth even though "
            "all 6 seeds were the same kind (same genes).")
    p2.text("Next time: more seeds per group, and measure leaf size and mass, not just height.",
            11)
    return _pdf([p1.stream(), p2.stream()], title="Bean Plant Growth Lab", author="Jamal Carter")


def _pdf(pages: list[bytes], title: str, author: str) -> bytes:
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        (f"<< /Title {_pdf_text(title)} /Author {_pdf_text(author)} "
         f"/Producer (make_sample_media.py) /CreationDate (D:20261115190000-05'00') >>").encode(),
    ]
    kids = []
    for content in pages:
        data = zlib.compress(content, 9)
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                    + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % len(objs))
        kids.append(len(objs))
    objs[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- Maya: the sound of the break


def snap_wav() -> bytes:
    """Return 2.6 s of mono 16-bit audio: creaking sticks, a crack, a bucket landing."""
    rng = random.Random(600)
    rate, seconds = 12000, 2.6
    n = int(rate * seconds)
    out = [0.0] * n
    lp = 0.0
    for i in range(n):  # room tone
        lp = 0.9 * lp + 0.1 * rng.gauss(0, 1)
        out[i] = 0.02 * lp
    for start in (0.25, 0.55, 0.8, 1.0, 1.15, 1.26):  # creaks, closer together as it fails
        f = rng.uniform(55, 90)
        for k in range(int(rate * 0.09)):
            t = k / rate
            env = math.sin(math.pi * k / (rate * 0.09)) * (0.12 + 0.25 * start)
            saw = ((t * f) % 1.0) * 2 - 1
            out[int(start * rate) + k] += env * saw * (0.6 + 0.4 * rng.random())
    c = int(1.34 * rate)
    for k in range(int(rate * 0.12)):  # the crack
        out[c + k] += rng.uniform(-1, 1) * 0.95 * math.exp(-k / (rate * 0.012))
    for start, f, amp in ((1.52, 180, 0.6), (1.66, 240, 0.35), (1.8, 210, 0.2)):  # bucket lands
        s = int(start * rate)
        for k in range(int(rate * 0.4)):
            t = k / rate
            env = math.exp(-t / 0.07) * amp
            out[s + k] += env * (math.sin(2 * math.pi * f * t) + 0.4 * rng.uniform(-1, 1))
    peak = max(abs(v) for v in out)
    frames = b"".join(struct.pack("<h", int(v / peak * 0.9 * 32767)) for v in out)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return buf.getvalue()


# ---------------------------------------------------------------- what goes where

ROTATED = "maya-rodriguez/bridge/model-side.jpg"  # the one photo stored sideways (Orientation 6)

# path under ROOT, drawing, device, EXIF time, GPS position
PHOTOS: list[tuple[str, object, tuple[str, str, str], str, Point]] = [
    ("maya-rodriguez/maya.jpg", lambda: portrait((230, 120, 50), (50, 35, 30), "ponytail", 700),
     IPHONE, "2026:09:03 18:12:40", HOME_RODRIGUEZ),
    ("maya-rodriguez/bridge/design-sketch.jpg", design_sketch_photo, IPAD,
     "2026:09:22 10:41:07", SCHOOL),
    ("maya-rodriguez/bridge/first-test.jpg", lambda: bridge_scene(False), IPAD,
     "2026:10:02 13:15:52", SCHOOL),
    (ROTATED, lambda: bridge_scene(True), IPAD, "2026:10:16 13:22:19", SCHOOL),
    ("maya-rodriguez/unit-rate-graph.jpg", lambda: graph_photo("maya-seed", 302), IPAD,
     "2026:10:08 11:03:30", SCHOOL),
    ("lea-martin/lea.jpg", lambda: portrait((40, 140, 150), (30, 35, 45), "bob", 701), PIXEL,
     "2026:09:05 16:30:02", HOME_MARTIN),
    ("lea-martin/butterfly/draft-1.jpg", lambda: butterfly_photo(1), IPAD,
     "2026:09:14 09:52:11", SCHOOL),
    ("lea-martin/butterfly/draft-2.jpg", lambda: butterfly_photo(2), IPAD,
     "2026:09:18 10:05:45", SCHOOL),
    ("lea-martin/butterfly/draft-3.jpg", lambda: butterfly_photo(3), IPAD,
     "2026:09:23 09:58:20", SCHOOL),
    ("lea-martin/butterfly/draft-4.jpg", lambda: butterfly_photo(4), IPAD,
     "2026:09:29 10:12:03", SCHOOL),
    ("jamal-carter/bike-rate.jpg", lambda: graph_photo("jamal-bike-draft", 300), GALAXY,
     "2026:09:17 19:40:26", HOME_CARTER),
    ("jamal-carter/bike-rate-revised.jpg", lambda: graph_photo("jamal-bike-revised", 301), IPAD,
     "2026:10:06 11:20:58", SCHOOL),
    ("sofia-hernandez/sofia.jpg", lambda: portrait((120, 80, 170), (45, 30, 40), "braid", 702),
     GALAXY, "2026:09:06 12:01:15", HOME_HERNANDEZ),
    ("sofia-hernandez/cartel/borrador.jpg", lambda: poster_photo(False), GALAXY,
     "2026:10:05 20:12:44", HOME_HERNANDEZ),
    ("sofia-hernandez/cartel/final.jpg", lambda: poster_photo(True), IPAD,
     "2026:10:19 14:48:09", SCHOOL),
    ("eli-nakamura/eli.jpg", lambda: portrait((70, 150, 90), (30, 40, 35), "curls", 703), IPHONE,
     "2026:09:04 17:44:31", HOME_NAKAMURA),
    ("eli-nakamura/essay/draft-1-markup.jpg", essay_photo, PIXEL, "2026:10:02 21:07:55",
     HOME_NAKAMURA),
    ("eli-nakamura/linear-model.jpg", lambda: graph_photo("eli-fund", 303), IPAD,
     "2026:11:04 10:34:12", SCHOOL),
]


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else ROOT_DEFAULT
    if not root.is_dir():
        print(f"{root}: not a folder (give the class folder, e.g. sample_students)", file=sys.stderr)
        return 2
    Image.MAX_IMAGE_PIXELS = 50_000_000
    for rel, draw, device, when, gps in PHOTOS:
        im = draw()  # type: ignore[operator]
        path = root / rel
        if rel == ROTATED:
            # Store the pixels sideways (turned 90° counter-clockwise) and let EXIF say
            # "rotate 90° clockwise to view": only exif_transpose() makes it upright.
            save_jpeg(im.transpose(Image.Transpose.ROTATE_90), path, device, when, gps,
                      orientation=6)
        else:
            save_jpeg(im, path, device, when, gps)
        _report(path)
    extras = {
        "lea-martin/wingspan-scatter.png": lambda p: wingspan_chart().save(p, optimize=True),
        "jamal-carter/science/bean-lab-report.pdf": lambda p: p.write_bytes(lab_report_pdf()),
        "maya-rodriguez/bridge/first-test-snap.wav": lambda p: p.write_bytes(snap_wav()),
    }
    for rel, write in extras.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
        _report(path)
    return 0


def _report(path: Path) -> None:
    size = path.stat().st_size
    info = ""
    if path.suffix in (".jpg", ".png"):
        with Image.open(path) as im:
            o = im.getexif().get(0x0112, "-")
            info = f"{im.width}x{im.height} orientation={o}"
    print(f"{size / 1024:7.1f} KB  {path}  {info}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
