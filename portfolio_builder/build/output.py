"""The output folder as a transaction: a staging folder, the spare kept from the last build, one swap."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..cache import private
from ..site.paths import data_root
from .links import FOLDER
from .options import MARKER
from .state import mask, no_sites, read_marker


def share_identical_assets(staging: Path, rendered: list[str]) -> None:
    """Every site carries the same theme files: keep one copy on disk, hard-linked into each site."""
    seen: dict[tuple[str, int, str], Path] = {}
    for folder in [staging / "assets", *(staging / slug / "assets" for slug in rendered)]:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            key = (str(path.relative_to(folder)), path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            if (first := seen.setdefault(key, path)) is not path and not path.samefile(first):
                path.unlink()
                _link(first, path)


def _link_tree(source: Path, destination: Path) -> None:
    shutil.copytree(source, destination, copy_function=_link)


def _link(source: Path | str, destination: Path | str) -> None:
    """Share the bytes of an unchanged file (no copy); copy where links are not possible."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def remove_abandoned_staging(output: Path) -> None:
    """Clear half-built folders left by a build that was killed (its process is gone)."""
    leftovers = [*output.parent.glob(f".{output.name}.building-*-*"), *output.parent.glob(f".{output.name}.old-*")]
    for folder in leftovers:
        pid = left_by(folder)
        if pid is not None and not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def left_by(folder: Path) -> int | None:
    """The process number in a build's folder name (`.site.building-<pid>-…`, `.site.old-<pid>`), if it has one."""
    name = folder.name
    mark = name.split(".building-", 1)[1] if ".building-" in name else name.rsplit(".old-", 1)[-1]
    pid = mark.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def remove_now(folder: Path) -> None:
    """Remove a folder moved out of the way, in this process (without workers to hand it to)."""
    shutil.rmtree(folder, ignore_errors=True)


#: In a staging folder's name (`.site.building-<pid>-aside-…`): a folder moved aside for a worker to remove.
ASIDE = "aside"


def remove_own_staging(output: Path, set_aside: bool = True) -> None:
    """Every staging folder of this process (a fresh one or the claimed spare): the build is over.

    `set_aside=False`: not the folders moved aside (`Places.set_aside`), which a worker is removing;
    the build's last clean-up, once the workers have stopped, removes what they left."""
    for folder in output.parent.glob(f".{output.name}.building-{os.getpid()}-*"):
        if set_aside or f"-{ASIDE}-" not in folder.name:
            shutil.rmtree(folder, ignore_errors=True)


def restore_interrupted_swap(output: Path) -> None:
    """A build killed between the two renames of `swap_in` left no output: put the previous site back."""
    if output.exists():
        return
    for retired in sorted(output.parent.glob(f".{output.name}.old-*")):
        pid = left_by(retired)
        if pid is not None and not alive(pid) and (retired / MARKER).is_file():
            os.replace(retired, output)
            return


