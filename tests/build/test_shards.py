"""`portfolio build --shard K/N`: shards copied into one folder are one whole build (docs/scale.md)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from classmaker import SETTINGS, jpeg_bytes, make_class
from conftest import run_portfolio
from sitecheck import tree_digest

from portfolio_builder.build.options import MARKER
from portfolio_builder.build.shards import shard_of

SECRET_SETTINGS = {**SETTINGS, "links": "secret", "site_url": "https://x.example/c/"}
#: Two or more students in shards 2 and 3 of 3, one in shard 1 (`shard_of`, pinned below).
NAMES = {"kai": 1, "ben": 2, "dev": 2, "lea": 2, "ana": 3, "cleo": 3}


def _student(name: str) -> dict:  # type: ignore[type-arg]
    """Work for every audience: the class pages show the class photo, the family site the family photo too."""
    return {
        "student": {"name": name.title(), "grade": 8, "photo": "me.jpg"},
        "pieces": {
            "bridge.md": ({"title": f"Bridge of {name}", "date": "2026-10-01", "targets": ["ela-argument"],
                           "share": "class", "celebrate": True, "media": [{"file": "class.jpg", "alt": "A bridge"}]},
                          f"{name} built a bridge."),
            "poem.md": ({"title": f"Poem of {name}", "date": "2026-10-03", "share": "public", "celebrate": True},
                        f"{name}'s public poem."),
            "home.md": ({"title": f"Home of {name}", "date": "2026-10-02", "targets": ["sci-observe"],
                         "share": "family", "media": [{"file": "family.jpg", "alt": "At home"}]}, "For my family."),
            "diary.md": ({"title": "Diary", "date": "2026-10-04", "share": "private"}, "Nobody reads this."),
        },
        "files": {"me.jpg": jpeg_bytes((400, 400), "navy"), "class.jpg": jpeg_bytes(color="olive"),
                  "family.jpg": jpeg_bytes(color="maroon")},
    }


def _class(tmp_path: Path) -> Path:
    return make_class(tmp_path / "class", {name: _student(name) for name in NAMES}, SECRET_SETTINGS)


def _run(tmp_path: Path, *args: str) -> str:
    result = run_portfolio(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _files(folder: Path) -> dict[str, bytes]:
    """Every file's bytes by its path in the folder, the marker aside (each shard's names only its own sites)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != MARKER}


def test_a_students_shard_is_stable_across_machines_and_pythons() -> None:
    """SHA-256 of the slug, never Python's per-process `hash()`: these numbers hold on every runner."""
    assert {name: shard_of(name, 3) for name in NAMES} == NAMES
    assert (shard_of("maya-rodriguez", 4), shard_of("lea-martin", 4), shard_of("maya-rodriguez", 1000)) == (1, 2, 701)


@pytest.mark.parametrize("value", ["0/3", "4/3", "3", "a/b", "1/0", "1/3/3", "", "-1/3", " 1/3", "١/٣"])
def test_a_bad_shard_is_one_line_and_exit_2(tmp_path: Path, value: str) -> None:
    root = _class(tmp_path)
    result = run_portfolio("build", str(root), "-o", "site", "--shard", value, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"--shard {value}: error: write K/N with 1 ≤ K ≤ N, for example --shard 1/4"]
    assert not (tmp_path / "site").exists() and not (tmp_path / "teacher").exists()


