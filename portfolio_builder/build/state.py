"""Incremental builds: what a site is made of (its fingerprint), and what the last build saw.

Each site's fingerprint (its view, the theme, the tool's code and version) is kept in the
output's marker file; a site whose fingerprint did not change is reused, not rendered.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__, media
from ..cache import atomic_write, code_digest, key_bytes, seal, unseal
from ..content.walk import walk
from ..errors import Problem, ProblemLog, Severity
from ..site import pdf
from ..site.engine import engine_version
from ..site.paths import base_config_path, data_root
from .links import FOLDER, LINKS_FILE
from .options import MARKER, BuildOptions, BuildReport

#: In the cache: view keys → fingerprints (`view_key`).
KNOWN_VIEWS = "views.json"

if TYPE_CHECKING:  # a build that changes nothing reads this module and never loads the views
    from ..views import SiteView


def site_salt(theme_dir: Path) -> str:
    """Everything besides a site's view that shapes its pages: versions, base config, theme files."""
    digest = hashlib.sha256(f"{__version__}|{engine_version()}".encode())
    digest.update(code_digest().encode())  # an upgrade that renders differently rebuilds every site
    digest.update(base_config_path().read_bytes())
    for path in sorted(p for p in theme_dir.rglob("*") if p.is_file()):
        digest.update(os.fsencode(path.relative_to(theme_dir)) + path.read_bytes())  # any name, text or not
    return digest.hexdigest()


def fingerprint(site: SiteView, salt: str) -> str:
    """A site's fingerprint: the same view, theme and tool give the same pages, byte for byte.

    Pickled plainly, not with `cache.key_bytes` (six times the bytes for a site's view): views are made
    by the same code, so they share objects alike; at worst a site is rendered again."""
    return hashlib.sha256(salt.encode() + pickle.dumps(site, protocol=5)).hexdigest()


def view_key(salt: str, *made_from: object) -> str:
    """What a view is made from (the class settings and targets, one student, their images, the words).

    Equal keys give equal views, so a view whose key the last build saw need not be made again to
    learn its fingerprint: a one-piece edit makes one student's view, not the whole class's.
    """
    return hashlib.sha256(salt.encode() + key_bytes(made_from)).hexdigest()


def read_known_views(cache: Path) -> dict[str, str]:
    """The last build's view keys and the fingerprints of the views they gave (sealed: nothing trusted unread)."""
    try:
        known = json.loads(unseal(cache, (cache / KNOWN_VIEWS).read_bytes()) or b"{}")
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in known.items() if isinstance(v, str)} if isinstance(known, dict) else {}


def write_known_views(cache: Path, known: dict[str, str]) -> None:
    """Only this build's keys are kept: the file never grows past one class."""
    if sealed := seal(cache, json.dumps(known).encode()):
        atomic_write(cache / KNOWN_VIEWS, sealed)


@dataclass(frozen=True)
class Inputs:
    """Every input of a build (`digest`), and the same by part (`parts`) to tell where a change is.

    `parts`: for each folder right under ROOT (a student's), a digest of its markdown files and one of
    its other files (`writing:files`); under "" a digest of everything else (the tool, the class's own
    files, the themes).
    """

    digest: str
    parts: dict[str, str]


@dataclass(frozen=True)
class Changes:
    """What changed since the last full build of an output: the folders under ROOT, and whether anything else did."""

    folders: frozenset[str]  # anything in them
    files: frozenset[str]  # their files other than markdown (photos), or the folder itself (new, gone)
    elsewhere: bool  # the class's own files, a theme, the tool, the teacher folder, the published output


def inputs_digest(root: Path, output: Path, options: BuildOptions) -> Inputs:
    """Every input of a build, cheaply: each file's path, size and time under ROOT and the theme folders."""
    digest = hashlib.sha256(
        f"{__version__}|{engine_version()}|{options.audience.value}|{output}|{media.tools()}|{options.shard}"
        .encode()
    )  # media.tools(): installing ffmpeg after a video was left out makes the next build try it again
    digest.update(code_digest().encode())
    outside = digest.copy()
    below: dict[str, tuple[Any, Any]] = {}  # a folder under ROOT → digests of its markdown, of its other files
    start = len(str(root)) + 1
    for folder in (root, data_root() / "themes"):  # the walk that reading uses: links followed
        for entry in walk(folder, homes=folder == root):  # each student's folder their home
            stamp = f"{entry.stamp()}\n".encode()
            digest.update(stamp)
            child, sep, _ = str(entry.path)[start:].partition(os.sep) if folder == root else ("", "", "")
            if not sep:
                outside.update(stamp)
                continue
            if child not in below:
                below[child] = (hashlib.sha256(), hashlib.sha256())
            below[child][entry.path.suffix != ".md"].update(stamp)
    tail = base_config_path().read_bytes() + f"|{pdf.engine() if options.pdf else 'no-pdf'}\n".encode()
    digest.update(tail)  # installing Chromium is a change
    outside.update(tail)
    parts = {name: f"{md.hexdigest()[:16]}:{other.hexdigest()[:16]}" for name, (md, other) in below.items()}
    parts[""] = outside.hexdigest()
    return Inputs(f"{digest.hexdigest()}:{teacher_stamp(options)}", parts)


