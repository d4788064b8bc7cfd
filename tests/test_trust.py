"""Hostile and careless input: every protection of docs/privacy.md's rules, proved.

Each test here fails when its protection is removed (see the closing notes of the
issue that added them for the mutations tried).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from classmaker import SETTINGS, gps_exif, jpeg_bytes, make_class, write_doc
from conftest import run_portfolio, site_of
from PIL import Image, PngImagePlugin
from sitecheck import tree_digest

OK = {"title": "Fine piece", "date": "2026-10-01", "targets": ["sci-observe"]}


def _bomb_png() -> bytes:
    """A tiny file that claims to be 40 000 × 40 000 pixels: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 40_000, 40_000, 1, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def _corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    """A class where one student made every mistake; returns the root and the lines we expect."""
    root = make_class(tmp_path / "class", {"good": {"pieces": {"work.md": (OK, "All good.")}}, "typo": {}})
    typo = root / "typo"
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(jpeg_bytes((64, 48)))
    (typo / "photo.jpg").write_bytes(jpeg_bytes((640, 480)))
    (typo / "truncated.jpg").write_bytes(jpeg_bytes((640, 480))[:900])
    (typo / "bomb.png").write_bytes(_bomb_png())
    (typo / "escape.jpg").symlink_to(outside)
    (typo / "linked-piece.md").symlink_to(root / "good" / "work.md")
    files: dict[str, str | bytes] = {
        "bad-yaml.md": "---\ntitle: Bridge\nsubject: [Science\n---\n",
        "wrong-types.md": "---\ntitle: [a, b]\ndate: 2026-10-01\n---\n",
        "celebrate.md": "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\ncelebrate: maybe\n---\n",
        "targets-number.md": "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: 5\n---\n",
        "no-title.md": "---\ndate: 2026-10-01\n---\n",
        "feb-30.md": "---\ntitle: Bridge\ndate: 2026-02-30\ntargets: [sci-observe]\n---\n",
        "near-miss.md": "---\ntitle: Bridge\ndate: 2026-10-01\ntargets:\n  sci-obsrve: 2\n---\n",
        "unknown-target.md": "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [zzz-nothing]\n---\n",
        "passage.md": "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\npassage: growht\n---\n",
        "media.md": (
            "---\ntitle: Media\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n"
            "  - {file: missing.jpg, alt: x}\n"  # 6
            "  - {file: ../good/work.md, alt: x}\n"  # 7
            "  - {file: /etc/hostname, alt: x}\n"  # 8
            "  - {file: escape.jpg, alt: x}\n"  # 9
            "  - {file: truncated.jpg, alt: x}\n"  # 10
            "  - {file: bomb.png, alt: x}\n"  # 11
            "  - {file: photo.jpg}\n"  # 12
            "---\nStill published, without the broken media.\n"
        ),
        "html.md": (
            "---\ntitle: Html piece\ndate: 2026-10-02\ntargets: [sci-observe]\n---\n"
            "<script>alert('XSSCANARY')</script><img src=x onerror=\"alert('XSSCANARY')\">"
            "<a href=\"javascript:alert('XSSCANARY')\">click</a><iframe src=\"https://evil.example/\"></iframe>"
            "<p style=\"background:url(https://evil.example/x.png)\" onclick=\"alert(1)\">kept text</p>\n"
        ),
        "Essay.md": "---\ntitle: One\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
        "essay.md": "---\ntitle: Two\ndate: 2026-10-02\ntargets: [sci-observe]\n---\n",
        "empty.md": "",
        "latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "windows.md": "\ufeff---\r\ntitle: Windows piece\r\ndate: 2026-10-03\r\n"
        "targets: [sci-observe]\r\n---\r\nCRLF.\r\n",
    }
    for name, text in files.items():
        (typo / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    (root / "Good").mkdir()  # differs from `good` only by case
    write_doc(root / "Good" / "student.md", {"name": "Other Good"})
    expected = [
        "class/typo/bad-yaml.md:3: error: the `[` is never closed: end it with `]`, like `subject: [Science]`",
        "class/typo/wrong-types.md:2: error: `title` must be text",
        "class/typo/celebrate.md:5: error: `celebrate` must be `true` or `false`, not `maybe`",
        "class/typo/targets-number.md:4: error: `targets` must be",
        "class/typo/no-title.md:1: error: `title` is missing",
        "class/typo/feb-30.md:3: error: `date` must be a real date written YYYY-MM-DD, like 2026-10-03 "
        "(not `2026-02-30`)",
        "class/typo/near-miss.md:5: error: there is no target `sci-obsrve` — did you mean `sci-observe`?",
        "class/typo/unknown-target.md:4: error: there is no target `zzz-nothing`",
        "class/typo/passage.md:5: error: there is no passage section `growht` — did you mean `growth`?",
        "class/typo/media.md:6: error: the file `missing.jpg` is not there",
        "class/typo/media.md:7: error: `../good/work.md` is outside your folder",
        "class/typo/media.md:8: error: `/etc/hostname` is a full path",
        "class/typo/media.md:9: error: `escape.jpg` is outside your folder",
        "class/typo/media.md:10: error: `truncated.jpg` cannot be read as an image",
        "class/typo/media.md:11: error: `bomb.png` is far too many pixels to publish",
        "class/typo/media.md:12: warning: the image `photo.jpg` has no `alt`",
        "class/typo/Essay.md: error: this piece and `essay.md` would both be the page `work/essay/`",
        "class/typo/essay.md: error: this piece and `Essay.md` would both be the page `work/essay/`",
        "class/typo/empty.md: error: this file is empty",
        "class/typo/latin1.md:2: error: this file is not saved as UTF-8 text",
        "class/typo/binary.md: error: this is not a text file",
        "class/typo/linked-piece.md: error: this file is a link to somewhere outside your folder",
        "class/Good/student.md: error: the folders `Good` and `good` would both become the site `good/`",
        "class/good/student.md: error: the folders `Good` and `good` would both become the site `good/`",
    ]
    return root, expected


def test_bad_input_corpus_reports_every_line_and_builds_the_rest(tmp_path: Path) -> None:
    root, expected = _corpus(tmp_path)
    before = tree_digest(root)
    check = run_portfolio("check", str(root), cwd=tmp_path)
    build = run_portfolio("build", str(root), cwd=tmp_path)
    assert tree_digest(root) == before
    for result in (check, build):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        missing = [e for e in expected if not any(line.startswith(e) for line in lines)]
        assert missing == [], "\n".join(lines)
        assert all(": error: " in line or ": warning: " in line for line in lines), lines
    site = tmp_path / "site" / "typo"
    assert (site / "work" / "windows" / "index.html").is_file()  # BOM + CRLF builds
    media_page = (site / "work" / "media" / "index.html").read_text()
    assert "Still published" in media_page and media_page.count("<img") == 1  # only photo.jpg
    html_page = (site / "work" / "html" / "index.html").read_text()
    assert "kept text" in html_page and "XSSCANARY" not in html_page and "evil.example" not in html_page
    assert "onclick" not in html_page and "<iframe" not in html_page
    assert not any(b"hostname" in p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()
                   and p.suffix not in {".js", ".map"})


def _canary_class(tmp_path: Path) -> Path:
    """Every share level and every metadata block carries a unique string we can hunt for."""
    png = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "PNGTEXTCANARY")
    info.add_text("GPS", "40.7 N PNGGPSCANARY")
    Image.new("RGB", (600, 400), "purple").save(png, "PNG", pnginfo=info)
    exif = gps_exif()
    exif[0x010E] = "EXIFDESCCANARY"  # ImageDescription
    exif[0x013B] = "EXIFARTISTCANARY"  # Artist
    jpeg = io.BytesIO()
    icc = b"\0\0\0\x80ICCCANARY" + b"\0" * 120
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">XMPCANARY</x:xmpmeta>'
    Image.new("RGB", (900, 600), "teal").save(jpeg, "JPEG", exif=exif, icc_profile=icc, xmp=xmp)

    def piece(title: str, share: str, media: str | None = None) -> tuple[dict, str]:
        meta = {"title": title, "date": "2026-10-01", "share": share, "targets": {"sci-observe": 3}, "celebrate": True}
        if media:
            meta["media"] = [{"file": media, "alt": f"{title} photo"}]
        return meta, f"Body of {title}."

    return make_class(tmp_path / "class", {
        "ana": {
            "student": {"name": "Ana ANANAMECANARY", "photo": {"file": "me.jpg", "alt": "Ana"}},
            "about": "ANAABOUTCANARY",
            "pieces": {
                "private.md": piece("ANAPRIVATECANARY", "private", "private.jpg"),
                "family.md": piece("ANAFAMILYCANARY", "family", "family.png"),
                "class.md": piece("ANACLASSCANARY", "class"),
                "public.md": piece("ANAPUBLICCANARY", "public"),
            },
            "files": {"me.jpg": jpeg.getvalue(), "family.png": png.getvalue(),
                      "private.jpg": jpeg_bytes((333, 222), "red", exif)},
        },
        "ben": {
            "student": {"name": "Ben BENNAMECANARY"},
            "about": "BENABOUTCANARY",
            "pieces": {"family.md": piece("BENFAMILYCANARY", "family"), "class.md": piece("BENCLASSCANARY", "class")},
        },
    })  # fmt: skip


