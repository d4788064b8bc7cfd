#!/usr/bin/env python3
"""Draw the media of the sample class (sample_students/) with Pillow.

    python tools/make_sample_media.py [ROOT]        ROOT defaults to ./sample_students

Everything is drawn, nothing is downloaded, and the output is the same on every run
(fixed random seeds). What it makes, and why:

- photo-like JPEGs of student work (butterfly drafts, bridge models, graphs on paper,
  a poster, a marked-up essay) and four avatar "portraits". Every JPEG carries a real
  EXIF block — camera Make/Model, DateTimeOriginal and a GPS position — so that tests
  can prove the builder strips metadata (SPEC.md, "Privacy": "Published images carry
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
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
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


@lru_cache(maxsize=None)
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
                for a, b, c, d in zip(p0, p1, p2, p3)))
    if not closed:
        out.append(tuple(pts[-1]))  # type: ignore[arg-type]
    return out


def densify(pts: Sequence[Point], step: float = 10) -> list[Point]:
    """Return pts with extra points every `step` px, so a wobble bends long lines."""
    out: list[Point] = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
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
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y]); rhs.append(v)
    n = 8
    m = [r + [b] for r, b in zip(rows, rhs)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
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


# Made-up positions: the school, and two homes (the reason GPS must never be published).
SCHOOL: Point = (44.47612, -73.21208)
HOME_HERNANDEZ: Point = (44.49127, -73.18544)
HOME_NAKAMURA: Point = (44.45833, -73.23391)
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
        bd.line(w + [w[0]], fill=255, width=44, joint="curve")
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
        for a, b in zip(bottom, bottom[1:]):
            stick(d, a, b, rng)
        for a, b in zip(top, top[1:]):
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
            for a, b in zip(bottom, bottom[1:]):
                stick(d, (a[0], a[1] + y_off), (b[0], b[1] + y_off), rng)
        for y_off in (0, 16):
            for a, b in zip(top, top[1:]):
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
        out.append(round(v, 6)); v += inc
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
               ("B is cheaper! unit rate = slope", (620, 1180), BLUE_PEN)]),
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
