"""Build tiny class folders in tmp_path from plain Python data (docs/architecture.md)."""

from __future__ import annotations

import io
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
