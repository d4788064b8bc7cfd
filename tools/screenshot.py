"""Render pages of a built site to PNG with Debian's Chromium, to look at them as a person would.

usage: python tools/screenshot.py SITE_DIR OUT_DIR PATH [PATH...] [--width 390]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=844)
    parser.add_argument("--full", action="store_true", help="capture the full page")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        for path in args.paths:
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}", wait_until="networkidle")
            name = path.strip("/").replace("/", "_") or "index"
            target = args.out / f"{name}-{args.width}.png"
            page.screenshot(path=str(target), full_page=args.full)
            print(target)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
