"""MkDocs hooks: hand MkDocs the pages and files the views decided, and nothing else.

Each hook is a few lines; every decision was made before MkDocs started
(docs/architecture.md: read everything, then render anything).
"""

from __future__ import annotations

import functools
import html
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from jinja2 import BaseLoader, Environment, Template
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, is_error_template
from mkdocs.utils.templates import TemplateContext

from .. import markup
from ..cache import published_mode
from ..views import Page, SiteView
from . import offline, stylesheet
from .kept import ERROR_PAGE
from .kit import direction
from .templates import SealedBytecodeCache
from .theme import counted

#: The template of a page taken from the published site (kept.py): it renders nothing, and `on_post_page`
#: gives the page as it was. A name no theme file can have, served by `ListedOnce` to every theme.
KEPT_TEMPLATE = "<portfolio: page kept as published>"
#: In a site's `info`: a one-page site rendered only to ready a worker (runner.warm), then thrown away.
WARM_UP = "pb_warm_up"


class ListedOnce(BaseLoader):
    """A template loader that lists an installed theme's files once per process.

    MkDocs lists every file of every theme folder for each site to find the static files to
    copy, then drops dot-folders; mkdocs-material's `.icons/` holds 14 000 SVGs, so listing
    and filtering them cost a quarter of a second a site. Dot-folders are never walked here.
    """

    _listings: ClassVar[dict[str, list[str]]] = {}

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner
        self.key = tuple(str(p) for p in getattr(inner, "searchpath", []))

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template == KEPT_TEMPLATE:
            return "", None, lambda: True
        return self.inner.get_source(environment, template)

    def list_templates(self) -> list[str]:
        if not self.key:
            return self.inner.list_templates()
        names: set[str] = set()
        for folder in self.key:
            if folder not in self._listings:  # installed packages' folders only: a theme being edited is listed anew
                listing = sorted(_visible_files(folder))
                if not _installed(folder):
                    names.update(listing)
                    continue
                self._listings[folder] = listing
            names.update(self._listings[folder])
        return sorted(names)


class LinkedFile(File):
    """A published copy of a file the build keeps in its cache (a photo's size, a cleaned PDF): a hard link.

    Those files are never changed in place (the cache writes a new file and renames it), so sharing
    their bytes is safe, and it spares a write per file: 1,920 on a 30-student class (docs/scale.md).
    A copy where links are not possible (another disk) or the cached file is not readable as a copy
    would be (a cache made before its files were written readable).
    """

    def copy_file(self, dirty: bool = False) -> None:
        source, target = self.abs_src_path, self.abs_dest_path
        if source is None or self._content is not None:
            super().copy_file(dirty)
            return
        try:
            if os.stat(source).st_mode & 0o777 == published_mode():
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
                return
        except OSError:
            pass
        super().copy_file(dirty)


def _installed(folder: str) -> bool:
    """A folder of an installed package (mkdocs-material's templates), which no one edits while we run."""
    return "site-packages" in Path(folder).parts or "dist-packages" in Path(folder).parts


def _visible_files(folder: str) -> Iterator[str]:
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/")


def _unused_theme_file(uri: str, languages: set[str]) -> bool:
    """Source maps, and search stemmers and word splitters of languages the site is not written in: never loaded."""
    if uri.endswith(".map"):
        return True
    if uri in _WORD_SPLITTERS:  # 700 KB for Thai and Hindi, 23 KB for Japanese, in every site and keepsake
        return not languages & _WORD_SPLITTERS[uri]
    stemmer = _LUNR_LANGUAGE.fullmatch(uri)
    if stemmer is None:
        return False
    name = stemmer.group(1)
    return len(languages) == 1 if name == "multi" else name not in languages


def escapes_our_templates(overrides: Path | None) -> Callable[[str | None], bool]:
    """Jinja's `autoescape`: on for the theme's own templates, off for mkdocs-material's.

    Ours print student and teacher text, which must stay text; mkdocs-material's print HTML
    that MkDocs made (page.content, the table of contents) and would break if escaped, so what
    we hand them is escaped before (`on_page_markdown`, `runner._config`). A template is ours
    when the theme's overrides folder holds a file of that name (it then shadows material's).
    """

    @functools.cache
    def ours(name: str | None) -> bool:
        return overrides is not None and name is not None and (overrides / name).is_file()

    return ours


def _compact(page_html: str) -> str:
    """The page without the templates' indentation and blank lines (a tenth of its bytes): every run of white
    space that starts a line becomes one line break, which HTML shows as the same single space. Preformatted
    text (`pre`, `code`, `textarea`) is left as it is."""
    return "".join(
        part if _KEPT_AS_IS.match(part) else _INDENTATION.sub("\n", part) for part in _KEPT_AS_IS.split(page_html)
    )


def tooltip(value: object) -> Markup:
    """A `title` attribute's value, for the `| tooltip` filter of our templates.

    mkdocs-material's tooltips (the `content.tooltips` feature) copy a `title` attribute into the
    page as HTML, so the text is escaped for that HTML first, then for the attribute.
    """
    return escape(str(escape(value)))


