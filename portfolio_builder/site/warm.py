"""One site kept warm in MkDocs for `portfolio serve`: a save re-renders only the pages whose view changed.

A whole student site costs MkDocs about a second (configuration, theme files, navigation, 30+
pages); a reflection's edit changes two or three of those pages. The configuration, files,
navigation and Jinja environment of the last full render are kept, and only the changed pages
go through MkDocs' own page steps again. Anything wider (a page added or renamed, the nav, the
site's words or files, the theme) renders the whole site. The search index is refreshed by
whole renders only: a preview's search may show a reflection's previous words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ..views import SiteView
from .kept import pages as _pages
from .kept import shape
from .plugin import PortfolioPlugin
from .runner import _config, _mkdocs_warnings


@dataclass
class _Kept:
    """What the last full render gathered, and what it was made from."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    shape: bytes
    pages: dict[str, bytes]


class WarmSite:
    """A site rendered into `site_dir`, re-rendered page by page afterwards."""

    def __init__(self, site_dir: Path, docs_dir: Path, theme: Path, cache: Path | None) -> None:
        self.site_dir, self.docs_dir, self.theme, self.cache = site_dir, docs_dir, theme, cache
        self.kept: _Kept | None = None

    def render(self, site: SiteView, salt: str, first: set[str] | None = None) -> tuple[list[str], list[str]]:
        """Render what changed since the last call; return the pages rendered ([] for none) and MkDocs' warnings.

        `salt` stands for everything outside the view that shapes pages (the theme's files): when it
        changes, the whole site is rendered. With `first` (addresses such as `work/bridge/`, the
        pages open in a browser), only those are rendered now; the rest wait for `render(site, salt)`.
        """
        outline, pages = shape(site, salt), _pages(site)
        if self.kept is None or self.kept.shape != outline:
            return ["*"], self._render_all(site, outline, pages)
        changed = [uri for uri, blob in pages.items() if self.kept.pages.get(uri) != blob]
        if first is not None:
            changed = [uri for uri in changed if self._address(uri) in first]
        warnings = self._render_pages(site, changed) if changed else []
        self.kept.pages.update((uri, pages[uri]) for uri in changed)
        return changed, warnings

    def _address(self, uri: str) -> str | None:
        """A page's address in the site (`work/bridge/`, `` for the home page), as a browser asks for it."""
        assert self.kept is not None
        file = self.kept.files.get_file_from_path(uri)
        return None if file is None else file.url.removesuffix("index.html").lstrip("./")

    def _render_all(self, site: SiteView, shape: bytes, pages: dict[str, bytes]) -> list[str]:
        """A full MkDocs build, keeping what it gathered for the next page-by-page render."""
        self.kept = None
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        config = _config(site, self.site_dir, self.docs_dir, self.theme)
        plugin = _plugin(config, site, self.cache)
        with _mkdocs_warnings() as warnings:
            build(config)
        assert plugin.gathered is not None
        files, nav, env = plugin.gathered
        self.kept = _Kept(config, files, nav, env, shape, pages)
        return warnings

    def _render_pages(self, site: SiteView, uris: list[str]) -> list[str]:
        """MkDocs' own steps for single pages: read (our views' HTML), then the template, then the file."""
        assert self.kept is not None
        kept = self.kept
        _plugin(kept.config, site, self.cache)
        doc_files = kept.files.documentation_pages()
        with _mkdocs_warnings() as warnings:
            for uri in uris:
                file = kept.files.get_file_from_path(uri)
                if file is None or file.page is None:
                    raise LookupError(f"{uri} is not a page of this site")
                _populate_page(file.page, kept.config, kept.files)
                _build_page(file.page, kept.config, doc_files, kept.nav, kept.env)
        return warnings


def _plugin(config: MkDocsConfig, site: SiteView, cache: Path | None) -> PortfolioPlugin:
    plugin = config.plugins["portfolio"]
    assert isinstance(plugin, PortfolioPlugin)
    plugin.site, plugin.cache = site, cache
    return plugin
