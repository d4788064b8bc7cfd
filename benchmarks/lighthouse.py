"""Lighthouse (mobile, default simulated throttling) over every page type of a family site with real-size photos.

    python benchmarks/lighthouse.py                      # plain server (python's http.server, no compression)
    python benchmarks/lighthouse.py --serve both         # and again with gzip, as GitHub Pages and nginx send it
    python benchmarks/lighthouse.py --runs 3             # each page three times, the median run by performance

What it does:

1. copies `sample_students` into `--work` and makes every JPEG a camera-size photo: scaled up to about
   12 MP (4032 × 3024 for a 4:3 photo) with sensor-like noise and fine detail, saved at quality 92 with
   a camera's EXIF; Maya's `model-side.jpg` keeps its EXIF orientation 6 (stored sideways);
2. builds a family build (secret links, teacher folder in `--work`) and a public build
   (`--audience public`; the sample class sets `site_url`), with their own image cache;
3. serves each output folder with a local static server: `plain` is `python -m http.server` (no
   compression at all), `gzip` is the same server sending HTML, CSS, JS, JSON, SVG and XML gzipped
   when the browser asks for it, as GitHub Pages and nginx (`gzip on`) do;
4. runs Lighthouse 12 (`/tmp/lh`, the system's Chromium) over the class home and, for one student
   (Léa: conference page, photos, a growth series), every page type;
5. prints: page, performance, accessibility, best practices, SEO (public build only: family sites
   are `noindex` on purpose), total byte weight (KiB), LCP, CLS, TBT, and the audits that failed.

Not a test: the figures depend on the machine and its load (benchmarks/README.md). The JSON reports
stay in `--work/reports/`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import http.server
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path("/tmp/lh/node_modules/.bin/lighthouse")
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")  # fmt: skip
STUDENT = "lea-martin"
#: Page type → address inside the student's site.
PAGES = {
    "student home": "",
    "passage": "passage/",
    "conference": "conference/",
    "targets": "targets/",
    "a target": "targets/sci-observe/",
    "gallery": "gallery/",
    "work list": "work/",
    "work page (photo)": "work/butterfly/draft-4/",
}
MEGAPIXELS = 12.0
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
#: (benchmarkIndex, Lighthouse version, user agent) of every run: how busy the machine was.
MACHINES: list[tuple[float, str, str]] = []


# 1. Real-size photos -------------------------------------------------------------------------------------------


def camera_photo(source: Path, seed: int) -> None:
    """Rewrite `source` as a camera-size JPEG: about 12 MP, noise and grain, a camera's EXIF, its orientation kept."""
    with Image.open(source) as original:
        orientation = original.getexif().get(0x0112, 1)
        image = original.convert("RGB")
    scale = (MEGAPIXELS * 1_000_000 / (image.width * image.height)) ** 0.5
    size = (round(image.width * scale), round(image.height * scale))
    image = image.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.UnsharpMask(3, 120, 2))
    rng = random.Random(seed)
    # Noise at two scales: a sensor's grain, and texture at a quarter of the size, which is what survives in the
    # published sizes (a 1000 px rendition of a phone photo weighs 100–200 KB; of the drawing alone, half that).
    fine = Image.effect_noise(size, 40 + rng.randrange(10)).convert("RGB")
    grain = Image.effect_noise((size[0] // 4, size[1] // 4), 60).resize(size, Image.Resampling.BICUBIC).convert("RGB")
    image = Image.blend(Image.blend(image, fine, 0.10), grain, 0.12)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "BenchCam", "Phone 12"
    if orientation != 1:
        exif[0x0112] = orientation
    image.save(source, "JPEG", quality=92, exif=exif)


def real_size_class(work: Path) -> Path:
    """A copy of the sample class whose photos are camera-size (made once per `--work`)."""
    root = work / "class"
    done = work / "class.done"
    if done.is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "sample_students", root)
    photos = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))
    for number, photo in enumerate(photos):
        camera_photo(photo, number)
    done.write_text("\n".join(f"{p.relative_to(root)} {p.stat().st_size}" for p in photos) + "\n", encoding="utf-8")
    return root


# 2. Builds -----------------------------------------------------------------------------------------------------


def build(root: Path, work: Path, audience: str) -> Path:
    output = work / f"site-{audience}"
    command = [sys.executable, "-m", "portfolio_builder", "build", str(root), "-o", str(output),
               "--teacher", str(work / f"teacher-{audience}"), "--audience", audience]  # fmt: skip
    env = {**os.environ, "PORTFOLIO_CACHE": str(work / "cache")}
    result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return output


def student_path(work: Path, audience: str) -> str:
    """Where the student's site is in the output: `s/<secret>/` (family) or `<slug>/`."""
    links = work / f"teacher-{audience}" / "links.csv"
    if audience == "family" and links.is_file():
        with links.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                if row["slug"] == STUDENT:
                    return row["path"]
    return f"{STUDENT}/"


