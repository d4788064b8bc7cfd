"""PDFs, recordings and videos reach families without the names and places their apps wrote into them.

Real files with a family's name in their metadata (a scanner's PDF Author and XMP, a recording's
artist tag, a phone video's GPS position and model), built with the real command; every byte of
the site is searched for the canary (docs/privacy.md).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import mutagen
import pikepdf
import pytest
from classmaker import make_class
from conftest import run_portfolio
from mutagen.id3 import TPE1
from mutagen.wave import WAVE
from sitecheck import every_file_bytes

CANARY = "CANARY Family Name"
PHONE = "CANARYPHONE"
#: Every canary written into a test file starts with this; no byte of a site may hold it.
MARK = b"CANARY"
AUDIO = {".mp3", ".m4a", ".ogg", ".wav"}


def need_ffmpeg() -> None:
    """Videos need ffmpeg: skipped on a laptop without it, a failure in CI (which installs it)."""
    if shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    if os.environ.get("CI"):
        pytest.fail("ffmpeg is missing: CI must install it (apt-get install ffmpeg)")
    pytest.skip("video tests need ffmpeg: sudo apt-get install ffmpeg")


# --- real files with a family's name in them ----------------------------------------------


def canary_pdf(pages: int = 3) -> bytes:
    """A PDF naming the family in its document info, its XMP and a page's own metadata stream."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    pdf.docinfo["/Author"] = CANARY
    pdf.docinfo["/Creator"] = f"{CANARY}'s scanner"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = [CANARY]
    pdf.pages[0].obj.Metadata = pdf.make_stream(f"<x:xmpmeta>{CANARY}</x:xmpmeta>".encode())  # compressed on save
    # A file carried inside, named for the family, with a pin on the first page, and a script run on opening.
    carried = pikepdf.AttachedFileSpec(pdf, f"notes by {CANARY}".encode(), description=CANARY, filename="notes.txt")
    pdf.attachments["notes.txt"] = carried
    pin = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Contents=CANARY,
                             Rect=[10, 10, 30, 30], FS=carried.obj)
    # A second file reached only through a link's launch action, and a link that runs a script when clicked.
    hidden = pikepdf.AttachedFileSpec(pdf, f"launched {CANARY}".encode(), filename="other.txt")
    launch = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[40, 10, 60, 30],
                                A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=hidden.obj))
    script = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[70, 10, 90, 30],
                                A=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=f"app.alert('{CANARY}')"))
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(a) for a in (pin, launch, script)])
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=f"app.alert('{CANARY}')")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def canary_wav(path: Path) -> Path:
    """A short WAV (stdlib) with the family's name in a LIST/INFO chunk and in an ID3 tag (mutagen)."""
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 3))) for i in range(2000)))
    data = path.read_bytes()
    name = CANARY.encode() + b"\0"
    info = b"INFO" + b"IART" + struct.pack("<I", len(name)) + name + b"\0" * (len(name) % 2)
    body = data[8:] + b"LIST" + struct.pack("<I", len(info)) + info
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    tagged = WAVE(path)
    tagged.add_tags()
    assert tagged.tags is not None
    tagged.tags.add(TPE1(encoding=3, text=[CANARY]))
    tagged.save()
    return path


def ffmpeg_file(path: Path, *args: str) -> Path:
    """A file made by ffmpeg from its test sources, with the family's name as artist and comment."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", *args, "-metadata", f"artist={CANARY}",
         "-metadata", f"comment={CANARY}", str(path)], check=True, timeout=120,
    )  # fmt: skip
    return path


def canary_video(path: Path) -> Path:
    """An MP4 as a phone writes it: a GPS position and the phone's model among its metadata."""
    return ffmpeg_file(
        path, "-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=5", "-pix_fmt", "yuv420p",
        "-metadata", "location=+40.7+074.0/", "-metadata", "com.apple.quicktime.location.ISO6709=+40.7+074.0/",
        "-metadata", f"com.apple.quicktime.model={PHONE}", "-movflags", "use_metadata_tags",
    )


def _has_ffmpeg() -> bool:
    return bool(shutil.which("ffmpeg"))


def _class(tmp: Path, files: dict[str, bytes], share: str = "family", private: dict[str, bytes] | None = None) -> Path:
    """One student with one piece holding `files` as media, and optionally a private piece with others."""
    pieces = {"report.md": ({"title": "Lab report", "date": "2026-10-01", "targets": ["sci-observe"], "share": share,
                             "media": [{"file": name, "title": name} for name in files]}, "My report.")}
    if private:
        pieces["diary.md"] = ({"title": "Diary", "date": "2026-10-02", "share": "private",
                               "media": [{"file": name, "title": name} for name in private]}, "Mine.")
    return make_class(tmp / "class", {"ana": {"pieces": pieces, "files": {**files, **(private or {})}}})


def _media_files(tmp: Path) -> dict[str, bytes]:
    """A PDF and a WAV always; an MP3, M4A, OGG and a phone video where ffmpeg can make them."""
    work = tmp / "made"
    work.mkdir()
    made = [canary_wav(work / "voice.wav")]
    if _has_ffmpeg():
        sine = ("-f", "lavfi", "-i", "sine=frequency=440:duration=0.5")
        made += [ffmpeg_file(work / f"voice{suffix}", *sine) for suffix in (".mp3", ".m4a", ".ogg")]
        made.append(canary_video(work / "clip.mp4"))
    return {"report.pdf": canary_pdf(), **{p.name: p.read_bytes() for p in made}}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], str]:
    tmp = tmp_path_factory.mktemp("media")
    files = _media_files(tmp)
    assert all(MARK in data or name.endswith(".pdf") for name, data in files.items())  # the canaries are there
    root = _class(tmp, files, private={"private.pdf": canary_pdf(1)})
    result = run_portfolio("build", str(root), "-o", str(tmp / "site"), cwd=tmp, cache=tmp / "cache")
    assert result.returncode == 0, result.stderr
    return tmp / "site", tmp / "cache", files, result.stdout + result.stderr


