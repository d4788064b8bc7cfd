"""Pages kept from the last build of a site: a one-piece edit renders the pages it changed, not all forty.

A student's site is rendered again whenever anything in its view changed, but a reflection's edit
changes two or three of its pages (the piece, a target listing it); mkdocs-material's templates cost
two thirds of a site's render (docs/scale.md). When a site's render is done, the digest of every
page's view and of what every page shows (`shape`: the nav, the site's words and files, the theme
and tool through the salt) is remembered for the site's folder, with the site's fingerprint. The next
render of that student's site, given the site the last build published (`Earlier`), renders only the
pages whose digest moved; every other page is taken, byte for byte, from the published site.

A record is used only when its fingerprint is the published site's (from the output's marker), and
equal fingerprints give equal pages (`build/state.fingerprint`): a record written by a build that
then failed describes a site that was never published, and is not used. One record per site folder,
replaced by each render, so they never pile up. Anything unsure (no record, another fingerprint or
shape, a page file missing) renders. Light on purpose: the build's own process loads it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import atomic_write, seal, unseal

if TYPE_CHECKING:
    from ..views import SiteView


#: The site's error page, a theme template rendered from the shape alone: kept with the shape.
ERROR_PAGE = "404.html"


@dataclass(frozen=True)
class Earlier:
    """The site as the last build published it (if any), and the fingerprint of the one rendered in its place."""

    place: str  # the site's folder in the output (`s/<secret>` or a slug): its record is kept under a hash of it
    folder: Path | None  # the published site (output/<place>), read and never written
    was: str | None  # its fingerprint in the output's marker
    now: str  # the fingerprint of the site being rendered, written with its record
    salt: str  # `build/state.site_salt`: the theme's files and the tool's code


@dataclass(frozen=True)
class Digests:
    """What every page shows (`shape`) and each page's own view, as digests."""

    shape: str
    pages: dict[str, str]  # src_uri → digest


def shape(site: SiteView, salt: str) -> bytes:
    """Everything that every page shows: a change here renders the whole site."""
    outline = [(p.src_uri, p.title, p.template, p.searchable, p.hide) for p in site.pages]
    parts = (salt, site.name, site.language, site.nav, sorted(site.assets.items()), site.strings, site.info, outline)
    return pickle.dumps(parts, protocol=5)


def pages(site: SiteView) -> dict[str, bytes]:
    """Each page's whole view, to find the pages an edit changed."""
    return {page.src_uri: pickle.dumps(page, protocol=5) for page in site.pages}


class Known:
    """One site's render: its pages' digests, checked against the published site's record, remembered after."""

    def __init__(self, site: SiteView, earlier: Earlier, cache: Path) -> None:
        self.earlier, self.cache, self.folder = earlier, cache, earlier.folder
        each = {uri: _digest(blob) for uri, blob in pages(site).items()}
        self.now = Digests(_digest(shape(site, earlier.salt)), each)

    def unchanged(self) -> frozenset[str]:
        """The pages (src_uri) whose view is the one the published site was rendered from, and `ERROR_PAGE`
        when the shape is the same (the error page shows nothing else)."""
        was = _recall(self.cache, self.earlier.place, self.earlier.was) if self.earlier.was and self.folder else None
        if was is None or was.shape != self.now.shape:
            return frozenset()
        same = (uri for uri, digest in self.now.pages.items() if was.pages.get(uri) == digest)
        return frozenset([*same, ERROR_PAGE])

    def remember(self) -> None:
        """The record of the site just rendered, for the next render of the same student's site."""
        record = {"fingerprint": self.earlier.now, "shape": self.now.shape, "pages": self.now.pages}
        if (sealed := seal(self.cache, json.dumps(record, sort_keys=True).encode())) is not None:
            atomic_write(_record(self.cache, self.earlier.place), sealed)


def forget_all_but(cache: Path, places: list[str]) -> None:
    """Drop the records of folders no longer published (a student who left, a rotated link)."""
    kept = {_record(cache, place).name for place in places}
    try:
        records = [entry for entry in (cache / "pages").iterdir() if entry.name not in kept]
    except OSError:
        return
    for record in records:
        record.unlink(missing_ok=True)


def _recall(cache: Path, place: str, fingerprint: str) -> Digests | None:
    """The record of the site in `place` if it describes the site with this `fingerprint`."""
    try:
        data = unseal(cache, _record(cache, place).read_bytes())
        if data is None:
            return None
        record = json.loads(data)
        if record["fingerprint"] != fingerprint:
            return None
        return Digests(str(record["shape"]), {str(k): str(v) for k, v in record["pages"].items()})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _record(cache: Path, place: str) -> Path:
    """A folder's record, named by a hash of it: a family's secret link never names a file, even in the cache."""
    return cache / "pages" / f"{hashlib.sha256(place.encode()).hexdigest()[:32]}.json"


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()