def _files_with(folder: Path, canary: str) -> list[str]:
    needle = canary.encode()
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_canaries_reach_only_their_audience(tmp_path: Path, jobs: str) -> None:
    root = _canary_class(tmp_path)
    result = run_portfolio("build", str(root), "--jobs", jobs, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    everything = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in everything) and any(p.name == "sitemap.xml" for p in everything)
    for canary in ["ANAPRIVATECANARY", "PNGTEXTCANARY", "PNGGPSCANARY", "EXIFDESCCANARY", "EXIFARTISTCANARY",
                   "ICCCANARY", "XMPCANARY", "CanaryCam", "Model-CANARY"]:
        assert _files_with(site, canary) == [], canary
    assert not [p for p in site.rglob("*.jpg") if Image.open(p).size == (333, 222)]  # the private photo
    # family work: only in its own student's site, never in the class pages or a classmate's site
    for canary, own in (("ANAFAMILYCANARY", "ana"), ("BENFAMILYCANARY", "ben")):
        found = _files_with(site, canary)
        assert found and all(f.startswith(f"{own}/") for f in found), (canary, found)
    # class work: its own site and the class pages, never a classmate's site
    for canary, other in (("ANACLASSCANARY", "ben"), ("BENCLASSCANARY", "ana")):
        found = _files_with(site, canary)
        assert any(not f.startswith(("ana/", "ben/")) for f in found), found  # on the class pages
        assert not any(f.startswith(f"{other}/") for f in found), (canary, found)
    # nothing of one student in the other's site: names, about, pieces
    for canary in ["BENNAMECANARY", "BENABOUTCANARY", "BENCLASSCANARY"]:
        assert _files_with(site / "ana", canary) == [], canary
    for canary in ["ANANAMECANARY", "ANAABOUTCANARY", "ANACLASSCANARY", "ANAPUBLICCANARY"]:
        assert _files_with(site / "ben", canary) == [], canary
    for image in site.rglob("*.jpg"):
        with Image.open(image) as opened:
            assert not opened.getexif() and not opened.info.get("icc_profile") and "xmp" not in opened.info


