"""MkDocs' and mkdocs-material's versions, read from their packages alone (no MkDocs machinery loaded).

Part of every site's fingerprint and of the "did anything change" stamp: upgrading either
rebuilds every site, and a build that changes nothing need not load them (docs/scale.md).
"""

from __future__ import annotations

import material
import mkdocs


def engine_version() -> str:
    """MkDocs' and mkdocs-material's versions: part of every site's fingerprint."""
    return f"{mkdocs.__version__}|{material.__version__}"
