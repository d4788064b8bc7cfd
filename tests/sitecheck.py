"""Read a built site the way a browser would: every page, every link, every image."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang")
        if tag == "img":
            self.images.append(found)
        for name in ("href", "src"):
            if found.get(name):
                self.urls.append(found[name] or "")
        if found.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in (found["srcset"] or "").split(",")]


def parse(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def main_content(page: Path) -> str:
    """The page's own content, without the navigation that lists every piece."""
    text = page.read_text(encoding="utf-8")
    start = text.find('<article class="md-content__inner')
    return text[start : text.rfind("</article>")] if start >= 0 else text


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every relative href/src/srcset that points at no file in the site."""
    broken = []
    for page in pages(site):
        if page.name == "404.html":  # served for any missing path, so MkDocs gives it root-absolute links
            continue
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or url.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {url}")
    return broken


def external_requests(site: Path) -> list[str]:
    """Resources (not links) a page would fetch from another host."""
    found = []
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "cdn.jsdelivr", "unpkg.com"):
            if marker in text:
                found.append(f"{page.relative_to(site)}: {marker}")
    return found


def every_file_bytes(site: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}


def tree_digest(folder: Path) -> str:
    """One hash over every path and byte of a folder: to prove nothing changed."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_types(sample_site: Path) -> list[str]:
    """One page of every type: class home, class gallery, and one student's pages (behind their secret link)."""
    home = next(p.parent.parent for p in sorted(sample_site.rglob("passage/index.html")))
    site = home.relative_to(sample_site).as_posix()
    piece = next((home / "work").rglob("index.html")).parent.relative_to(sample_site).as_posix()
    target = next((home / "targets").glob("*/index.html")).parent.relative_to(sample_site).as_posix()
    return ["", "gallery/", f"{site}/", f"{site}/passage/", f"{site}/conference/", f"{site}/targets/", f"{target}/",
            f"{site}/gallery/", f"{piece}/"]
