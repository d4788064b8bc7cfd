"""Each build in a long-running process (`portfolio serve`) starts from fresh state: edits to the theme show."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from classmaker import make_class

from portfolio_builder.build import BuildOptions, build
from portfolio_builder.site.theme import data_root


def test_edits_to_a_class_theme_show_in_the_next_build_of_one_process(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", {"ana": {}})
    theme = root / "themes" / "portfolio"
    shutil.copytree(data_root() / "themes" / "portfolio", theme)
    options = BuildOptions(
        root=root, output=tmp_path / "site", cache=tmp_path / "cache", jobs=1, teacher=tmp_path / "teacher"
    )
    build(options)
    home = tmp_path / "site" / "ana" / "index.html"
    assert "Who I am" not in home.read_text(encoding="utf-8")

    words = theme / "locales" / "en.yml"
    words.write_text(words.read_text(encoding="utf-8").replace("about_me: About me", "about_me: Who I am"))
    (theme / "overrides" / "assets" / "added.txt").write_text("new file")
    build(options)
    assert "Who I am" in home.read_text(encoding="utf-8")
    assert (tmp_path / "site" / "ana" / "assets" / "added.txt").is_file()


def test_a_preview_build_uses_readable_addresses_and_writes_no_teacher_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`portfolio serve` builds with no teacher folder: the preview is at <slug>/, no secret is made anywhere."""
    from classmaker import SETTINGS

    root = make_class(tmp_path / "class", {"ana": {}}, {**SETTINGS, "links": "secret"})
    monkeypatch.chdir(tmp_path)  # where a default ./teacher would land
    build(BuildOptions(root=root, output=tmp_path / "site", cache=tmp_path / "cache", jobs=1, teacher=None))
    assert (tmp_path / "site" / "ana" / "index.html").is_file()
    assert not (tmp_path / "site" / "s").exists() and not (tmp_path / "teacher").exists()
