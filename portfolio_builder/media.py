"""Cleaned copies of PDFs, audio and video: a family downloads the work, never who made the file or where.

A scanner app writes its owner's name into a PDF, a recorder its artist and comment tags, a
phone its GPS position and model into a video (docs/privacy.md). Every published file is a
copy made here without them; a file that cannot be cleaned is left out, never published raw.
Copies live in the build cache, keyed by the source's bytes and this cleaner's version.

pikepdf and mutagen are imported where a file is cleaned: most classes publish no PDF or recording,
and every build would otherwise pay for loading them (docs/scale.md).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import atomic_write, published_mode

if TYPE_CHECKING:  # loaded where a PDF is cleaned (the module's docstring)
    import pikepdf


class MediaError(Exception):
    """The file cannot be cleaned, so it is not published; the message is for the student."""


class MissingTool(MediaError):
    """Nothing on this computer can clean the file: the teacher's setup, not the student's file."""


@dataclass(frozen=True)
class CleanFile:
    """The cleaned copy of one source file, ready to publish."""

    path: Path  # in the cache
    digest: str  # the copy's key: part of its published name, so a changed file gets a new address
    fresh: bool = False  # cleaned by this build rather than found in the cache


#: Dictionary keys dropped everywhere: who made a PDF (XMP packets, applications' private data), the files it
#: carries however they are reached (associated files, a file spec's file, rich media), what runs when it opens.
_PDF_PRIVATE = ("/Metadata", "/PieceInfo", "/AF", "/EF", "/RF", "/RichMediaContent", "/OpenAction", "/AA")
#: The catalog's name trees of files carried inside the PDF (with their own names and metadata) and of scripts.
_PDF_CARRIED = ("/EmbeddedFiles", "/JavaScript")
_PIN = "/FileAttachment"  # a page's pin that opens an attached file
#: Actions that run something or send something when a link is clicked: the link keeps its box, not the action.
_RUNS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/RichMediaExecute"}
#: The only WAV chunks kept: the format and the sound. LIST/INFO, id3, bext, iXML and the rest carry names.
_WAV_CHUNKS = {b"fmt ", b"fact", b"data"}
_FFMPEG_FORMATS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".webm": "webm"}
_AUDIO = {".mp3", ".m4a", ".ogg", ".oga", ".wav"}
#: How long one video may take to copy (stream copy, no re-encoding: seconds even for long videos).
FFMPEG_TIMEOUT = 900
_INSTALL_FFMPEG = "sudo apt-get install ffmpeg, or brew install ffmpeg"


def tools() -> str:
    """What this computer can clean with, for the build's "did anything change" stamp.

    Installing ffmpeg after a warning must make the next build try the videos again.
    """
    return f"ffmpeg={shutil.which('ffmpeg') or ''}"


def lookup(source: Path, cache_dir: Path) -> CleanFile | None:
    """The cleaned copy of an unchanged file, found from its path, size and time alone (no read)."""
    try:
        key = _pointer(source, cache_dir).read_text().strip()
    except OSError:
        return None
    return _cached(source, key, cache_dir)


def clean(source: Path, cache_dir: Path) -> CleanFile:
    """The cleaned copy of `source`, made only when the cache lacks it."""
    if found := lookup(source, cache_dir):
        return found
    cleaner = _cleaner(source)
    key = _content_key(source)
    found = _cached(source, key, cache_dir)
    if found is None:
        target = _target(source, key, cache_dir)
        with _written_atomically(target) as scratch:
            cleaner(source, scratch)
        found = CleanFile(target, key, fresh=True)
    atomic_write(_pointer(source, cache_dir), key.encode())
    return found


# --- the cache ---------------------------------------------------------------------------


@functools.cache
def version() -> str:
    """This cleaner's code and libraries: a change makes every file cleaned again."""
    import mutagen
    import pikepdf

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"|pikepdf={pikepdf.__version__}|mutagen={mutagen.version_string}".encode())
    return digest.hexdigest()[:16]


def _content_key(source: Path) -> str:
    """The source's bytes and the cleaner's version, read in blocks: videos can be large."""
    digest = hashlib.sha256(version().encode())
    with source.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:24]


def _pointer(source: Path, cache_dir: Path) -> Path:
    stat = source.stat()
    identity = f"{source.absolute()}|{stat.st_size}|{stat.st_mtime_ns}|{version()}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return cache_dir / "media" / "sources" / digest[:2] / digest


def _target(source: Path, key: str, cache_dir: Path) -> Path:
    return cache_dir / "media" / key[:2] / f"{key}{source.suffix.lower()}"


def _cached(source: Path, key: str, cache_dir: Path) -> CleanFile | None:
    if not key.isalnum():  # a pointer names a file beside the others, never a path out of the cache
        return None
    target = _target(source, key, cache_dir)
    return CleanFile(target, key) if target.is_file() else None


