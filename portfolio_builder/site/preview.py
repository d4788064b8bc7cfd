"""The live preview's own small server: the site's files, a script in every page, and news by Server-Sent Events.

Not MkDocs' LiveReloadServer: that one polls the folders it watches and rebuilds whole sites;
here the caller watches and renders, then `publish`es. Each page gets the theme's
`preview/inject.html` before `</body>`; its script listens on `/__pb/events` and either
reloads (the pages changed) or shows the problems over the page (a save left an error).
"""

from __future__ import annotations

import collections
import functools
import http.server
import json
import secrets
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import UsageError

#: Where the preview's own files are served from, beside the site's (never a site path: MkDocs makes no `__` names).
PREFIX = "/__pb/"


class Board:
    """The latest news for every open page, with a number that changes with it."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.number = 0
        self.news = "{}"
        self.closed = False

    def post(self, news: dict[str, Any]) -> None:
        with self.changed:
            self.number += 1
            self.news = json.dumps(news)
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str] | None:
        """The news once its number is not `seen`; None after `timeout` seconds or when closed."""
        with self.changed:
            self.changed.wait_for(lambda: self.number != seen or self.closed, timeout)
            return None if self.number == seen or self.closed else (self.number, self.news)

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


class PreviewServer:
    """Serve `folder` on 127.0.0.1:`port` with the preview script of `assets` (a theme's `preview/` folder)."""

    def __init__(self, folder: Path, port: int, assets: Path) -> None:
        self.board = Board()
        self.session = secrets.token_hex(4)  # a page from a previous run of the server reloads at once
        self.build = 0
        self.watching: collections.Counter[str] = collections.Counter()  # the address of each page open now
        self.arrived = threading.Condition()  # notified when a page (re)loaded with the pages now on disk connects
        self.current = 0  # how many pages connected since the last reload was asked for
        snippet = (assets / "inject.html").read_text(encoding="utf-8")
        handler = functools.partial(_Handler, self, assets, snippet, directory=str(folder))
        try:
            self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as exc:
            reason = f"this port cannot be used ({exc.strerror}): try --port {port + 1}"
            raise UsageError(f"--port {port}: error: {reason}") from None
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="preview-server", daemon=True)

    @property
    def tag(self) -> str:
        """Which pages are on disk now: a page served with another tag reloads."""
        return f"{self.session}-{self.build}"

    def open_pages(self) -> set[str]:
        """The addresses (`work/bridge/`, `` for the home page) open in a browser now: rendered first after a save."""
        return {page for page, count in list(self.watching.items()) if count > 0}

    def wait_for_reloads(self, pages: int, timeout: float) -> None:
        """Wait (at most `timeout` s) until `pages` reloaded pages are back: rendering more now would slow them down."""
        with self.arrived:
            self.arrived.wait_for(lambda: self.current >= pages, timeout)

    def start(self) -> None:
        self.thread.start()

    def publish(self, rendered: bool, problems: list[str], words: dict[str, Any]) -> None:
        """Tell every open page: reload when pages were rendered, and show `problems` over it (none: hide)."""
        if rendered:
            with self.arrived:
                self.build, self.current = self.build + 1, 0
        self.board.post({"build": self.tag, "problems": problems, "words": words})

    def stop(self) -> None:
        """Close the open event streams, then the server (`shutdown` would wait forever for one never started)."""
        self.board.close()
        if self.thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files as they are on disk (never cached), HTML with the preview script, and the event stream."""

    def __init__(self, server: PreviewServer, assets: Path, snippet: str, *args: Any, **kwargs: Any) -> None:
        self.preview, self.assets, self.snippet = server, assets, snippet
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == PREFIX + "events":
            self._events()
        elif path.startswith(PREFIX):
            self._asset(path.removeprefix(PREFIX))
        elif (page := self._page(path)) is not None:
            self._send(200, page.read_bytes(), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def _page(self, path: str) -> Path | None:
        """The HTML file a path names (a folder's index.html), or None for any other file."""
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _send(self, status: int, body: bytes, kind: str) -> None:
        if kind.startswith("text/html"):
            script = self.snippet.replace("{build}", self.preview.tag).encode()
            end = body.rfind(b"</body>")
            body = body[:end] + script + body[end:] if end >= 0 else body + script
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page shows the site's own 404 page, with the script: it comes back when the page does."""
        missing = Path(str(self.directory)) / "404.html"
        if code == 404 and missing.is_file():
            self._send(404, missing.read_bytes(), "text/html; charset=utf-8")
        else:
            super().send_error(code, message, explain)

    def _asset(self, name: str) -> None:
        kinds = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
        file = self.assets / name
        if "/" in name or file.suffix not in kinds or not file.is_file():
            super().send_error(404)
            return
        self._send(200, file.read_bytes(), kinds[file.suffix])

    def _events(self) -> None:
        """Server-Sent Events: the news now, then each time it changes, a comment every 15 s to keep the line open."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = -1
        query = parse_qs(urlsplit(self.path).query)
        page = query.get("page", ["/"])[0].lstrip("/")
        self.preview.watching[page] += 1
        with self.preview.arrived:
            if query.get("build", [""])[0] == self.preview.tag:
                self.preview.current += 1
                self.preview.arrived.notify_all()
        try:
            while not self.preview.board.closed:
                news = self.preview.board.wait(seen, timeout=15)
                if news is not None:
                    seen, text = news
                    self.wfile.write(f"data: {text}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        finally:
            self.preview.watching[page] -= 1

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # a reload asks again: a file just written is never stale
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the student's problems, not every request."""