def alive(pid: int) -> bool:
    """Whether a process of this number runs (a build's folders beside the output are its own while it does)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, output: Path, spare: Path, set_aside: Callable[[Path], None] | None = None) -> None:
    """Replace the old site with the new one in two renames: never a half-written site.

    The old site is kept in the cache as the next build's starting point: most of it is
    still right then, and renaming it costs nothing where deleting it costs a second.
    With `set_aside` (a build that rendered most sites again: a new theme, new settings, an
    upgrade), most of it is stale: the next one-piece edit would move each stale site aside and
    link the published one in its place (2.3 s, not 1, after a 30-student class's theme change).
    The spare is then a linked copy of the new site, made now, and the old site is set aside.
    """
    shutil.rmtree(spare, ignore_errors=True)  # a spare this build did not use
    if not output.exists():
        os.replace(staging, output)
        _keep_spare(output, spare, output, link=True)
        return
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    os.replace(output, retired)
    os.replace(staging, output)
    if set_aside is None:
        _keep_spare(retired, spare, output, link=False)
        return
    set_aside(retired)
    _keep_spare(output, spare, output, link=True)


def _keep_spare(site: Path, spare: Path, output: Path, link: bool) -> None:
    """Keep `site` as the spare of `output`: moved there, or (after a first build) a linked copy.

    Only on the cache's own disk: a spare is never a copy of every photo. `<spare>.output`
    names the folder it belongs to, so spares of folders that are gone can be cleared.
    """
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        spare.with_name(f"{spare.name}.output").write_text(str(output))
        if not link:
            os.replace(site, spare)
        elif os.stat(site).st_dev == os.stat(spare.parent).st_dev:
            _link_tree(site, spare)
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)
    if not link:
        shutil.rmtree(site, ignore_errors=True)  # not kept (the cache is on another disk): deleted


# --- the staging folder: a new one, or the previous site kept as a spare ---------------


def spare_of(output: Path, cache: Path) -> Path:
    return cache / "sites" / hashlib.sha256(str(output).encode()).hexdigest()[:24]


def remove_orphan_spares(cache: Path) -> None:
    """Spares of sites that are gone (a deleted output, `portfolio serve`'s temporary folder)."""
    for owner in (cache / "sites").glob("*.output"):
        try:
            gone = not Path(owner.read_text()).exists()
        except OSError:
            continue
        if gone:
            shutil.rmtree(owner.with_suffix(""), ignore_errors=True)
            owner.unlink(missing_ok=True)


def claim_staging(output: Path, cache: Path) -> tuple[Path, dict[str, Any]]:
    """A folder beside the output to build into, and the fingerprints of the sites it already holds.

    The spare (the site the last build replaced) is claimed with one rename, so two builds never
    share it; its marker is removed first, so a build killed while updating it leaves nothing
    the next one would trust.
    """
    claimed = output.with_name(f".{output.name}.building-{os.getpid()}-spare")
    if not private(cache):  # a spare others could have written is never published
        return _fresh_staging(output), no_sites()
    try:
        os.replace(spare_of(output, cache), claimed)
    except OSError:  # no spare, another build took it, or it is on another disk
        return _fresh_staging(output), no_sites()
    held = read_marker(claimed)
    (claimed / MARKER).unlink(missing_ok=True)
    if not held["sites"]:
        shutil.rmtree(claimed, ignore_errors=True)
        return _fresh_staging(output), no_sites()
    return claimed, held


def _fresh_staging(output: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-{os.getpid()}-", dir=output.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)  # mkdtemp makes 0700; a published folder is read by the web server
    return folder


@dataclass(frozen=True)
class Places:
    """Where a site can come from without rendering it, each with the fingerprints of what it holds."""

    staging: Path
    held: dict[str, Any]  # the staging folder: empty, or the spare
    output: Path
    before: dict[str, Any]  # the site this build replaces
    #: Removes a folder moved out of the way (`set_aside`): in an idle worker when there is one (workers.py).
    discard: Callable[[Path], None] = remove_now

    def set_aside(self, folder: Path) -> None:
        """Free `folder` at once (a stale site in the spare) and have it removed meanwhile.

        Moved beside the output under this build's name: a build stopped before it is gone leaves it
        to `remove_own_staging` (or, killed, to the next build's `remove_abandoned_staging`).
        """
        if folder.is_symlink():  # never ours; never followed
            folder.unlink()
        if not folder.is_dir():
            return
        aside = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.building-{os.getpid()}-{ASIDE}-",
                                      dir=self.output.parent))
        os.replace(folder, aside / "site")
        self.discard(aside)


def drop_departed(places: Places, folders: list[str]) -> None:
    """Sites in the spare of students no longer in the class, and secret folders no longer in use (rotated)."""
    keep = {mask(folder) for folder in folders}
    for held in places.held["students"]:
        if held not in keep and not held.startswith(f"{FOLDER}/"):
            shutil.rmtree(places.staging / held, ignore_errors=True)
    secret = places.staging / FOLDER
    for entry in sorted(secret.iterdir()) if secret.is_dir() else []:
        if mask(f"{FOLDER}/{entry.name}") not in keep:
            _remove(entry)


def reuse(places: Places, slug: str, fingerprint: str) -> bool:
    """Put an unchanged site in place without rendering it: kept from the spare, or linked from the output."""
    staged, previous = places.staging / slug, places.output / slug
    if places.held["sites"].get(mask(slug)) == fingerprint and staged.is_dir():
        return True
    places.set_aside(staged)  # a stale site of this student: a one-piece edit does not wait for its removal
    if places.before["sites"].get(mask(slug)) == fingerprint and previous.is_dir():
        _link_tree(previous, staged)
        return True
    return False


def reuse_class_site(places: Places, fingerprint: str, folders: list[str]) -> bool:
    """The class pages (everything at the top that is not a student's site), when unchanged.

    `folders`: this build's student sites, which may be rendering already: never touched here.
    """
    if places.held["sites"].get("") == fingerprint and (places.staging / "index.html").is_file():
        return True
    students = _tops(places.held["students"]) | _tops(folders)
    for entry in places.staging.iterdir():
        if entry.name not in students:
            _remove(entry)
    if places.before["sites"].get("") != fingerprint or not (places.output / "index.html").is_file():
        return False
    for entry in places.output.iterdir():
        if entry.name in _tops(places.before["students"]) or entry.name == MARKER:
            continue
        if entry.is_dir():
            _link_tree(entry, places.staging / entry.name)
        else:
            _link(entry, places.staging / entry.name)
    return True


def _tops(folders: list[str]) -> set[str]:
    """The top-level names that student sites occupy (`s` for every site behind a secret link)."""
    return {folder.split("/")[0] for folder in folders}


def write_robots(staging: Path, theme_dir: Path, site_url: str | None) -> None:
    """robots.txt: crawlers are asked to keep out of the family sites' folder (docs/publishing.md).

    The folder is given from the host's root: `/crew8b/s/` when the site is published at `/crew8b/`.
    """
    source = theme_dir / "robots.txt"
    if not source.is_file():
        source = data_root() / "themes" / "portfolio" / "robots.txt"
    path = urlsplit(site_url or "/").path or "/"
    text = source.read_text(encoding="utf-8").replace("{path}", path if path.endswith("/") else f"{path}/")
    (staging / "robots.txt").unlink(missing_ok=True)
    (staging / "robots.txt").write_text(text, encoding="utf-8")


def carry_over(places: Places, others: list[str]) -> dict[str, str]:
    """With --student, keep the other students' sites as the previous build left them."""
    kept = {}
    for slug in others:
        fingerprint = places.before["sites"].get(mask(slug))
        if fingerprint and reuse(places, slug, fingerprint):
            kept[mask(slug)] = fingerprint
            continue
        shutil.rmtree(places.staging / slug, ignore_errors=True)
        if (places.output / slug).is_dir():
            _link_tree(places.output / slug, places.staging / slug)
    return kept


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()