def changes(inputs: Inputs, output: Path, options: BuildOptions) -> Changes | None:
    """Where this build's inputs differ from the last full build's of this output; None when that build is unknown."""
    record = _remembered(output, options)
    parts = record.get("parts") if record else None
    if record is None or not isinstance(parts, dict) or not isinstance(record.get("inputs"), str):
        return None
    try:
        marker = hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        marker = None
    teacher = record["inputs"].partition(":")[2] == inputs.digest.partition(":")[2]
    elsewhere = not teacher or record.get("marker") != marker or parts.get("") != inputs.parts[""]
    names = (parts.keys() | inputs.parts.keys()) - {""}
    folders = frozenset(n for n in names if parts.get(n) != inputs.parts.get(n))
    files = frozenset(n for n in folders if _other_files_changed(parts.get(n), inputs.parts.get(n)))
    return Changes(folders, files, elsewhere)


def _other_files_changed(before: object, now: object) -> bool:
    """A folder's files other than markdown changed, or the folder is new or gone."""
    if not isinstance(before, str) or not isinstance(now, str):
        return True
    return before.partition(":")[2] != now.partition(":")[2]


def teacher_stamp(options: BuildOptions) -> str:
    """The teacher folder as the build leaves it: taken again when the build is remembered, after writing it.

    So the build right after a first build (which made the folder) is already one that changes nothing.
    """
    digest = hashlib.sha256()
    teacher = options.teacher.resolve() if options.teacher else Path("-")
    try:  # the secrets by content (each build rewrites the file); a rotated link is a change
        digest.update(hashlib.sha256((teacher / LINKS_FILE).read_bytes()).digest())
    except OSError:
        digest.update(b"no links")
    for name in ("links.csv", "cards/index.html", "matrix/index.html", "panel"):  # a teacher folder deleted is a change
        digest.update(f"{teacher / name}|{(teacher / name).exists()}\n".encode())
    return digest.hexdigest()


def _record(output: Path, options: BuildOptions) -> Path:
    return options.cache / "builds" / f"{hashlib.sha256(str(output).encode()).hexdigest()[:24]}.json"


def mask(folder: str) -> str:
    """How the published marker names a site's folder: a secret folder only by a hash of it.

    The marker sits in the published folder; it must never list the families' secret links.
    """
    if not folder.startswith(f"{FOLDER}/"):
        return folder
    return f"{FOLDER}/#{hashlib.sha256(folder.encode()).hexdigest()[:32]}"


def remembered_report(inputs: Inputs, output: Path, options: BuildOptions) -> BuildReport | None:
    """When not one input changed since the last full build of this output, its report, and no work.

    The problems are remembered too, so a no-change build prints the same lines and exits the same.
    """
    if options.students:
        return None
    record = _remembered(output, options)
    try:
        marker = (output / MARKER).read_bytes()
    except OSError:
        return None
    if record is None or record.get("inputs") != inputs.digest:
        return None
    if record.get("marker") != hashlib.sha256(marker).hexdigest():
        return None
    if not all((output / folder).is_dir() for folder in record.get("folders", [])):
        return None
    if not (output / "index.html").is_file():  # the class home deleted from the published folder: made again
        return None
    log = ProblemLog([Problem(Path(p), line, Severity(sev), msg) for p, line, sev, msg in record["problems"]])
    return BuildReport(log, unchanged=record["unchanged"], pieces=record["pieces"], images=record["images"])


def _remembered(output: Path, options: BuildOptions) -> dict[str, Any] | None:
    """The record of the last full build of this output (sealed in the cache), if there is a readable one."""
    try:
        record = json.loads(unseal(options.cache, _record(output, options).read_bytes()) or b"null")
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def remember_report(
    inputs: Inputs, output: Path, options: BuildOptions, report: BuildReport, folders: list[str]
) -> None:
    try:
        marker = hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return
    digest = f"{inputs.digest.partition(':')[0]}:{teacher_stamp(options)}"  # the teacher folder this build wrote
    record = {
        "inputs": digest, "parts": inputs.parts, "marker": marker, "pieces": report.pieces, "images": report.images,
        "unchanged": report.built + report.unchanged, "folders": folders,
        "problems": [[str(p.path), p.line, p.severity.value, p.message] for p in report.log.problems],
    }
    if sealed := seal(options.cache, json.dumps(record).encode()):
        atomic_write(_record(output, options), sealed)


def no_sites() -> dict[str, Any]:
    """The fingerprints of a folder that holds no site."""
    return {"sites": {}, "students": []}


def read_marker(output: Path) -> dict[str, Any]:
    """The previous build's fingerprints, or nothing when there is no usable previous build."""
    try:
        data = json.loads((output / MARKER).read_text())
    except (OSError, ValueError):
        return no_sites()
    valid = isinstance(data, dict) and isinstance(data.get("sites"), dict) and isinstance(data.get("students"), list)
    return data if valid else no_sites()


def write_marker(staging: Path, sites: dict[str, str], students: list[str]) -> None:
    note = "Built by portfolio_builder. This whole folder is replaced by each build."
    (staging / MARKER).write_text(json.dumps({"note": note, "sites": sites, "students": students}, indent=1))
