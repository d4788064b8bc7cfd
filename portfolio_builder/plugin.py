"""MkDocs hooks: hand MkDocs the pages and files the views decided, and nothing else.

Each hook is a few lines; every decision was made before MkDocs started
(STYLE.md: read everything, then render anything).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.templates import TemplateContext

from .markup import sanitize, shift_headings
from .views import Page, SiteView


class PortfolioPlugin(BasePlugin):  # type: ignore[type-arg]
    """Registered as `portfolio` under the `mkdocs.plugins` entry point."""

    #: Set by `render.build_site` before the build starts.
    site: SiteView | None = None

    def _page(self, page: MkDocsPage) -> Page | None:
        if self.site is None:
            return None
        return next((p for p in self.site.pages if p.src_uri == page.file.src_uri), None)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:
            return files
        for page in self.site.pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for dest, source in sorted(self.site.assets.items()):
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if view := self._page(page):
            page.meta["title"] = view.title
            page.meta["template"] = view.template
            if not view.searchable:
                page.meta["search"] = {"exclude": True}
            if view.hide:
                page.meta["hide"] = list(view.hide)
        return markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        # Student markdown may hold raw HTML: clean it before templates and the search index see it.
        # Its headings sit under the page's own <h2> ("Reflection", "About me"), so they move down one.
        return shift_headings(sanitize(html), 1)

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if (view := self._page(page)) and self.site is not None:
            context.update(pb=view.view, pb_site=self.site, t=self.site.strings)  # type: ignore[call-arg]
        return context