def test_shard_and_student_together_are_refused(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _run(tmp_path, "links", "make", str(root))
    result = run_portfolio("build", str(root), "-o", "site", "--shard", "1/3", "--student", "kai", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--shard 1/3: error: --shard and --student cannot be used together; a shard builds its share of the whole class"
    ]
    assert not (tmp_path / "site").exists()


def _build(tmp_path: Path, root: Path, *args: str) -> tuple[str, list[str]]:
    """The summary line and the problem lines of a build that finished (a content error is exit 1)."""
    result = run_portfolio("build", str(root), *args, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout, result.stderr.splitlines()


def test_shards_copied_into_one_folder_are_one_whole_build(tmp_path: Path) -> None:
    root = _class(tmp_path)
    (root / "zed").mkdir()  # no student.md: an error of shard 3's folder, though shard 3 builds no site for it
    made = _run(tmp_path, "links", "make", str(root))
    assert made.strip().endswith("7 new secret link(s): ana, ben, cleo, dev, kai, lea, zed")
    links = (tmp_path / "teacher" / "links.yml").read_bytes()
    shards = [tmp_path / f"shard{k}" for k in (1, 2, 3)]
    problems: list[str] = []
    for k, folder in enumerate(shards, start=1):
        summary, lines = _build(tmp_path, root, "-o", folder.name, "--shard", f"{k}/3")
        problems += lines
        mine = [name for name, shard in NAMES.items() if shard == k]
        assert f"{len(mine)} student site(s) built" in summary
        assert f"; {12 + len(mine)} images (" in summary  # everyone's portrait and class photo, its own family photo
        assert len(json.loads((folder / MARKER).read_text())["students"]) == len(mine)
    assert sorted(p.name for p in (tmp_path / "teacher").iterdir()) == ["links.yml"]  # shards write no teacher files
    assert (tmp_path / "teacher" / "links.yml").read_bytes() == links  # and never make a secret
    _, whole_problems = _build(tmp_path, root, "-o", "whole")
    assert "class/zed: error: this student folder needs a student.md file with `name:`" in whole_problems
    assert sorted(problems) == sorted(whole_problems)  # each student's problems printed by one shard, once
    whole = _files(tmp_path / "whole")
    merged = tmp_path / "merged"
    for folder in shards:  # later copies overwrite the class files of earlier ones
        shutil.copytree(folder, merged, dirs_exist_ok=True)
    assert _files(merged).keys() == whole.keys()
    assert [name for name, data in _files(merged).items() if whole[name] != data] == []
    class_files = {name: data for name, data in whole.items() if not name.startswith("s/")}
    assert {"index.html", "gallery/index.html", "search/search_index.json", "sitemap.xml", "robots.txt"} <= set(
        class_files
    )
    for folder in shards:  # each shard's class pages, search index, sitemap, robots.txt and assets, byte for byte
        assert {n: d for n, d in _files(folder).items() if not n.startswith("s/")} == class_files, folder.name


def test_a_student_without_a_secret_stops_every_shard_until_links_make(tmp_path: Path) -> None:
    root = _class(tmp_path)
    _run(tmp_path, "links", "make", str(root))
    make_class(root, {"noor": _student("noor")}, SECRET_SETTINGS)  # joins after the secrets were made
    links = tmp_path / "teacher" / "links.yml"
    before = links.read_bytes()
    for k in (1, 2, 3):  # every shard checks the whole class, so every shard gives the same answer
        result = run_portfolio("build", str(root), "-o", f"shard{k}", "--shard", f"{k}/3", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            f"{links}: error: `noor` has no secret link, and a shard never makes one: "
            f"run `portfolio links make {root} --teacher {tmp_path / 'teacher'}` once before the shards"
        ]
        assert not (tmp_path / f"shard{k}").exists()
    assert links.read_bytes() == before
    made = _run(tmp_path, "links", "make", str(root))
    assert made.strip().endswith("1 new secret link(s): noor")
    after = links.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.decode().splitlines()[0]  # the header kept
    kept = dict(re.findall(r"^([a-z]+): (\S+)$", before.decode(), re.MULTILINE))
    assert kept.items() <= dict(re.findall(r"^([a-z]+): (\S+)$", after, re.MULTILINE)).items()
    assert "noor: " in after
    _run(tmp_path, "build", str(root), "-o", "shard1", "--shard", "1/3")


def test_links_make_writes_nothing_for_readable_addresses(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", {"kai": _student("kai")}, SETTINGS)  # `links: names`
    digest = tree_digest(tmp_path)
    out = _run(tmp_path, "links", "make", str(root))
    assert "`links: names`: family sites need no secret links; nothing written" in out
    assert tree_digest(tmp_path) == digest


def test_a_shard_built_again_with_nothing_changed_does_no_work(tmp_path: Path) -> None:
    """A runner that builds its shard again, nothing changed, stops after the change check (like a whole build):
    the class is not read again, so the build's record of views in the cache is not even rewritten."""
    root = _class(tmp_path)
    cache = tmp_path / "cache"
    assert run_portfolio("links", "make", str(root), cwd=tmp_path, cache=cache).returncode == 0
    first = run_portfolio("build", str(root), "-o", "shard2", "--shard", "2/3", cwd=tmp_path, cache=cache)
    assert first.returncode == 0, first.stderr
    views = (cache / "views.json").stat().st_ino
    again = run_portfolio("build", str(root), "-o", "shard2", "--shard", "2/3", cwd=tmp_path, cache=cache)
    assert again.returncode == 0, again.stderr
    assert "0 student site(s) built, 3 unchanged" in again.stdout
    assert (cache / "views.json").stat().st_ino == views  # the "nothing changed" shortcut: no view was weighed
    (root / "ben" / "poem.md").write_text((root / "ben" / "poem.md").read_text().replace("public poem", "new poem"))
    edited = run_portfolio("build", str(root), "-o", "shard2", "--shard", "2/3", cwd=tmp_path, cache=cache)
    assert "1 student site(s) built, 2 unchanged" in edited.stdout, edited.stdout
