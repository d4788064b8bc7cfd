"""portfolio_builder: student portfolios from plain markdown, built with MkDocs."""

from __future__ import annotations

__version__ = "0.1.0"
