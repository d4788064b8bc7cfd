"""Pages kept from the last build of a site: a one-piece edit renders the pages it changed, not all forty.

A student's site is rendered again whenever anything in its view changed, but a reflection's edit
changes two or three of its pages (the piece, a target listing it); mkdocs-material's templates cost
two thirds of a site's render (docs/scale.md). When a site's render is done, the digest of every
page's view and of what every page shows (`shape`: the nav, the site's words and files, the theme
and tool through the salt) is remembered under the site's fingerprint. The next render of that
student's site, given the site the last build published (`Earlier`), renders only the pages whose
digest moved; every other page is taken, byte for byte, from the published site.

A record is keyed by the fingerprint of the site it describes, and equal fingerprints give equal
pages (`build/state.fingerprint`), so a record is true of any published site with that fingerprint,
whichever build wrote it. Anything unsure (no record, another shape, a page file missing) renders.
Light on purpose: the build's own process prunes the records without loading MkDocs.
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

    folder: Path | None  # the published site (output/<place>), read and never written
    was: str | None  # its fingerprint in the output's marker
    now: str  # the fingerprint of the site being rendered: its record is written under it
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
        was = _recall(self.cache, self.earlier.was) if self.earlier.was and self.folder else None
        if was is None or was.shape != self.now.shape:
            return frozenset()
        same = (uri for uri, digest in self.now.pages.items() if was.pages.get(uri) == digest)
        return frozenset([*same, ERROR_PAGE])

    def remember(self) -> None:
        """The record of the site just rendered, for the next render of the same student's site."""
        data = json.dumps({"shape": self.now.shape, "pages": self.now.pages}, sort_keys=True).encode()
        if (sealed := seal(self.cache, data)) is not None:
            atomic_write(_folder(self.cache) / f"{self.earlier.now}.json", sealed)


def forget_all_but(cache: Path, fingerprints: set[str]) -> None:
    """Drop the records of sites no longer published: one small file per site render would pile up."""
    try:
        records = list(_folder(cache).iterdir())
    except OSError:
        return
    for record in records:
        if record.suffix == ".json" and record.stem not in fingerprints:
            record.unlink(missing_ok=True)


def _recall(cache: Path, fingerprint: str) -> Digests | None:
    try:
        data = unseal(cache, (_folder(cache) / f"{fingerprint}.json").read_bytes())
        if data is None:
            return None
        record = json.loads(data)
        return Digests(str(record["shape"]), {str(k): str(v) for k, v in record["pages"].items()})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _folder(cache: Path) -> Path:
    return cache / "pages"


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()
