"""Build tiny class folders in tmp_path from plain Python data (docs/architecture.md)."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

SETTINGS: dict[str, Any] = {
    "school": "Test School",
    "class": "Crew T",
    "year": "2026–27",
    "language": "en",
    "scale": [
        {"level": 1, "label": "Beginning"},
        {"level": 2, "label": "Approaching"},
        {"level": 3, "label": "Meets"},
        {"level": 4, "label": "Exceeds"},
    ],
    "meets": 3,
    "mastery": "recent",
    "share": "family",
    "links": "names",  # tiny classes keep readable addresses; tests/build/test_secret_links.py covers secrets
    "passage": {
        "title": "Passage",
        "question": "Am I ready?",
        "sections": [
            {"id": "growth", "title": "How I have grown", "prompt": "Show growth.", "min": 1},
            {"id": "character", "title": "Habits of character", "prompt": "Show a habit.", "min": 1},
        ],
    },
}

TARGETS: list[dict[str, Any]] = [
    {"id": "sci-observe", "statement": "I can observe closely.", "subject": "Science", "standard": "NGSS MS-LS1-5"},
    {"id": "sci-draw", "statement": "I can draw what I see.", "subject": "Science", "kind": "supporting",
     "parent": "sci-observe"},
    {"id": "ela-argument", "statement": "I can write an argument.", "subject": "ELA", "standard": "W.8.1"},
    {"id": "hoc-perseverance", "statement": "I can keep going when work is hard.", "subject": "Habits"},
]


def write_doc(path: Path, meta: dict[str, Any] | None, body: str = "") -> Path:
    """Write a markdown file with YAML front matter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta is not None else ""
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return path


def jpeg_bytes(size: tuple[int, int] = (1200, 900), color: str = "teal", exif: Image.Exif | None = None) -> bytes:
    """A small photo-like JPEG, optionally with an EXIF block."""
    image = Image.new("RGB", size, color)
    for x in range(0, size[0], 40):  # some structure so the encoder has work to do
        image.paste("white", (x, 0, x + 8, size[1]))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif if exif is not None else Image.Exif())
    return out.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of blank letter-size pages (Pillow writes it): a broken one is left out of a build."""
    out = io.BytesIO()
    page = Image.new("RGB", (850, 1100), "white")
    page.save(out, "PDF", save_all=True, append_images=[page] * (pages - 1))
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with camera details, a GPS position and an orientation."""
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam"  # Make
    exif[0x0110] = "Model-CANARY"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 44.0, 55.0)
    gps[3], gps[4] = "W", (73.0, 59.0, 11.0)
    return exif


def make_class(
    root: Path,
    students: dict[str, dict[str, Any]],
    settings: dict[str, Any] | None = None,
    targets: list[dict[str, Any]] | None = None,
) -> Path:
    """Write a class folder.

    students: slug → {"student": meta, "about": str, "pieces": {relpath: (meta, body)}, "files": {relpath: bytes}}
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "portfolio.yml").write_text(yaml.safe_dump(settings or SETTINGS, allow_unicode=True), encoding="utf-8")
    (root / "targets.yml").write_text(yaml.safe_dump(targets or TARGETS, allow_unicode=True), encoding="utf-8")
    for slug, spec in students.items():
        folder = root / slug
        write_doc(folder / "student.md", spec.get("student", {"name": slug.title(), "grade": 8}), spec.get("about", ""))
        for rel, (meta, body) in spec.get("pieces", {}).items():
            write_doc(folder / rel, meta, body)
        for rel, data in spec.get("files", {}).items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
    return root


#: Display P3's primaries and white (CIE xy): wider than sRGB, what an iPhone photo is tagged with.
P3_PRIMARIES = ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060))
D65 = (0.3127, 0.3290)


def rgb_icc_profile(primaries: tuple[tuple[float, float], ...] = P3_PRIMARIES, gamma: float = 2.2,
                    name: str = "P3-like test RGB") -> bytes:
    """A real ICC v2 matrix/TRC display profile, written byte by byte (ImageCms can only create sRGB).

    Deterministic and self-contained, so a test needs no profile file from the system; littleCMS
    reads it like a camera's Adobe RGB or a phone's Display P3 profile (same kind, other numbers).
    """
    columns = _to_d50(_rgb_to_xyz(primaries, D65))
    tags = [(b"desc", _desc(name)), (b"cprt", b"text" + bytes(4) + b"public domain\0"),
            (b"wtpt", _xyz_tag((0.9642, 1.0, 0.8249)))]
    tags += [(sig, _xyz_tag(tuple(row[i] for row in columns))) for i, sig in enumerate((b"rXYZ", b"gXYZ", b"bXYZ"))]
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    tags += [(sig, curve) for sig in (b"rTRC", b"gTRC", b"bTRC")]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for sig, data in tags:
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data + bytes(-len(data) % 4)
    size = offset + len(body)
    header = (struct.pack(">I4sI", size, b"\0\0\0\0", 0x02100000) + b"mntrRGB XYZ " + bytes(12) + b"acsp"
              + bytes(24) + struct.pack(">I", 0) + _s15((0.9642, 1.0, 0.8249)) + bytes(4 + 16 + 28))
    assert len(header) == 128
    return header + table + body


def _rgb_to_xyz(primaries: tuple[tuple[float, float], ...], white: tuple[float, float]) -> list[list[float]]:
    """The RGB → XYZ matrix of an RGB space from its primaries and white point (rows X, Y, Z)."""
    columns = [[x / y, 1.0, (1 - x - y) / y] for x, y in primaries]
    m = [[columns[c][r] for c in range(3)] for r in range(3)]
    wx, wy = white
    scale = _solve(m, [wx / wy, 1.0, (1 - wx - wy) / wy])
    return [[m[r][c] * scale[c] for c in range(3)] for r in range(3)]


def _to_d50(m: list[list[float]]) -> list[list[float]]:
    """Adapt a D65 matrix to the ICC's D50 connection space (Bradford, as ICC profiles do)."""
    bradford = [[1.0478112, 0.0228866, -0.0501270], [0.0295424, 0.9904844, -0.0170491],
                [-0.0092345, 0.0150436, 0.7521316]]
    return [[sum(bradford[r][k] * m[k][c] for k in range(3)) for c in range(3)] for r in range(3)]


def _solve(m: list[list[float]], v: list[float]) -> list[float]:
    """Cramer's rule for a 3 × 3 system: enough for one matrix, no numpy needed."""
    def det(a: list[list[float]]) -> float:
        return (a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]))
    d = det(m)
    return [det([[v[r] if c == i else m[r][c] for c in range(3)] for r in range(3)]) / d for i in range(3)]


def _s15(xyz: tuple[float, ...]) -> bytes:
    return struct.pack(">3i", *(round(v * 65536) for v in xyz))


def _xyz_tag(xyz: tuple[float, ...]) -> bytes:
    return b"XYZ " + bytes(4) + _s15(xyz)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return b"desc" + bytes(4) + struct.pack(">I", len(ascii_text)) + ascii_text + bytes(4 + 4 + 2 + 1 + 67)


def profiled_jpeg(colour: tuple[int, int, int], icc: bytes | None, size: tuple[int, int] = (1200, 900)) -> bytes:
    """A photo of one flat colour tagged with `icc` (a flat area survives JPEG nearly exactly)."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=95, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()