def test_public_audience_publishes_public_only(tmp_path: Path) -> None:
    root = _canary_class(tmp_path)
    assert run_portfolio("build", str(root), "--audience", "public", cwd=tmp_path).returncode == 0
    site = tmp_path / "site"
    assert _files_with(site, "ANAPUBLICCANARY")
    for canary in ["ANAPRIVATECANARY", "ANAFAMILYCANARY", "ANACLASSCANARY", "BENFAMILYCANARY", "BENCLASSCANARY"]:
        assert _files_with(site, canary) == [], canary
    assert not (site / "_teacher").exists()


def test_audit_lists_what_a_build_publishes(tmp_path: Path) -> None:
    root = _canary_class(tmp_path)
    before = tree_digest(root)
    result = run_portfolio("audit", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tree_digest(root) == before and not (tmp_path / "site").exists()
    sections = result.stdout.split("== ")
    family, klass, public, private = (s for s in sections if s)
    assert "ANAFAMILYCANARY" in family and "ANAFAMILYCANARY" not in klass
    assert "ANACLASSCANARY" in klass and "ANACLASSCANARY" not in public
    assert "ANAPUBLICCANARY" in public and "family.png" not in public
    assert "ANAPRIVATECANARY" not in family + klass + public and "ANAPRIVATECANARY" in private
    assert "ana/family.png (re-encoded, no metadata)" in family


def _slow_class(tmp_path: Path, students: int = 6) -> Path:
    pieces = {f"p{i}.md": ({"title": f"Piece {i}", "date": "2026-10-01", "targets": ["sci-observe"]}, "Words.")
              for i in range(12)}
    return make_class(tmp_path / "class", {f"s{n}": {"pieces": pieces} for n in range(students)})


@pytest.mark.parametrize("spare", [False, True], ids=["first-rebuild", "spare-kept"])
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_interrupted_build_leaves_previous_site_byte_identical(
    tmp_path: Path, how: signal.Signals, spare: bool
) -> None:
    root = _slow_class(tmp_path)
    cache = tmp_path / "cache"
    assert run_portfolio("build", str(root), "--jobs", "1", cwd=tmp_path, cache=cache).returncode == 0
    if spare:  # a second build keeps the first site in the cache; the interrupted build starts from it
        (root / "s1" / "p1.md").write_text("---\ntitle: Earlier\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n")
        assert run_portfolio("build", str(root), "--jobs", "1", cwd=tmp_path, cache=cache).returncode == 0
        assert list((cache / "sites").iterdir()), "the replaced site was not kept as a spare"
    before = tree_digest(tmp_path / "site")
    (root / "s0" / "p0.md").write_text("---\ntitle: Changed\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "portfolio_builder", "build", str(root), "--jobs", "1"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PORTFOLIO_CACHE": str(cache)},
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.005)  # wait until it is half-way: the staging folder is being filled
    assert process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert tree_digest(tmp_path / "site") == before
    if how is signal.SIGINT:
        assert not list(tmp_path.glob(".site.*")), "Ctrl+C left a half-built folder behind"
    again = run_portfolio("build", str(root), cwd=tmp_path, cache=cache)  # the next build clears what a kill left
    assert again.returncode == 0 and not list(tmp_path.glob(".site.*"))
    assert "Changed" in (tmp_path / "site" / "s0" / "work" / "p0" / "index.html").read_text()
    assert run_portfolio("build", str(root), "-o", "cold", cwd=tmp_path, cache=tmp_path / "cold-cache").returncode == 0
    assert _files(tmp_path / "site") == _files(tmp_path / "cold")


