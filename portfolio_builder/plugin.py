"""Where MkDocs' `mkdocs.plugins` entry point finds the plugin (kept for installs made before the move)."""

from .site.plugin import PortfolioPlugin

__all__ = ["PortfolioPlugin"]