_WORD_SPLITTERS = {"assets/javascripts/lunr/tinyseg.js": {"ja"}, "assets/javascripts/lunr/wordcut.js": {"hi", "th"}}
_LUNR_LANGUAGE = re.compile(r"assets/javascripts/lunr/min/lunr\.(\w+)\.min\.js")
_HTML_TAG = re.compile(r'<html lang="[^"]*"')
_KEPT_AS_IS = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)
_INDENTATION = re.compile(r"[ \t]*\n\s*")
_MATERIAL_CSS = re.compile(r"assets/stylesheets/(main|palette)\.\w+\.min\.css")
_MATERIAL_JS = re.compile(r"assets/javascripts/bundle\.\w+\.min\.js")


class _Converted(MkDocsPage):
    """A page whose HTML the views made (content/texts.py). MkDocs' own `render` would build a Python-Markdown
    instance with its extensions to convert the page's empty source: about a millisecond a page, for nothing."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", get_toc([])  # what converting "" gives; on_page_content fills both


class PortfolioPlugin(BasePlugin):  # type: ignore[type-arg]
    """Registered as `portfolio` under the `mkdocs.plugins` entry point."""

    #: Set by `render.build_site` before the build starts.
    site: SiteView | None = None
    cache: Path | None = None
    #: What the last build gathered, kept for `warm.WarmSite` to render single pages again.
    gathered: tuple[Files, Navigation, Environment] | None = None
    #: Set by a process that renders many sites of one build (a worker): one Jinja environment per theme
    #: and language serves them all, so each template is loaded once, not once a site (about 70 ms a
    #: site). Never in `serve`, where a school's template edited between builds must be read again.
    shared: bool = False
    #: Set by `runner.build_site`: pages (src_uri) taken as they are from the published site in `kept_from`.
    kept: frozenset[str] = frozenset()
    kept_from: Path | None = None
    _kept_pages: dict[str, str]
    _environments: ClassVar[dict[tuple[str, ...], Environment]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._kept_pages = {}
        self._search_in_this_language(config)
        # MkDocs lists the theme's files before any plugin sees its environment: wrap the factory.
        make_env = config.theme.get_env
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        # By language too: mkdocs-material's search reads its settings from `partials/language.html` as a
        # module, which Jinja computes once per environment (the page templates import it per page).
        key = (*config.theme.dirs, str(config.theme.locale), str(config.theme.get("language")), str(self.cache))

        def environment() -> Environment:
            if not self.shared:
                return self._environment(make_env(), overrides)
            if key not in self._environments:
                self._environments[key] = self._environment(make_env(), overrides)
            return self._environments[key]

        config.theme.get_env = environment  # type: ignore[method-assign]
        return config

    @staticmethod
    def _search_in_this_language(config: MkDocsConfig) -> None:
        """mkdocs-material's search takes its language, word separator and pipeline from the site's language,
        but only when they are unset, and MkDocs keeps that plugin from build to build in one process (it has
        `on_startup`): a worker's first site then set them for every site after it (a Spanish family's search
        stemmed as English). Unset again before each site; the base config sets none of them."""
        search = config.plugins.get("material/search")
        if search is not None:
            search.config.lang = None
            search.config.separator = None
            search.config.pipeline = None

    def _environment(self, env: Environment, overrides: Path | None) -> Environment:
        """Our templates autoescaped; compiled templates and the theme's file listing made once for every site."""
        env.autoescape = escapes_our_templates(overrides)
        env.filters["tooltip"] = tooltip
        env.filters["counted"] = counted
        if self.cache is not None:
            env.bytecode_cache = SealedBytecodeCache(self.cache)
        if env.loader is not None:
            env.loader = ListedOnce(env.loader)
        return env

    def _page(self, page: MkDocsPage) -> Page | None:
        if self.site is None:
            return None
        return next((p for p in self.site.pages if p.src_uri == page.file.src_uri), None)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None:
            return files
        search = config.plugins.get("material/search")
        languages = set(search.config.lang or ["en"]) if search is not None else {"en"}
        private = bool(config.extra.get("pb_private"))  # behind a secret link: no sitemap lists its pages
        for unused in [f for f in files if _unused_theme_file(f.src_uri, languages) or
                       (private and f.src_uri == "sitemap.xml")]:
            files.remove(unused)
        if not self.site.info.get(WARM_UP):  # a warm-up's page is thrown away: its stylesheet is not made
            self._trim_stylesheet(files, config)
        if bundle := next((f for f in files if _MATERIAL_JS.fullmatch(f.src_uri)), None):
            config.extra["pb_bundle"] = bundle.src_uri  # loaded on the first interaction (partials/pb-scripts.html)
        keepsake = bool(config.extra.get("pb_keepsake"))
        for page in self.site.pages:
            file = File.generated(config, page.src_uri, content="")  # the text is converted already
            if keepsake:  # opened from files: `work/x/index.html` as on the web, every link naming the file
                file.dest_uri = offline.page_file(page.src_uri)
            files.append(file)
        for dest, source in sorted(self.site.assets.items()):
            kind = LinkedFile if self.cache is not None and source.is_relative_to(self.cache) else File
            files.append(kind.generated(config, dest, abs_src_path=str(source)))
        return files

    def _trim_stylesheet(self, files: Files, config: MkDocsConfig) -> None:
        """One stylesheet: mkdocs-material's without unused features, then the theme's own (`extra_css`).

        No palette.css (the colours are in the theme's). The theme's files are read from the theme in use,
        so a school's `ROOT/themes/` is merged the same way.
        """
        theme = [f for f in files if f.src_uri in config.extra_css and f.abs_src_path]
        for file in theme:
            files.remove(file)
        config.extra_css = [uri for uri in config.extra_css if uri not in {f.src_uri for f in theme}]
        theme_css = "\n".join(Path(f.abs_src_path).read_text(encoding="utf-8") for f in theme if f.abs_src_path)
        for file in [f for f in files if _MATERIAL_CSS.fullmatch(f.src_uri)]:
            files.remove(file)
            if file.src_uri.startswith("assets/stylesheets/main.") and file.abs_src_path:
                name, css = stylesheet.trimmed_file(Path(file.abs_src_path), self.cache, theme_css)
                config.extra["pb_stylesheet"] = uri = f"assets/stylesheets/{name}"
                files.append(File.generated(config, uri, content=css))

    def on_pre_page(self, page: MkDocsPage, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        if self._page(page) is not None:
            page.__class__ = _Converted
        return page

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if view := self._page(page):
            # mkdocs-material prints the title raw in <title>, the header and the search results: escaped once here.
            page.meta["title"] = str(escape(view.title))
            page.meta["template"] = KEPT_TEMPLATE if self._keep(page) else view.template
            if not view.searchable:
                page.meta["search"] = {"exclude": True}
            if view.hide:
                page.meta["hide"] = list(view.hide)
        return markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """The page's text as the views converted it (sanitized once, headings under the page's own)."""
        view = self._page(page)
        if view is None:
            return ""
        page.toc = get_toc(list(view.toc))  # type: ignore[arg-type]
        return view.html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.gathered = (files, self._nav, env)
        return env

    def _keep(self, page: MkDocsPage) -> bool:
        return self._take(page.file.src_uri, page.file.dest_uri)

    def _take(self, name: str, published: str) -> bool:
        """Take `name` from the published file `published` (kept.py), read now: if it is missing, it renders."""
        if self.kept_from is None or name not in self.kept:
            return False
        try:
            self._kept_pages[name] = (self.kept_from / published).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return True

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Links from a student's text to other pieces start from this page's place in the site."""
        if page.meta.get("template") == KEPT_TEMPLATE:
            return self._kept_pages.pop(page.file.src_uri)
        output = markup.from_page(_compact(self._html_tag(output)), "../" * page.url.count("/"))
        return offline.link_files(output) if config.extra.get("pb_keepsake") else output

    def on_pre_template(self, template: Template, *, template_name: str, config: MkDocsConfig) -> Template:
        """The error page kept from the published site when nothing it shows changed (kept.py)."""
        if template_name != ERROR_PAGE or not self._take(ERROR_PAGE, ERROR_PAGE):
            return template
        return template.environment.get_template(KEPT_TEMPLATE)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page in the site's language and direction, like every page; in a keepsake, links to files."""
        if template_name in self._kept_pages:
            return self._kept_pages.pop(template_name)
        if not template_name.endswith(".html"):
            return output_content
        output = _compact(self._html_tag(output_content))
        return offline.link_files(output) if config.extra.get("pb_keepsake") else output

    @event_priority(-100)  # after mkdocs-material's search plugin has written the index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if config.extra.get("pb_keepsake"):
            offline.write_search_scripts(Path(config.site_dir))

    def _html_tag(self, output: str) -> str:
        """`<html lang dir>` of the site's own language: mkdocs-material writes the language it has words
        for (English for a language a school added) and puts `dir` on `<body>` only."""
        if self.site is None:
            return output
        language = str(escape(self.site.language))
        tag = f'<html lang="{language}" dir="{direction(self.site.language)}"'
        return _HTML_TAG.sub(tag, output, count=1)

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if (view := self._page(page)) and self.site is not None:
            # page.title was escaped for mkdocs-material (nav or front matter): our autoescaped templates get the text.
            title = html.unescape(page.title or "")
            context.update(pb=view.view, pb_site=self.site, t=self.site.strings, pb_title=title)  # type: ignore[call-arg]
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """Error pages (404.html) get links from the host's root; give them relative ones like every page.

        MkDocs assumes a site at the root of its host when `site_url` is unset, but a class site holds
        each student's site in a sub-folder and a school may publish the whole under any path.
        """
        if is_error_template(template_name):
            base_url = get_relative_url(".", template_name)
            context.update(get_context(context["nav"], context["pages"], config, base_url=base_url))
        return context
