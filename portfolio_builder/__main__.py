"""`python -m portfolio_builder` is the `portfolio` command."""

from __future__ import annotations

from .cli import run

run()
