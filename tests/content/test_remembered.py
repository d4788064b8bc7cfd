"""Remembered students (content/memo.py): read back as they were read, their pieces only when asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE

from portfolio_builder.content.outline import outline
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog
from portfolio_builder.model import Audience


def _class(tmp_path: Path) -> Path:
    root = tmp_path / "class"
    shutil.copytree(SAMPLE, root)
    return root


def test_a_remembered_student_is_the_student_as_read_with_the_outline_of_their_pieces(tmp_path: Path) -> None:
    """The outline a build reads instead of the pieces is the outline of the very pieces read back."""
    root, memo = _class(tmp_path), tmp_path / "cache" / "students"
    memo.parent.mkdir(mode=0o700)
    first_log, again_log, plain_log = ProblemLog(), ProblemLog(), ProblemLog()
    first = load_class(root, first_log, memo=memo)  # read, and remembered
    again = load_class(root, again_log, memo=memo)  # remembered: nothing read again
    plain = load_class(root, plain_log)  # no cache at all
    assert [s.slug for s in again.students] == [s.slug for s in plain.students]
    assert len(again.students) >= 4
    assert again_log.sorted() == first_log.sorted() == plain_log.sorted()
    for remembered, fresh, read in zip(again.students, first.students, plain.students, strict=True):
        assert remembered.outline is not None
        assert remembered.digest == fresh.digest != ""
        assert len(remembered.pieces) == len(read.pieces) == remembered.outline.count
        assert tuple(remembered.pieces) == tuple(fresh.pieces) == read.pieces
        assert remembered == read  # every field but the digest and the outline, which are made from it
        assert remembered.outline == outline(read.pieces)
    levels = {s.slug: dict(s.outline.levels)[Audience.FAMILY] for s in again.students if s.outline}
    assert any(levels.values()), "the sample class has assessed pieces"


def test_an_edited_piece_changes_the_outline_of_its_student_only(tmp_path: Path) -> None:
    root, memo = _class(tmp_path), tmp_path / "cache" / "students"
    memo.parent.mkdir(mode=0o700)
    before = {s.slug: s for s in load_class(root, ProblemLog(), memo=memo).students}
    piece = next(p for p in sorted((root / "maya-rodriguez").rglob("*.md")) if "share: class" in p.read_text())
    piece.write_text(piece.read_text().replace("share: class", "share: private"))
    after = {s.slug: s for s in load_class(root, ProblemLog(), memo=memo).students}
    for slug, student in after.items():
        was, now = before[slug].outline, student.outline
        assert was is not None and now is not None
        if slug == "maya-rodriguez":
            assert now != was  # the class sees one piece fewer
            assert dict(now.seen)[Audience.CLASS] != dict(was.seen)[Audience.CLASS]
            assert dict(now.seen)[Audience.PUBLIC] == dict(was.seen)[Audience.PUBLIC]
        else:
            assert now == was and student.digest == before[slug].digest


def test_the_students_named_first_are_read_first_and_the_class_comes_out_the_same(tmp_path: Path) -> None:
    """A build reads the students changed since the last build first (their sites start early); nothing else moves."""
    root = _class(tmp_path)
    folders = sorted(p.name for p in root.iterdir() if (p / "student.md").is_file())
    last = folders[-1]
    met: list[str] = []
    plain_log, first_log = ProblemLog(), ProblemLog()
    plain = load_class(root, plain_log)
    ordered = load_class(root, first_log, each=lambda student, _: met.append(student.folder.name), first={last})
    assert met[0] == last and sorted(met) == folders  # the changed one first, then the others
    assert [s.slug for s in ordered.students] == [s.slug for s in plain.students]  # the class's own order
    assert ordered == plain
    assert first_log.problems == plain_log.problems  # the same lines, in the same order
    assert plain_log.problems  # the sample class has warnings to keep in order