def _files(site: Path) -> dict[str, bytes]:
    files = [p for p in site.rglob("*") if p.is_file() and p.name != ".portfolio-site"]
    return {str(p.relative_to(site)): p.read_bytes() for p in files}


def test_strict_makes_warnings_errors(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", {"ana": {
        "pieces": {"p.md": ({**OK, "media": ["photo.jpg"], "passage": ["growth", "character"]}, "")},
        "files": {"photo.jpg": jpeg_bytes((64, 48))}}})  # fmt: skip
    relaxed = run_portfolio("check", str(root), cwd=tmp_path)
    line = next(n for n, text in enumerate((root / "ana" / "p.md").read_text().splitlines(), 1) if "photo.jpg" in text)
    assert relaxed.returncode == 0
    assert f"p.md:{line}: warning: the image `photo.jpg` has no `alt`" in relaxed.stderr
    strict = run_portfolio("check", str(root), "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and f"p.md:{line}: error: the image `photo.jpg` has no `alt`" in strict.stderr


def test_no_command_writes_into_the_class_folder(tmp_path: Path) -> None:
    root, _ = _corpus(tmp_path)
    before, names = tree_digest(root), sorted(os.listdir(root))
    for args in (["check", str(root)], ["audit", str(root)], ["build", str(root), "-o", "out"],
                 ["build", str(root), "-o", "pub", "--audience", "public"]):
        run_portfolio(*args, cwd=tmp_path)
        assert tree_digest(root) == before, args
    assert sorted(os.listdir(root)) == names  # no stray cache or staging inside ROOT
    assert not list(root.rglob(".*building*")) and not list(root.rglob("*.json"))


def test_no_pydantic_plugin_installed_beside_the_tool_sees_the_class(tmp_path: Path) -> None:
    """Pydantic passes every model it checks to the plugins installed with it: the build loads none (privacy.md)."""
    plugins = tmp_path / "plugins"
    (plugins / "spy-1.0.dist-info").mkdir(parents=True)
    (plugins / "spy-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy\nVersion: 1.0\n")
    (plugins / "spy-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    seen = tmp_path / "seen.txt"
    (plugins / "spy_plugin.py").write_text(
        f"import pathlib\npathlib.Path({str(seen)!r}).write_text('loaded')\n"
        "class Spy:\n    def new_schema_validator(self, *args, **kwargs):\n        return None, None, None\n"
        "plugin = Spy()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugins), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    check = "import pydantic; pydantic.TypeAdapter(int).validate_python(1)"
    subprocess.run([sys.executable, "-W", "ignore", "-c", check], env=env, check=True, capture_output=True)
    assert seen.read_text() == "loaded"  # without the tool's setting, pydantic loads it
    seen.unlink()
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": (OK, "Words.")}}})
    result = run_portfolio("build", str(root), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert not seen.exists()


def test_a_name_that_is_not_text_is_left_out_with_a_line_saying_so(tmp_path: Path) -> None:
    """A file or folder named by an old computer in another encoding: a warning to rename it, never a traceback."""
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": (OK, "Words.")}}})
    try:
        with open(bytes(root / "ana") + b"/caf\xe9.md", "wb") as piece:
            piece.write(b"---\ntitle: Lost\n---\n")
        os.makedirs(bytes(root) + b"/j\xe9r\xf4me")
        with open(bytes(root) + b"/j\xe9r\xf4me/student.md", "wb") as student:
            student.write(b"---\nname: J\n---\n")
    except OSError:
        pytest.skip("this file system keeps only names that are text")
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    said = "ana/caf\ufffd.md: warning: `caf\ufffd.md` has a letter in its name that this computer cannot read"
    assert said in result.stderr
    assert "class/j\ufffdr\ufffdme: warning:" in result.stderr
    assert (tmp_path / "site").is_dir()
    again = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert again.returncode == 0 and "caf\ufffd.md" in again.stderr  # remembered, said again


def test_a_yaml_anchor_bomb_is_one_line_and_the_class_still_builds(tmp_path: Path) -> None:
    """Anchors inside anchors (`&a` … `*i`) expand to billions of values: refused at once, not a hang."""
    bomb = ['---', 'title: Bomb', 'date: 2026-10-01', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    bomb += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    bomb += ["targets: *i", "---", "Words."]
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": (OK, "Fine.")}}, "ben": {}})
    (root / "ben" / "bomb.md").write_text("\n".join(bomb) + "\n")
    started = time.monotonic()
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert time.monotonic() - started < 120
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ben/bomb.md:1: error: this file repeats a part too many times with YAML anchors" in result.stderr
    assert "Fine." in (site_of(tmp_path / "site", "ana") / "work" / "a" / "index.html").read_text()


def test_a_school_locale_word_written_by_count_or_an_odd_language_code_builds(tmp_path: Path) -> None:
    """A menu word written with plural forms, and `language: ../portfolio`: the sites build, no traceback."""
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": (OK, "Fine.")}}})
    (root / "locales").mkdir()
    (root / "locales" / "en.yml").write_text("gallery: {one: Exhibit, other: Exhibits}\n")
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert "Exhibits" in (site_of(tmp_path / "site", "ana") / "index.html").read_text()
    settings = (root / "portfolio.yml").read_text()
    assert "language: en" in settings
    (root / "portfolio.yml").write_text(settings.replace("language: en", "language: ../portfolio"))
    odd = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert odd.returncode in (0, 1) and "Traceback" not in odd.stderr, odd.stderr


def test_a_link_out_of_a_students_folder_is_one_line_and_nothing_behind_it_is_read(tmp_path: Path) -> None:
    """A student's link to the computer's files or a classmate's folder is not walked (it could be the whole
    disk: the build would never end); a student.md linked to a classmate's is refused; a media entry naming
    a folder or a pipe says what it is, not "did you mean" the same name."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "deep").mkdir(parents=True)
    write_doc(elsewhere / "deep" / "secret.md", OK, "OUTSIDE-CANARY")
    for n in range(30):  # each a warning ("not read") if the folder were walked
        (elsewhere / f"notes{n}.txt").write_text("x")
    ana = {"pieces": {"a.md": (OK, "Fine."), "b.md": ({**OK, "title": "Box", "media": [{"file": "box"}]}, "B.")}}
    root = make_class(tmp_path / "class", {"ana": ana, "ben": {"pieces": {"b.md": (OK, "BEN-CANARY")}}, "cy": {}})
    (root / "ana" / "box").mkdir()
    (root / "ana" / "stuff").symlink_to(elsewhere)
    (root / "ana" / "classmate").symlink_to(root / "ben")
    (root / "cy" / "student.md").unlink()
    (root / "cy" / "student.md").symlink_to(root / "ben" / "student.md")
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name in ("stuff", "classmate"):
        said = f"ana/{name}: warning: `{name}` is a link to a folder outside your folder, so it is left out"
        assert sum(said in line for line in lines) == 1, result.stderr
    assert "notes" not in result.stderr and "secret" not in result.stderr
    assert "cy/student.md: error: this file is a link to somewhere outside your folder" in result.stderr
    assert re.search(r"ana/b\.md:\d+: error: `box` is a folder: write the name of a file in it", result.stderr)
    assert not _files_with(tmp_path / "site", "OUTSIDE-CANARY")
    assert not _files_with(site_of(tmp_path / "site", "ana"), "BEN-CANARY")
    assert _files_with(site_of(tmp_path / "site", "ben"), "BEN-CANARY")  # in ben's own site only


def test_the_same_photo_in_two_folders_is_named_in_each_site_by_its_own_file(tmp_path: Path) -> None:
    """One photo, saved by two students under their own names: each site names it after its own file, never after
    the other's (the cache keeps one copy; the name it was first made under could be another child's)."""
    photo = jpeg_bytes((600, 400), "teal")
    piece = dict(OK)
    students = {
        "ana": {"pieces": {"a.md": ({**piece, "media": [{"file": "ana-with-ben-at-the-clinic.jpg", "alt": "A"}]}, ".")},
                "files": {"ana-with-ben-at-the-clinic.jpg": photo}},
        "ben": {"pieces": {"b.md": ({**piece, "media": [{"file": "group.jpg", "alt": "B"}]}, ".")},
                "files": {"group.jpg": photo}},
    }
    root = make_class(tmp_path / "class", students)
    for private in (False, True):  # then Ana makes hers private: Ben's site must still not carry her file's name
        if private:
            text = (root / "ana" / "a.md").read_text()
            (root / "ana" / "a.md").write_text(text.replace("title:", "share: private\ntitle:"))
        result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
        assert result.returncode == 0, result.stderr
        ben = site_of(tmp_path / "site", "ben")
        assert [p.name for p in (ben / "media").iterdir() if p.name.startswith("group-")]
        assert not [p for p in ben.rglob("*") if "clinic" in p.name]
        assert not _files_with(ben, "clinic")
        ana = site_of(tmp_path / "site", "ana")
        assert not [p for p in ana.rglob("*") if "group" in p.name]
    assert not _files_with(tmp_path / "site", "clinic")  # private now: her file's name is nowhere


def test_a_strip_of_an_image_or_a_very_tall_pdf_page_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """1 × 70,000 pixels (a few hundred bytes) has no size a JPEG can hold: one line, the class builds. A PDF
    page of 3 × 1500 points gets a preview drawn no taller than a long strip, not a bitmap of gigabytes."""
    import pikepdf

    strip = io.BytesIO()
    Image.new("RGB", (1, 70_000), "red").save(strip, "PNG")
    tall = pikepdf.new()
    tall.add_blank_page(page_size=(100, 100))
    tall.pages[0].obj["/MediaBox"] = pikepdf.Array([0, 0, 3, 1500])
    pdf = io.BytesIO()
    tall.save(pdf)
    piece = {**OK, "title": "Strip", "media": [{"file": "strip.png", "alt": "A red line"}]}
    report = {**OK, "title": "Report", "media": [{"file": "tall.pdf", "title": "Tall report"}]}
    root = make_class(tmp_path / "class", {
        "ana": {"pieces": {"strip.md": (piece, "."), "report.md": (report, "Fine.")},
                "files": {"strip.png": strip.getvalue(), "tall.pdf": pdf.getvalue()}},
        "ben": {"pieces": {"b.md": (OK, "BEN-WORK")}},
    })
    checked = run_portfolio("check", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    for run in (checked, result):
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert re.search(r"ana/strip\.md:\d+: error: `strip\.png` is 1 × 70000 pixels, far taller than it is wide",
                         run.stderr), run.stderr
    assert "report.pdf" not in result.stderr and "tall.pdf" not in result.stderr
    assert "BEN-WORK" in (site_of(tmp_path / "site", "ben") / "work" / "b" / "index.html").read_text()
    previews = [p for p in (site_of(tmp_path / "site", "ana") / "media").glob("tall-*.jpg")]
    assert previews and all(Image.open(p).height <= 20 * 960 for p in previews)


def test_share_written_in_capitals_or_misspelt_never_publishes_a_private_piece(tmp_path: Path) -> None:
    """`Share: private` is `share: private` (a warning); `shared: private` and a `share` written twice in two
    capitals leave the piece out (an error): read as an unknown detail, the class's `share: public` published it."""
    raw = {
        "capital.md": "---\ntitle: Capital\ndate: 2026-10-01\nShare: private\n---\nCANARY-CAPITAL\n",
        "shouting.md": "---\ntitle: Shouting\ndate: 2026-10-01\nSHARE: private\n---\nCANARY-SHOUTING\n",
        "misspelt.md": "---\ntitle: Misspelt\ndate: 2026-10-01\nshared: private\n---\nCANARY-MISSPELT\n",
        "twice.md": "---\ntitle: Twice\ndate: 2026-10-01\nshare: public\nShare: private\n---\nCANARY-TWICE\n",
        "caps.md": "---\ntitle: Caps\ndate: 2026-10-01\nSHARED: private\n---\nCANARY-CAPS\n",
        "score.md": "---\ntitle: Score\ndate: 2026-10-01\nscore: 4\n---\nA score of my own.\n",
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"ok.md": (OK, "Public work.")}}},
                      {**SETTINGS, "share": "public"})
    for name, text in raw.items():
        (root / "ana" / name).write_text(text)
    result = run_portfolio("build", str(root), "--audience", "public", cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "ana/capital.md:4: warning: `Share` was read as `share`: write it in small letters" in result.stderr
    assert "ana/shouting.md:4: warning: `SHARE` was read as `share`" in result.stderr
    assert "ana/misspelt.md:4: error: `shared` is not a detail portfolio_builder knows — did you mean `share`?" in (
        result.stderr)
    assert "ana/twice.md:5: error: `Share` and `share` are the same detail written twice (line 4)" in result.stderr
    assert "ana/caps.md:4: error: `SHARED` is not a detail portfolio_builder knows — did you mean `share`?" in (
        result.stderr)
    assert "ana/score.md:4: warning: `score` is not a detail" in result.stderr  # a key of the student's own
    assert _files_with(tmp_path / "site", "A score of my own")
    for canary in ("CANARY-CAPITAL", "CANARY-SHOUTING", "CANARY-MISSPELT", "CANARY-TWICE", "CANARY-CAPS"):
        assert not _files_with(tmp_path / "site", canary), canary
    assert _files_with(tmp_path / "site", "Public work")


def test_a_piece_named_without_plain_letters_is_named_in_a_line_not_lost_in_silence(tmp_path: Path) -> None:
    """`Ελληνικά.md`, `我的作文.md`, `2026-10-01-.md`: no web address can be made from the name; each was left out
    without a word. Now one line each tells the student to rename it; the rest of their work builds."""
    root = make_class(tmp_path / "class", {"ana": {"pieces": {
        "ok.md": (OK, "Fine."), "Ελληνικά.md": (OK, "."), "我的作文.md": (OK, "."), "2026-10-01-.md": (OK, "."),
        "写真/index.md": (OK, "."),
    }}})
    (root / "李明").mkdir()
    write_doc(root / "李明" / "student.md", {"name": "Li Ming"})
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for name in ("Ελληνικά.md", "我的作文.md", "2026-10-01-.md", "写真/index.md"):
        said = f"ana/{name}: error: this name has no plain letters or digits (a–z, 0–9), so its page would have no"
        assert said in result.stderr, result.stderr
    assert "class/李明: error: this folder name has no plain letters or digits (a–z, 0–9)" in result.stderr
    assert (site_of(tmp_path / "site", "ana") / "work" / "ok" / "index.html").is_file()


def test_a_class_theme_holding_a_name_that_is_not_text_builds(tmp_path: Path) -> None:
    """A class theme copied from an old computer, one file named in another encoding: the build weighs every theme
    file's name, and that name stopped it with a traceback."""
    from portfolio_builder.site.paths import data_root

    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": (OK, "Fine.")}}},
                      {**SETTINGS, "theme": "mine"})
    shutil.copytree(data_root() / "themes" / "portfolio", root / "themes" / "mine")
    try:
        with open(bytes(root / "themes" / "mine" / "overrides") + b"/caf\xe9.png", "wb") as odd:
            odd.write(b"x")
    except OSError:
        pytest.skip("this file system keeps only names that are text")
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "Fine." in (site_of(tmp_path / "site", "ana") / "work" / "a" / "index.html").read_text()


def test_a_tangled_text_is_shown_plain_with_a_warning_and_never_holds_up_the_class(tmp_path: Path) -> None:
    """Thousands of links in one paragraph (Python-Markdown's time grows with their square: minutes) and blocks
    nested hundreds deep (the search index took minutes): each is shown as plain text after a few seconds."""
    links = "[source](https://example.org/x) " * 3000
    nested = "<!-- HIDDEN-NOTE: a note to myself -->\n\n" + "<div>" * 300 + "DEEP-WORDS" + "</div>" * 300
    root = make_class(tmp_path / "class", {"ana": {"pieces": {
        "links.md": (OK, links), "nested.md": ({**OK, "title": "Nested"}, nested),
        "ok.md": ({**OK, "title": "Ok"}, "Fine."),
    }}})
    started = time.monotonic()
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert time.monotonic() - started < 120
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    for name in ("links", "nested"):
        assert re.search(rf"ana/{name}\.md:\d+: warning: this text is too tangled to format", result.stderr)
    site = site_of(tmp_path / "site", "ana")
    page = (site / "work" / "nested" / "index.html").read_text()
    assert "DEEP-WORDS" in page and "&lt;div&gt;" in page and page.count("<div") < 100  # as text, not as blocks
    assert not _files_with(tmp_path / "site", "HIDDEN-NOTE")  # a comment stays hidden, as formatting leaves it
    assert "[source](https://example.org/x)" in (site / "work" / "links" / "index.html").read_text()


def test_feedback_without_a_role_never_shows_the_givers_name(tmp_path: Path) -> None:
    """`{from: Jamal, text: …}` with no `role:` may be a classmate's, whose name is never published: it is shown
    as a classmate's until the role is written, and the student is told so."""
    feedback = [{"from": "Jamal Quietname", "text": "Make the stripes darker."},
                {"from": "Ms. Lee", "role": "teacher", "text": "Accurate wings."},
                {"from": "Dev Loudname", "role": "Peer", "text": "Nice legs."}]  # read as `peer`, with a warning
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"a.md": ({**OK, "feedback": feedback}, "Fine.")}}})
    result = run_portfolio("build", str(root), cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert re.search(r"ana/a\.md:\d+: warning: the feedback from `Jamal Quietname` has no `role:`", result.stderr)
    page = (site_of(tmp_path / "site", "ana") / "work" / "a" / "index.html").read_text()
    assert "Make the stripes darker." in page and "Ms. Lee" in page
    assert re.search(r"ana/a\.md:\d+: warning: `role: Peer` was read as `peer`: write it in small letters",
                     result.stderr)
    assert not _files_with(tmp_path / "site", "Quietname") and not _files_with(tmp_path / "site", "Loudname")
