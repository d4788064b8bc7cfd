"""Stage 4: run MkDocs (with mkdocs-material and our theme) over one finished SiteView."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import material
import mkdocs.utils
import yaml
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from ..views import Page, SiteView
from . import kept
from .kit import direction
from .plugin import WARM_UP, PortfolioPlugin
from .theme import SAFE_LOADER, base_config_path, strings

_MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


class RenderError(Exception):
    """MkDocs refused the generated configuration: a bug in this tool, not in the content."""


class _InstalledThemes:
    """MkDocs' installed themes, found once in a process.

    MkDocs finds them by reading every installed package's entry points, and forgets them again at
    each site it configures: 8 to 16 ms a site, 30 times in a class's build and twice before an
    edited student's site (docs/scale.md). No theme is installed while a build runs.
    """

    def __init__(self, find: Callable[[], dict[str, Any]]) -> None:
        self._find = find
        self._found: dict[str, Any] | None = None
        self.found_times = 0  # how many times they were looked for: once

    def __call__(self) -> dict[str, Any]:
        if self._found is None:
            self._found = self._find()
            self.found_times += 1
        return self._found

    def cache_clear(self) -> None:
        """What MkDocs calls after each theme it loads: the themes stay found."""


if callable(getattr(mkdocs.utils, "get_themes", None)) and not isinstance(mkdocs.utils.get_themes, _InstalledThemes):
    setattr(mkdocs.utils, "get_themes", _InstalledThemes(mkdocs.utils.get_themes))  # noqa: B010  (a fork may lack it)


def build_site(
    site: SiteView, site_dir: Path, theme: Path, cache: Path | None = None, keepsake: bool = False,
    shared: bool = False, earlier: kept.Earlier | None = None,
) -> list[str]:
    """Build one complete MkDocs site into `site_dir` (which MkDocs empties first); return MkDocs' warnings.

    `cache` keeps compiled templates between sites and builds: compiling mkdocs-material's
    templates costs more than rendering a student's forty pages. `keepsake`: a site opened from
    files, with no server and no network (site/offline.py). `shared`: this process renders the
    sites of one build, and its loaded templates serve every site (plugin.py). `earlier`: the same
    student's site as the last build published it, whose unchanged pages are taken as they are (kept.py).
    """
    with tempfile.TemporaryDirectory(prefix="portfolio-docs-") as docs_dir:
        config = _config(site, site_dir, Path(docs_dir), theme, keepsake)
        plugin = config.plugins["portfolio"]
        assert isinstance(plugin, PortfolioPlugin)
        plugin.site = site
        plugin.cache = cache
        plugin.shared = shared
        known = kept.Known(site, earlier, cache) if earlier is not None and cache is not None and not keepsake else None
        plugin.kept, plugin.kept_from = (known.unchanged(), known.folder) if known else (frozenset(), None)
        with _mkdocs_warnings() as warnings:
            build(config)
        if known is not None:
            known.remember()
    return warnings


def warm(theme: Path | None = None, language: str = "en", cache: Path | None = None, root: Path | None = None) -> None:
    """Load what every site's build needs (mkdocs-material's plugins, MkDocs' commands) before the first site.

    With the class's `theme`, a one-page site is rendered too and thrown away: MkDocs' once-a-process setup
    (installed themes and extensions), the Jinja environment of the theme and language and its base templates
    are then ready for this process's first real site, which a one-piece edit waits for (0.24 s → 0.07 s).
    """
    import material.plugins.search.plugin  # noqa: F401

    if theme is None:
        return
    page = Page(src_uri="index.md", title="", template="main.html", html="", view=None, searchable=False)
    with tempfile.TemporaryDirectory(prefix="portfolio-warm-") as folder, contextlib.suppress(Exception):
        words = strings(theme, language, root)
        site = SiteView(name="", language=language, nav=[], pages=[page], assets={}, strings=words, info={WARM_UP: "1"})
        build_site(site, Path(folder) / "site", theme, cache, shared=True)  # a head start: any failure is met later


def _config(site: SiteView, site_dir: Path, docs_dir: Path, theme: Path, keepsake: bool = False) -> MkDocsConfig:
    base_path = base_config_path()
    raw: dict[str, Any] = yaml.load(base_path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # libyaml when installed
    if keepsake:  # a file browser opens files, not folders: every link names its `.html` file
        raw["use_directory_urls"] = False
    # mkdocs-material prints the site name and nav titles raw (header, <title>, nav): escaped once here.
    raw.update(site_name=str(escape(site.name)), nav=_escaped_nav(site.nav))
    raw.update(site_dir=str(site_dir), docs_dir=str(docs_dir))
    # `direction`: mkdocs-material lays its header, drawer and sidebars out right to left for `rtl`.
    overrides = {
        "custom_dir": str(theme / "overrides"), "language": _language(site.language),
        "direction": direction(site.language),
    }
    raw["theme"] = {**raw.get("theme", {}), **overrides}
    config = MkDocsConfig(config_file_path=str(base_path))
    config.load_dict(raw)
    errors, _warnings = config.validate()
    if errors:
        raise RenderError("; ".join(f"{key}: {error}" for key, error in errors))
    if site.info.get("private"):  # behind a secret link: no sitemap, pages ask not to be indexed (main.html)
        config.extra["pb_private"] = True
        config.theme.static_templates.discard("sitemap.xml")
    if keepsake:  # the search index and worker as scripts (main.html, site/offline.py)
        config.extra["pb_keepsake"] = True
    return config


def _escaped_nav(nav: list[Any]) -> list[Any]:
    """The nav with its titles escaped once: mkdocs-material prints them as HTML (nav, header, search).

    Plain `str`, not `Markup`: material escapes again where a value becomes a `title` attribute (its
    tooltips show that attribute as HTML), and that second escape must happen.
    """
    return [
        {str(escape(title)): _escaped_nav(value) if isinstance(value, list) else value for title, value in item.items()}
        if isinstance(item, dict)
        else item
        for item in nav
    ]


def _language(code: str) -> str:
    """mkdocs-material's own words (search box, skip link) in the site's language when it has them."""
    return code if (_MATERIAL_LANGUAGES / f"{code}.html").is_file() else "en"


@contextlib.contextmanager
def _mkdocs_warnings() -> Iterator[list[str]]:
    """MkDocs' warnings, collected to be reported as problems; its INFO lines are not for our users."""
    found: list[str] = []
    handler = _Collect(found)
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


class _Collect(logging.Handler):
    def __init__(self, found: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.found = found

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append(" ".join(record.getMessage().split()))
