"""Nothing read from the build cache can run code or add markup (docs/architecture.md: the cache)."""

from __future__ import annotations

import json
import pickle
import shutil
import stat
from pathlib import Path

from classmaker import make_class
from conftest import run_portfolio


class _Payload:
    """A pickle that runs code when loaded: what someone with write access to a shared cache could leave."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.canary)!r}, 'w').write('ran')",))


def test_forged_cache_records_are_never_loaded(tmp_path: Path) -> None:
    pieces = {"essay.md": ({"title": "Essay", "date": "2026-10-01", "targets": ["ela-argument"]}, "My *own* words.")}
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache)
    assert first.returncode == 0, first.stderr
    assert stat.S_IMODE((cache / "key").stat().st_mode) == 0o600

    canary = tmp_path / "canary"
    records = list((cache / "students").glob("*.json"))  # kept as JSON: a pickle planted there is only bytes
    assert records, "the build remembered no student"
    for record in records:
        record.write_bytes(pickle.dumps(_Payload(canary)))
    forged = {"version": "any", "html": {}}
    markdown = cache / "markdown.json"
    markdown.write_text(json.dumps(forged))
    shutil.rmtree(cache / "builds")  # no 'nothing changed' answer: the build reads its records
    second = run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache)
    assert second.returncode == 0, second.stderr
    assert not canary.exists(), "a forged cache record ran code in the build"
    page = (site / "ana" / "work" / "essay" / "index.html").read_text(encoding="utf-8")
    assert "<em>own</em>" in page


def test_markdown_cache_cannot_add_markup(tmp_path: Path) -> None:
    """A sealed record is trusted; an edited one (same JSON shape, new HTML) is not."""
    pieces = {"essay.md": ({"title": "Essay", "date": "2026-10-01", "targets": ["ela-argument"]}, "Plain words.")}
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    cache, site = tmp_path / "cache", tmp_path / "site"
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    markdown = cache / "markdown.json"
    raw = markdown.read_bytes()
    start = 32  # after the seal, a SHA-256 HMAC (which may itself hold a `{` byte)
    saved = json.loads(raw[start:])
    saved["html"] = {key: "<script>alert('cache')</script>" for key in saved["html"]}
    markdown.write_bytes(raw[:start] + json.dumps(saved).encode())  # the old seal, new contents
    shutil.rmtree(cache / "builds")
    shutil.rmtree(cache / "students")
    shutil.rmtree(site)
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "ana").rglob("*.html"))
    assert "alert(" not in pages
    assert "Plain words." in (site / "ana" / "work" / "essay" / "index.html").read_text(encoding="utf-8")


def test_forged_compiled_templates_are_never_loaded(tmp_path: Path) -> None:
    """Jinja reads compiled templates with pickle and marshal: a forged one must never be read."""
    from jinja2.bccache import bc_magic

    root = make_class(tmp_path / "class", {"ana": {}})
    cache, site = tmp_path / "cache", tmp_path / "site"
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    canary = tmp_path / "canary"
    compiled = [p for p in (cache / "templates").rglob("*") if p.is_file()]
    assert compiled, "no compiled templates were kept"
    for path in compiled:
        path.write_bytes(bc_magic + pickle.dumps(_Payload(canary)))
    shutil.rmtree(cache / "builds")
    shutil.rmtree(site)
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    assert not canary.exists(), "a forged compiled template ran code in the build"


def test_a_cache_others_can_write_is_not_reused(tmp_path: Path) -> None:
    """A page slipped into the kept copy of the last site is never published from a shared cache."""
    pieces = {"essay.md": ({"title": "Essay", "date": "2026-10-01", "targets": ["ela-argument"]}, "Words.")}
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}, "ben": {"pieces": pieces}})
    cache, site = tmp_path / "cache", tmp_path / "site"
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    cache.chmod(0o777)  # a cache folder shared with others
    for page in (cache / "sites").rglob("ana/index.html"):  # replaced, as someone else could (not edited in place)
        text = page.read_text(encoding="utf-8").replace("</body>", "<script>alert('spare')</script></body>")
        page.unlink()
        page.write_text(text, encoding="utf-8")
    (root / "ben" / "essay.md").write_text((root / "ben" / "essay.md").read_text() + "\nMore.\n")
    assert run_portfolio("build", str(root), "-o", str(site), cwd=tmp_path, cache=cache).returncode == 0
    assert "alert('spare')" not in (site / "ana" / "index.html").read_text(encoding="utf-8")
