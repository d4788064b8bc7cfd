"""The live preview's server: MkDocs' LiveReloadServer, the only MkDocs part `portfolio serve` uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer


def serve_folder(rebuild: Callable[[], None], folder: Path, port: int, watched: Iterable[Path]) -> None:
    """Serve `folder` on localhost; on a change under `watched`, call `rebuild` and reload the browser."""
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(folder))
    for path in watched:
        server.watch(str(path))
    try:
        server.serve()
    finally:
        server.shutdown()