def _published(site: Path, suffixes: set[str]) -> list[Path]:
    return sorted(p for p in (site / "ana" / "media").iterdir() if p.suffix in suffixes)


def _pdf_text(path: Path) -> bytes:
    """Every object of a PDF, streams decompressed: a name hidden in a compressed stream is found too."""
    found = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            found.append(repr(obj).encode())
            if isinstance(obj, pikepdf.Stream):
                found.append(obj.read_bytes())
    return b"\n".join(found)


# --- the tests ------------------------------------------------------------------------------


def test_no_byte_of_the_site_holds_the_familys_name(built: tuple[Path, Path, dict[str, bytes], str]) -> None:
    site, _, files, _ = built
    published = every_file_bytes(site)
    assert len(_published(site, {".pdf", *AUDIO, ".mp4"})) == len(files)  # every file is there, cleaned
    for path, data in published.items():
        assert MARK not in data, path
        assert MARK not in (_pdf_text(path) if path.suffix == ".pdf" else b""), path
        assert b"+40.7" not in data, path


def test_the_pdf_opens_with_its_pages_and_no_metadata(built: tuple[Path, Path, dict[str, bytes], str]) -> None:
    site, _, _, _ = built
    (path,) = _published(site, {".pdf"})
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 3
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert not any("/Metadata" in page.obj for page in pdf.pages)
        assert not pdf.attachments and "/OpenAction" not in pdf.Root
    page = (site / "ana" / "work" / "report" / "index.html").read_text()
    assert f"media/{path.name}" in page


def test_recordings_load_without_tags(built: tuple[Path, Path, dict[str, bytes], str]) -> None:
    site, _, _, _ = built
    recordings = _published(site, AUDIO)
    assert len(recordings) == (4 if _has_ffmpeg() else 1)
    for path in recordings:
        audio = mutagen.File(path)
        assert audio is not None and audio.info.length > 0, path
        assert not audio.tags, (path, audio.tags)
    (wav,) = _published(site, {".wav"})
    with wave.open(str(wav)) as sound:
        assert sound.getnframes() == 2000
    assert b"LIST" not in wav.read_bytes() and b"id3 " not in wav.read_bytes()


def test_the_video_keeps_its_picture_without_location_or_phone(
    built: tuple[Path, Path, dict[str, bytes], str],
) -> None:
    need_ffmpeg()
    site, _, _, _ = built
    (video,) = _published(site, {".mp4"})
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(video)],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout)  # fmt: skip
    assert [s["codec_type"] for s in probe["streams"]] == ["video"]
    tags = json.dumps(probe["format"].get("tags", {})) + json.dumps([s.get("tags", {}) for s in probe["streams"]])
    assert "location" not in tags.lower() and PHONE not in tags and "model" not in tags.lower(), tags


def test_a_private_pieces_file_is_never_cleaned(built: tuple[Path, Path, dict[str, bytes], str]) -> None:
    _, cache, _, _ = built
    assert len(list((cache / "media").rglob("*.pdf"))) == 1  # the family piece's, not the private one's


def test_cleaned_copies_are_reused(built: tuple[Path, Path, dict[str, bytes], str], tmp_path: Path) -> None:
    site, cache, files, output = built
    assert f"files: {len(files)} without metadata ({len(files)} cleaned, 0 cached)" in output
    again = run_portfolio("build", str(site.parent / "class"), "-o", str(tmp_path / "site"), cwd=tmp_path, cache=cache)
    assert again.returncode == 0, again.stderr
    assert f"files: {len(files)} without metadata (0 cleaned, {len(files)} cached)" in again.stdout


def test_a_file_that_cannot_be_cleaned_is_left_out_with_its_line(tmp_path: Path) -> None:
    broken = {"broken.pdf": b"%PDF-1.4\n" + CANARY.encode() + b"\n%%EOF\n", "broken.mp3": MARK * 500}
    root = _class(tmp_path, broken)
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1, result.stderr
    for name in broken:
        line = rf"ana/report\.md:\d+: error: `{re.escape(name)}` cannot be read"
        assert re.search(line, result.stderr), result.stderr
    assert not list((tmp_path / "site").rglob("*.pdf")) and not list((tmp_path / "site").rglob("*.mp3"))
    assert not any(MARK in data for data in every_file_bytes(tmp_path / "site").values())


def test_without_ffmpeg_a_video_is_left_out_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()  # a PATH where no ffmpeg can be found: a real computer without it
    video = canary_video(tmp_path / "made.mp4").read_bytes() if _has_ffmpeg() else MARK + PHONE.encode() * 100
    root = _class(tmp_path, {"clip.mp4": video, "report.pdf": canary_pdf()})
    result = run_portfolio(
        "build", str(root), "-o", str(tmp_path / "site"), cwd=tmp_path, cache=tmp_path / "cache",
        env={"PATH": str(tmp_path / "bin")},
    )
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"ana/report\.md:\d+: warning: `clip\.mp4` was left out: videos are published only without their "
        r"location and camera details, and that needs ffmpeg \(sudo apt-get install ffmpeg", result.stderr,
    ), result.stderr
    assert not list((tmp_path / "site").rglob("*.mp4"))
    assert list((tmp_path / "site").rglob("*.pdf"))  # the rest of the piece is still published
    assert not any(MARK in data or b"+40.7" in data for data in every_file_bytes(tmp_path / "site").values())