# 3. Servers ----------------------------------------------------------------------------------------------------


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Gzipped(Quiet):
    """Text files gzipped (level 6, like nginx's `gzip_comp_level` in most setups) when the browser accepts it."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not self.path.split("?")[0].endswith(("/", *COMPRESSED))
        ):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, kind: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Gzipped if kind == "gzip" else Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# 4. Lighthouse -------------------------------------------------------------------------------------------------


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}"]  # fmt: skip
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True)
    return dict(json.loads(report.read_text(encoding="utf-8")))


def figures(lhr: dict[str, Any]) -> dict[str, Any]:
    cats, audits, env = lhr["categories"], lhr["audits"], lhr["environment"]

    def score(name: str) -> int | None:
        value = cats.get(name, {}).get("score")
        return None if value is None else round(value * 100)

    failed = []
    for name in ("accessibility", "best-practices", "seo"):
        for ref in cats.get(name, {}).get("auditRefs", []):
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return {
        "performance": score("performance"), "accessibility": score("accessibility"),
        "best-practices": score("best-practices"), "seo": score("seo"),
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "failed": failed,
        "machine": (env["benchmarkIndex"], lhr["lighthouseVersion"], env["hostUserAgent"]),
    }  # fmt: skip


def measure(url: str, report: Path, runs: int) -> dict[str, Any]:
    """The median run by performance score (Lighthouse's own advice for noisy machines), and the lowest score."""
    results = []
    for run in range(runs):
        path = report.with_name(f"{report.stem}-{run}.json")
        results.append(figures(lighthouse(url, path)))
    MACHINES.extend(r["machine"] for r in results)
    results.sort(key=lambda r: r["performance"] or 0)
    return {**results[len(results) // 2], "lowest": results[0]["performance"], "runs": runs}


# 5. The table --------------------------------------------------------------------------------------------------


def row(label: str, f: dict[str, Any], seo: bool) -> str:
    seo_text = str(f["seo"]) if seo else "–"
    failed = " ".join(f["failed"]) or "–"
    perf = f"{f['performance']} (≥ {f['lowest']})" if f["runs"] > 1 else str(f["performance"])
    return (f"| {label} | {perf} | {f['accessibility']} | {f['best-practices']} | {seo_text} | "
            f"{f['kib']:.0f} | {f['lcp']:.2f} s | {f['cls']:.3f} | {f['tbt']:.0f} ms | {failed} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/portfolio-lighthouse"))
    parser.add_argument("--serve", choices=("plain", "gzip", "both"), default="plain")
    parser.add_argument("--audience", choices=("family", "public", "both"), default="both")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs a page; the median is shown")
    parser.add_argument("--pages", help="only the page types whose name contains this text (e.g. 'home')")
    parser.add_argument("--no-build", action="store_true", help="measure the sites the last run built")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"no Lighthouse at {LIGHTHOUSE}: cd /tmp/lh && npm i -E lighthouse@12.2.3")
    work = args.work.resolve()
    (work / "reports").mkdir(parents=True, exist_ok=True)
    root = real_size_class(work)
    audiences = ("family", "public") if args.audience == "both" else (args.audience,)
    servers = ("plain", "gzip") if args.serve == "both" else (args.serve,)
    head = "| page | perf | a11y | best pr. | SEO | KiB | LCP | CLS | TBT | failed audits |\n" + "|---" * 10 + "|"
    tables = []
    for audience in audiences:
        output = work / f"site-{audience}" if args.no_build else build(root, work, audience)
        site = student_path(work, audience)
        pages = {"class home": ""} | {f"{STUDENT} {k}": site + v for k, v in PAGES.items()}
        if audience == "public":
            pages["class gallery"] = "gallery/"
        for kind in servers:
            server, base = serve(output, kind)
            lines = []
            try:
                for label, address in pages.items():
                    if args.pages and args.pages not in label:
                        continue
                    if not (output / address / "index.html").is_file():
                        lines.append(f"| {label} | (not in this build) |")
                        continue
                    name = f"{audience}-{kind}-{label.replace(' ', '-').replace('(', '').replace(')', '')}"
                    f = measure(base + address, work / "reports" / f"{name}.json", args.runs)
                    lines.append(row(label, f, seo=audience == "public"))
                    print(lines[-1], flush=True)
            finally:
                server.shutdown()
            tables.append(f"\n{audience} build, {kind} server ({'gzip' if kind == 'gzip' else 'no compression'}):\n"
                          + head + "\n" + "\n".join(lines))  # fmt: skip
    print("\n".join(tables))
    if MACHINES:
        index = sorted(m[0] for m in MACHINES)
        agent = re.search(r"Chrome/[\d.]+", MACHINES[0][2])
        spread = f"{index[0]:.0f}–{index[-1]:.0f} (median {index[len(index) // 2]:.0f})"
        print(f"\nLighthouse {MACHINES[0][1]}, {agent.group(0) if agent else MACHINES[0][2]}; "
              f"benchmarkIndex {spread}; {len(index)} runs")  # fmt: skip


if __name__ == "__main__":
    main()
