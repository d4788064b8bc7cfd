"""Build: orchestrate, workers, incremental state, output (docs/architecture.md)."""

from .options import BuildOptions, BuildReport
from .orchestrate import build, check

__all__ = ["BuildOptions", "BuildReport", "build", "check"]
