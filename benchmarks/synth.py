"""Make a synthetic class folder of any size: realistic front matter and photo-like 12 MP JPEGs.

Photos are drawn once per look (gradients, shapes and sensor-like noise, some stored
sideways with EXIF orientation 6) and then made byte-unique with a JPEG comment, so every
photo is a distinct source for the image cache while generation stays fast.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

SUBJECTS = ["ELA", "Math", "Science", "Crew"]
TARGETS = [
    {"id": "ela-argument", "statement": "I can write an argument with claims and evidence.", "subject": "ELA",
     "standard": "CCSS.ELA-LITERACY.W.8.1"},
    {"id": "ela-revise", "statement": "I can revise my writing after feedback.", "subject": "ELA",
     "kind": "supporting", "parent": "ela-argument"},
    {"id": "math-proportion", "statement": "I can graph a proportional relationship.", "subject": "Math",
     "standard": "CCSS.MATH.CONTENT.8.EE.B.5"},
    {"id": "math-function", "statement": "I can model a situation with a linear function.", "subject": "Math",
     "standard": "CCSS.MATH.CONTENT.8.F.B.4"},
    {"id": "sci-observe", "statement": "I can make a detailed scientific drawing.", "subject": "Science",
     "standard": "NGSS MS-LS1-4"},
    {"id": "sci-design", "statement": "I can test a design and improve it.", "subject": "Science",
     "standard": "NGSS MS-ETS1-3"},
    {"id": "hoc-perseverance", "statement": "I can keep going when work is hard.", "subject": "Crew"},
    {"id": "hoc-collaboration", "statement": "I can help my crew succeed.", "subject": "Crew"},
]  # fmt: skip
SETTINGS = {
    "school": "Benchmark Middle School", "class": "Crew B", "year": "2026–27", "language": "en",
    "mastery": "decaying", "share": "family",
    "passage": {"title": "Passage", "question": "Am I ready?", "sections": [
        {"id": "growth", "title": "How I have grown", "prompt": "Show growth.", "min": 2},
        {"id": "character", "title": "Habits of character", "prompt": "Show a habit.", "min": 1},
        {"id": "proud", "title": "What I am proud of", "prompt": "Show your best.", "min": 1},
    ]},
}  # fmt: skip
REFLECTION = (
    "## What I did\n\nI worked on this piece for a week, first alone and then with my crew. "
    "I looked at models, wrote a first draft and asked for **kind, specific, helpful** feedback.\n\n"
    "## What I learned\n\n- Slowing down helps me notice details.\n- Feedback is information, not a grade.\n"
    "- My second draft was much stronger than my first.\n\n## What I'd do next\n\n"
    "Next time I will plan my time better and check the rubric before I start. " * 2
)


def photo_looks(count: int, size: tuple[int, int], seed: int = 7) -> list[bytes]:
    """A few distinct photo-like JPEGs (every fourth stored sideways with orientation 6)."""
    rng = random.Random(seed)
    looks = []
    for index in range(count):
        width, height = size
        base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        tint = Image.new("RGB", (width, height), tuple(rng.randrange(60, 220) for _ in range(3)))
        image = Image.blend(base, tint, 0.6)
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(40, 600)
            color = tuple(rng.randrange(0, 255) for _ in range(3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
        image = image.filter(ImageFilter.GaussianBlur(6))
        noise = Image.effect_noise((width // 2, height // 2), 18).resize((width, height)).convert("RGB")
        image = Image.blend(image, noise, 0.12)
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "BenchCam", "Model 12"
        if index % 4 == 3:
            image = image.transpose(Image.Transpose.ROTATE_90)  # stored sideways; EXIF 6 turns it back
            exif[0x0112] = 6
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85, exif=exif)
        looks.append(out.getvalue())
    return looks


def unique(jpeg: bytes, tag: str) -> bytes:
    """Insert a JPEG comment right after SOI: same pixels, different bytes (a different source)."""
    comment = tag.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def make_class(
    root: Path, students: int = 30, pieces: int = 40, photos: int = 20, megapixels: float = 12.0, seed: int = 7
) -> Path:
    """Write a class folder under `root`; `photos` per student are spread over the first pieces."""
    rng = random.Random(seed)
    width = int((megapixels * 1_000_000 * 4 / 3) ** 0.5)
    looks = photo_looks(8, (width, width * 3 // 4), seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "portfolio.yml").write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), encoding="utf-8")
    (root / "targets.yml").write_text(yaml.safe_dump(TARGETS, allow_unicode=True), encoding="utf-8")
    for s in range(students):
        folder = root / f"student-{s:03d}"
        folder.mkdir(exist_ok=True)
        meta = {"name": f"Student {s:03d}", "grade": 8,
                "goals": [{"goal": "I will read 20 minutes every night.", "status": "in-progress",
                           "checkins": [{"date": "2026-10-01", "note": "12 of 20 nights."}]}]}  # fmt: skip
        _write(folder / "student.md", meta, "I am a student in Crew B. I like building things.")
        for p in range(pieces):
            month, day = 9 + p // 28, 1 + p % 28
            meta = {
                "title": f"Piece {p:02d} by student {s:03d}",
                "subject": SUBJECTS[p % len(SUBJECTS)],
                "targets": {TARGETS[p % len(TARGETS)]["id"]: rng.randint(1, 4),
                            TARGETS[(p + 3) % len(TARGETS)]["id"]: {"level": rng.randint(1, 4), "self": 3}},
                "share": ["family", "class", "public", "family", "private"][p % 5],
                "celebrate": p % 7 == 0,
            }  # fmt: skip
            if p % 10 == 0:
                meta["passage"] = ["growth", "character", "proud"][p // 10 % 3]
            if p < 8:
                meta["series"] = f"series-{p // 4}"
            if p < photos:
                name = f"photo-{p:02d}.jpg"
                (folder / name).write_bytes(unique(looks[(s + p) % len(looks)], f"{s}-{p}"))
                meta["media"] = [{"file": name, "alt": f"Photo of piece {p}"}]
            if p % 3 == 0:
                meta["feedback"] = [{"from": "Ms. Lee", "role": "teacher", "text": "Clear claim; add evidence."}]
            _write(folder / f"2026-{month:02d}-{day:02d}-piece-{p:02d}.md", meta, REFLECTION)
    return root


def _write(path: Path, meta: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, "utf-8")
