"""A site that works from the file system (`file://`): the keepsake a family keeps on a computer or phone.

Three things a web server does for a site stop working when the pages are opened as files:

- a link to a folder (`work/bridge/`) opens a file listing, not the page: every page is written
  as `<folder>/index.html` (the same layout as on the web) and every link to a folder names it;
- mkdocs-material fetches the search index, and browsers refuse fetches from `file://`: material
  itself loads `search/search_index.js` instead when it runs from a file, so that script is written;
- the search runs in a Web Worker, and Chromium refuses a worker whose script is a `file://` URL:
  the worker's code is written into `search/search_worker.js` as a string, and the theme
  (`main.html`) starts the worker from that string (a Blob URL, which the browser allows).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

#: mkdocs-material's search worker; its name changes with every release of the theme.
_WORKER = "assets/javascripts/workers/search.*.min.js"
_LUNR = "assets/javascripts/lunr"

#: An `href` to a place inside the site (no scheme, not a fragment alone), split at `?` or `#`.
_HREF = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"?#]*)([^"]*)"')


def page_file(src_uri: str) -> str:
    """Where a page is written: `passage.md` → `passage/index.html`, as `use_directory_urls` would.

    Kept as on the web so that the views' addresses (`work/<slug>/`) name a folder holding an
    `index.html`, and one rule (`link_files`) turns every such address into a file's.
    """
    parent, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    return posixpath.join(parent, "index.html" if stem == "index" else f"{stem}/index.html")


def link_files(page_html: str) -> str:
    """Every link to a folder of the site names its `index.html`: a file browser opens files, not folders."""

    def one(match: re.Match[str]) -> str:
        path, rest = match.group(1), match.group(2)
        if path in (".", ".."):
            path += "/"
        if path and not path.endswith("/"):
            return match.group(0)
        return f'href="{path}index.html{rest}"'

    return _HREF.sub(one, page_html)


def write_search_scripts(site_dir: Path) -> None:
    """The search index and the search worker as scripts, which a page opened from a file can load.

    Does nothing for a site without search.
    """
    index = site_dir / "search" / "search_index.json"
    workers = sorted(site_dir.glob(_WORKER))
    if not index.is_file() or not workers:
        return
    data = index.read_text(encoding="utf-8")
    # JSON is a JavaScript expression; the file is a script of its own, so no text of the index can end it.
    (index.parent / "search_index.js").write_text(f"var __index = {data};\n", encoding="utf-8")
    languages = json.loads(data).get("config", {}).get("lang", ["en"])
    code = _worker_code(workers[0], site_dir / _LUNR, languages)
    (index.parent / "search_worker.js").write_text(f"var __pbSearchWorker = {json.dumps(code)};\n", encoding="utf-8")


def _worker_code(worker: Path, lunr: Path, languages: list[str]) -> str:
    """The worker with the language scripts it would fetch with `importScripts` appended.

    A worker started from a Blob URL cannot load `file://` scripts either, so they are part of its
    code, run right after it (they need its `lunr`), and `importScripts` is made to do nothing.
    """
    parts = ["self.importScripts = function () {};", worker.read_text(encoding="utf-8")]
    parts += [(lunr / name).read_text(encoding="utf-8") for name in _language_scripts(languages)]
    return "\n;\n".join(parts)


def _language_scripts(languages: list[str]) -> list[str]:
    """The scripts mkdocs-material's worker imports for these languages, in its order (its `Ie` function)."""
    found: list[str] = []
    for language in languages:
        if language == "ja":
            found.append("tinyseg.js")
        elif language in ("hi", "th"):
            found.append("wordcut.js")
        if language != "en":
            found.append(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        found.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *found] if found else []