@contextlib.contextmanager
def _written_atomically(target: Path) -> Iterator[Path]:
    """A scratch file beside `target`, renamed onto it only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    os.close(fd)
    scratch = Path(name)
    try:
        yield scratch
        os.chmod(scratch, published_mode())  # linked into sites, not copied (site/plugin.py)
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)


# --- the cleaners ------------------------------------------------------------------------


def _cleaner(source: Path) -> Callable[[Path, Path], None]:
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return clean_pdf
    if suffix == ".wav":
        return clean_wav
    if suffix in _AUDIO:
        return clean_audio
    if suffix in _FFMPEG_FORMATS:
        return clean_video
    raise MediaError(f"`{source.name}`: {suffix or 'these'} files are not published")


def _drop_carried(pdf: pikepdf.Pdf) -> None:
    """Attached files (a PDF can carry whole documents, each with its own name, dates and metadata) and scripts,
    as the catalog lists them: never published. A page's attachment pins go with them."""
    import pikepdf

    names = pdf.Root.get("/Names")
    for key in _PDF_CARRIED:
        if isinstance(names, pikepdf.Dictionary) and key in names:
            del names[key]
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [a for a in annotations if not (isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == _PIN)]
            page.obj["/Annots"] = pikepdf.Array(kept)


def clean_pdf(source: Path, out: Path) -> None:
    """Re-write a PDF without its document info (Author, Creator, Producer…), any XMP packet, attached files and
    scripts."""
    import pikepdf

    try:
        with pikepdf.open(source) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for obj in pdf.objects:  # the catalog, every page, every image and font
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    for key in _PDF_PRIVATE:
                        if key in obj:
                            del obj[key]
                    action = obj.get("/A")  # a link that runs or sends something keeps its box, not the action
                    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in _RUNS:
                        del obj["/A"]
            _drop_carried(pdf)
            # Unreferenced objects (the dropped XMP streams) are not written; the same input gives the same bytes.
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    except pikepdf.PasswordError as exc:
        raise MediaError(f"`{source.name}` is password-protected: export it again without a password") from exc
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise MediaError(f"`{source.name}` cannot be read as a PDF: it may be damaged; export it again") from exc


def clean_audio(source: Path, out: Path) -> None:
    """Copy a recording and delete its tags (ID3, APEv2, MP4 atoms, Vorbis comments) with mutagen."""
    import mutagen
    import mutagen.apev2

    shutil.copyfile(source, out)
    try:
        audio = mutagen.File(out)
        if audio is None:
            raise MediaError(f"`{source.name}` cannot be read as a recording: export it again as MP3")
        audio.delete()
        if source.suffix.lower() == ".mp3":
            mutagen.apev2.delete(out)  # some players tag MP3s with APEv2 as well as ID3
    except mutagen.MutagenError as exc:
        raise MediaError(f"`{source.name}` cannot be read as a recording: export it again as MP3") from exc


def clean_wav(source: Path, out: Path) -> None:
    """Keep only the WAV chunks that make the sound: mutagen removes an id3 chunk but not LIST/INFO."""
    data = source.read_bytes()
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise MediaError(f"`{source.name}` cannot be read as a WAV recording: export it again as MP3")
    kept = [chunk for chunk in _riff_chunks(data, source.name) if chunk[:4] in _WAV_CHUNKS]
    if not any(chunk[:4] == b"data" for chunk in kept):
        raise MediaError(f"`{source.name}` holds no sound: export it again as MP3")
    body = b"WAVE" + b"".join(kept)
    out.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def _riff_chunks(data: bytes, name: str) -> Iterator[bytes]:
    """Every chunk after the RIFF header, with its header and its pad byte."""
    offset = 12
    while offset + 8 <= len(data):
        size = struct.unpack_from("<I", data, offset + 4)[0]
        end = offset + 8 + size
        if end > len(data):
            raise MediaError(f"`{name}` is cut short: it may be damaged; export it again")
        yield data[offset:end] + (b"\0" if size % 2 else b"")
        offset = end + size % 2


def clean_video(source: Path, out: Path) -> None:
    """Copy the picture and sound streams into a new file without any metadata (GPS, model, dates) or chapters.

    No re-encoding: the streams are copied as they are, so quality stays and it takes seconds.
    Only picture (never attached cover pictures) and sound are kept: a phone's metadata tracks go.
    """
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise MissingTool(
            f"`{source.name}` was left out: videos are published only without their location and camera "
            f"details, and that needs ffmpeg ({_INSTALL_FFMPEG})"
        )
    command = [
        ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source),
        "-map", "0:V", "-map", "0:a?", "-map_metadata", "-1", "-map_chapters", "-1", "-c", "copy",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        *(["-movflags", "+faststart"] if source.suffix.lower() != ".webm" else []),
        "-f", _FFMPEG_FORMATS[source.suffix.lower()], str(out),
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise MediaError(f"`{source.name}` took too long to copy: save a shorter video") from exc
    if result.returncode != 0:
        raise MediaError(f"`{source.name}` cannot be read as a video: it may be damaged; export it again")
