"""Where the command may be run from, `check --student`, and the examples in every help page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from classmaker import make_class
from conftest import run_portfolio
from sitecheck import tree_digest

BROKEN = {"title": "Bridge", "date": "2026-10-03", "share": "friends"}


def _class(tmp_path: Path) -> Path:
    students = {"ana": {"pieces": {"p.md": (BROKEN, "")}}, "ben": {"pieces": {"q.md": (BROKEN, "")}}}
    return make_class(tmp_path / "crew", students)


def test_in_the_class_folder_the_class_folder_is_root_and_nothing_is_written_into_it(tmp_path: Path) -> None:
    root = _class(tmp_path)
    check = run_portfolio("check", cwd=root)
    assert check.returncode == 1 and "ana/p.md:4: error: `share` must be" in check.stderr
    before = tree_digest(root)
    build = run_portfolio("build", cwd=root)
    assert build.returncode == 1, build.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "teacher" / "links.csv").is_file()
    assert tree_digest(root) == before


def test_in_a_students_folder_the_command_says_go_up_one_level(tmp_path: Path) -> None:
    root = _class(tmp_path)
    for args in (["check"], ["build"], ["new", "piece", "Bridge", "--student", "ana"], ["schema"]):
        result = run_portfolio(*args, cwd=root / "ana")
        assert result.returncode == 2, args
        assert result.stderr.splitlines() == [
            "ana/: error: this is a student's folder, not the class folder: "
            "go up one level (cd ..) and run the command there"
        ]
    assert sorted(p.name for p in (root / "ana").iterdir()) == ["p.md", "student.md"]


def test_with_no_class_folder_in_sight_one_line_says_where_to_run(tmp_path: Path) -> None:
    result = run_portfolio("check", cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "there is no portfolio.yml here" in result.stderr


def test_check_one_student_shows_their_problems_and_the_class_files(tmp_path: Path) -> None:
    root = _class(tmp_path)
    (root / "portfolio.yml").write_text((root / "portfolio.yml").read_text() + "site_url: http://x.example/\n")
    result = run_portfolio("check", "--student", "ana", cwd=root)
    assert result.returncode == 1
    assert "ana/p.md:4: error" in result.stderr and "ben/" not in result.stderr
    assert "portfolio.yml: warning: `site_url: http://x.example/` should start with https://" in result.stderr
    (root / "ben" / "student.md").write_text("---\nname: Ben\nname: Benjamin\n---\n")
    ben = run_portfolio("check", "--student", "ben", cwd=root)
    assert ben.returncode == 1 and "ben/student.md:3: error: `name` is written twice" in ben.stderr
    assert "ana/" not in ben.stderr
    unknown = run_portfolio("check", "--student", "anna", cwd=root)
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == ["--student anna: error: there is no student `anna` — did you mean `ana`?"]


@pytest.mark.parametrize(
    "command", [[], ["build"], ["check"], ["audit"], ["serve"], ["new"], ["new", "student"], ["new", "piece"],
                ["schema"], ["links", "rotate"]],
)  # fmt: skip
def test_every_help_shows_an_example(tmp_path: Path, command: list[str]) -> None:
    result = run_portfolio(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Example" in result.stdout and "  portfolio " in result.stdout, result.stdout


def test_ctrl_c_hidden_by_an_error_of_its_clean_up_is_still_only_an_interruption() -> None:
    """Python's rmtree, stopped by Ctrl+C while closing a folder, raises OSError instead: the user sees "Aborted!"."""
    from portfolio_builder.cli import _run

    def interrupted_clean_up() -> None:
        try:
            raise KeyboardInterrupt
        finally:
            raise OSError(9, "Bad file descriptor")  # what shutil.rmtree does

    def plain_error() -> None:
        raise OSError(9, "Bad file descriptor")

    with pytest.raises(KeyboardInterrupt):
        _run(interrupted_clean_up)
    with pytest.raises(OSError):  # an error with no Ctrl+C behind it is not hidden
        _run(plain_error)


def test_the_command_run_inside_another_program_returns_to_it(tmp_path: Path) -> None:
    """`portfolio` ends its process at once when done (cli.run); run under a profiler, or by `runpy` inside another
    program, it returns, and that program goes on (here: writes its profile, prints a line)."""
    profile = tmp_path / "build.prof"
    profiled = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "portfolio_builder", "--version"],
        capture_output=True, text=True, timeout=120,
    )
    assert profiled.returncode == 0 and "portfolio, version" in profiled.stdout, profiled.stderr
    assert profile.stat().st_size > 0
    script = (
        "import runpy, sys\nsys.argv = ['portfolio', '--version']\n"
        "try:\n    runpy.run_module('portfolio_builder', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as stop:\n    print('back with', stop.code)\n"
    )
    inside = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert inside.stdout.splitlines()[-1] == "back with 0", inside.stdout + inside.stderr
