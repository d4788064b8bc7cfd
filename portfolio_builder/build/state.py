"""Incremental builds: what a site is made of (its fingerprint), and what the last build saw.

Each site's fingerprint (its view, the theme, the tool's code and version) is kept in the
output's marker file; a site whose fingerprint did not change is reused, not rendered.
"""

from __future__ import annotations

import hashlib
import json
import pickle
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
        digest.update(str(path.relative_to(theme_dir)).encode() + path.read_bytes())
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


def inputs_digest(root: Path, output: Path, options: BuildOptions) -> str:
    """Every input of a build, cheaply: each file's path, size and time under ROOT and the theme folders."""
    digest = hashlib.sha256(
        f"{__version__}|{engine_version()}|{options.audience.value}|{output}|{media.tools()}|{options.shard}"
        .encode()
    )  # media.tools(): installing ffmpeg after a video was left out makes the next build try it again
    digest.update(code_digest().encode())
    for folder in (root, data_root() / "themes"):  # the walk that reading uses: links followed
        for entry in walk(folder):
            digest.update(f"{entry.stamp()}\n".encode())
    digest.update(base_config_path().read_bytes())
    digest.update(f"|{pdf.engine() if options.pdf else 'no-pdf'}\n".encode())  # installing Chromium is a change
    return f"{digest.hexdigest()}:{teacher_stamp(options)}"


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


def remembered_report(inputs: str, output: Path, options: BuildOptions) -> BuildReport | None:
    """When not one input changed since the last full build of this output, its report, and no work.

    The problems are remembered too, so a no-change build prints the same lines and exits the same.
    """
    if options.students:
        return None
    try:
        record = json.loads(unseal(options.cache, _record(output, options).read_bytes()) or b"null")
        marker = (output / MARKER).read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("inputs") != inputs:
        return None
    if record.get("marker") != hashlib.sha256(marker).hexdigest():
        return None
    if not all((output / folder).is_dir() for folder in record.get("folders", [])):
        return None
    log = ProblemLog([Problem(Path(p), line, Severity(sev), msg) for p, line, sev, msg in record["problems"]])
    return BuildReport(log, unchanged=record["unchanged"], pieces=record["pieces"], images=record["images"])


def remember_report(
    inputs: str, output: Path, options: BuildOptions, report: BuildReport, folders: list[str]
) -> None:
    try:
        marker = hashlib.sha256((output / MARKER).read_bytes()).hexdigest()
    except OSError:
        return
    inputs = f"{inputs.partition(':')[0]}:{teacher_stamp(options)}"  # the teacher folder this build wrote
    record = {
        "inputs": inputs, "marker": marker, "pieces": report.pieces, "images": report.images,
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
