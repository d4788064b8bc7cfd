"""Each kind of content problem gives its `path:line: severity: message` line (docs/format.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from classmaker import SETTINGS, jpeg_bytes, make_class

from portfolio_builder.build import check
from portfolio_builder.content.students import load_class
from portfolio_builder.errors import ProblemLog, UsageError

STUDENT = {"ana": {"student": {"name": "Ana", "grade": 8}}}

# (file name inside the student folder, raw text, expected "line: severity: message start")
CASES = [
    ("missing-title.md", "---\ndate: 2026-10-01\ntargets: [sci-observe]\n---\nText\n",
     ":1: error: `title` is missing"),
    ("bad-date.md", "---\ntitle: Bridge\ndate: 2026-02-30\ntargets: [sci-observe]\n---\n",
     ":3: error: `date` must be a real date"),
    ("no-date.md", "---\ntitle: Bridge\ntargets: [sci-observe]\n---\n",
     ":1: error: this piece has no date"),
    ("2026-02-30-bad-name.md", "---\ntitle: Bridge\ntargets: [sci-observe]\n---\n",
     ": error: the date `2026-02-30` in the file name is not a real date"),
    ("near-miss.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets:\n  sci-obsrve: 3\n---\n",
     ":5: error: there is no target `sci-obsrve` — did you mean `sci-observe`?"),
    ("list-unknown.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets:\n  - sci-observe\n  - math-zzz\n---\n",
     ":6: error: there is no target `math-zzz`"),
    ("bad-level.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets:\n  sci-observe: 7\n---\n",
     ":5: error: `7` is not a level for `sci-observe`"),
    ("bad-yaml.md", "---\ntitle: Bridge\ndate: 2026-10-01\nsubject: \"Science\ntargets: [sci-observe]\n---\n",
     ":4: error: the quote `\"` is never closed: end the line with `\"` too, like `subject: \"Science\"`"),
    ("open-bracket.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe\n---\n",
     ":4: error: the `[` is never closed: end it with `]`, like `targets: [sci-observe]`"),
    ("bad-yaml-other.md", "---\ntitle: Bridge\ndate: 2026-10-01\n- sci-observe\n---\n",
     ":4: error: this line is not valid YAML"),
    ("tab-yaml.md", "---\ntitle: Bridge\n\tdate: 2026-10-01\n---\n", ":3: error: this line starts with a tab"),
    # The five YAML slips, said in words with the student's own line written right (docs/format.md).
    ("colon-in-title.md", "---\ntitle: My essay: final\ndate: 2026-10-01\n---\n",
     ":2: error: the `:` inside `My essay: final` looks like a new detail to YAML: put the title in quotes: "
     "`title: \"My essay: final\"`"),
    ("colon-in-feedback.md", "---\ntitle: B\ndate: 2026-10-01\nfeedback:\n  - text: Nice: really\n---\n",
     ":5: error: the `:` inside `Nice: really` looks like a new detail to YAML: put the text in quotes: "
     "`text: \"Nice: really\"`"),
    ("tab-deep.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  sci-observe: 3\n \tsci-draw: 2\n---\n",
     ":6: error: there is a tab before `sci-draw`: use spaces to indent"),
    ("tab-after-dash.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  -\tsci-observe\n---\n",
     ":5: error: there is a tab before `sci-observe`: use spaces to indent"),
    ("tab-list.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n\t- sci-observe\n---\n",
     ":5: error: this line starts with a tab: use spaces to indent"),
    ("no-space.md", "---\ntitle:Bridge\ndate: 2026-10-01\n---\n",
     ":2: error: put a space after the `:` in `title:Bridge`: write `title: Bridge`"),
    ("no-space-last.md", "---\ndate: 2026-10-01\ntargets: [sci-observe]\ntitle:Bridge\n---\n",
     ":4: error: put a space after the `:` in `title:Bridge`: write `title: Bridge`"),
    ("no-space-only.md", "---\ntitle:Bridge\n---\n", ":2: error: put a space after the `:` in `title:Bridge`"),
    ("no-space-level.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  - sci-observe:3\n---\n",
     ":5: error: put a space after the `:` in `sci-observe:3`: write `sci-observe: 3`"),
    ("apostrophe.md", "---\ntitle: 'Maya's bridge'\ndate: 2026-10-01\n---\n",
     ":2: error: the `'` in `Maya's` ends the quote too early: put the title in double quotes: "
     "`title: \"Maya's bridge\"`"),
    ("curly-colon.md", "---\ndate: 2026-10-01\ntitle: \u201cMy essay: final\u201d\ntargets: [sci-observe]\n---\n",
     ":3: error: `\u201c` and `\u201d` are curly quotes, which YAML does not read as quotes: type straight ones: "
     "`title: \"My essay: final\"`"),
    # Read as meant, with a warning that says how to write it.
    ("share-case.md", "---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\nshare: Family\n---\n",
     ":5: warning: `share: Family` was read as `family`: write it in small letters"),
    ("target-case.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  SCI-Observe: 3\n---\n",
     ":5: warning: `SCI-Observe` was read as the target `sci-observe`: write it exactly like that"),
    ("passage-case.md", "---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\npassage: Growth\n---\n",
     ":5: warning: `Growth` was read as the passage section `growth`"),
    ("media-case.md",
     "---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - {file: PHOTO.jpg, alt: x}\n---\n",
     ":6: warning: `PHOTO.jpg` was read as the file `photo.jpg`: write the name with the same capital letters"),
    ("level-label.md", "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  sci-observe: meets\n---\n",
     ":5: warning: `meets` was read as level 3 (Meets): write the number 3"),
    ("self-label.md",
     "---\ntitle: B\ndate: 2026-10-01\ntargets:\n  sci-observe: {level: 2, self: Exceeds}\n---\n",
     ":5: warning: `Exceeds` was read as level 4 (Exceeds)"),
    ("short-date.md", "---\ntitle: B\ndate: 2026-10-3\ntargets: [sci-observe]\n---\n",
     ":3: warning: `2026-10-3` was read as 2026-10-03: write the month and the day with two digits, "
     "`date: 2026-10-03`"),
    ("short-impossible-date.md", "---\ntitle: B\ndate: 2026-2-30\ntargets: [sci-observe]\n---\n",
     ":3: error: `date` must be a real date written YYYY-MM-DD, like 2026-10-03 (not `2026-2-30`)"),
    ("target-text.md", "---\ntitle: B\ndate: 2026-10-01\ntargets: sci-observe\n---\n",
     ":4: warning: `targets: sci-observe` was read as a list of one target: write `targets: [sci-observe]`"),
    ("curly-title.md", "---\ntitle: \u201cMy essay\u201d\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
     ":2: warning: the curly quotes around `My essay` were left out: type straight quotes"),
    ("curly-single.md", "---\ntitle: \u2018Maya\u2019s bridge\u2019\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
     ":2: warning: the curly quotes around `Maya\u2019s bridge` were left out"),
    # Never silent.
    ("essay.docx", "PK\x03\x04 word", ": warning: `essay.docx` is not read: save your writing as a .md file"),
    ("Essay.MD", "---\ntitle: B\ndate: 2026-10-01\n---\n",
     ": warning: `Essay.MD` is not read: rename it to `Essay.md`"),
    ("deep/essay.markdown", "---\ntitle: B\ndate: 2026-10-01\n---\n",
     ": warning: `essay.markdown` is not read: rename it to `essay.md`"),
    ("notes.txt", "my notes", ": warning: `notes.txt` is not read: rename it to `notes.md`"),
    ("hash-title.md", "---\ntitle: Week #3\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
     ":2: warning: YAML read `title: Week #3` as `Week`: a ` #` starts a note it leaves out; "
     "put the title in quotes to keep the # part: `title: \"Week #3\"`"),
    ("hash-feedback.md",
     "---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\nfeedback:\n  - text: Try #2 was better\n---\n",
     ":6: warning: YAML read `text: Try #2 was better` as `Try`"),
    ("typo-title.md", "---\ntilte: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
     ":2: warning: `tilte` is not a detail portfolio_builder knows — did you mean `title`?"),
    ("typo-title-error.md", "---\ntilte: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\n---\n",
     ":1: error: `title` is missing"),
    ("passage.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\npassage: growht\n---\n",
     ":5: error: there is no passage section `growht` — did you mean `growth`?"),
    ("unit.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nunit: bridges\n---\n",
     ":5: error: the class has no units yet: add `units:` to portfolio.yml, or remove `unit:`"),
    ("missing-media.md",
     "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - {file: phot.jpg, alt: x}\n---\n",
     ":6: error: the file `phot.jpg` is not there — did you mean `photo.jpg`?"),
    ("dotdot.md",
     "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - file: ../../portfolio.yml\n---\n",
     ":6: error: `../../portfolio.yml` is outside your folder"),
    ("absolute.md",
     "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - file: /etc/passwd\n---\n",
     ":6: error: `/etc/passwd` is a full path"),
    ("no-alt.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - photo.jpg\n---\n",
     ":6: warning: the image `photo.jpg` has no `alt`"),
    ("no-targets.md", "---\ntitle: Bridge\ndate: 2026-10-01\n---\n", ":1: warning: this piece has no targets"),
    ("unknown-key.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\ncelebrte: true\n---\n",
     ":5: warning: `celebrte` is not a detail portfolio_builder knows — did you mean `celebrate`?"),
    ("bad-share.md", "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nshare: friends\n---\n",
     ":5: error: `share` must be"),
    ("no-front-matter.md", "Just some words\n", ":1: error: the file must start with a `---` line"),
    ("unclosed.md", "---\ntitle: Bridge\n", ":1: error: the details at the top never end"),
    ("empty.md", "", ": error: this file is empty"),
    ("word-doc.docx.md", "---\ntitle: x\n---\n\x00\x01binary", ": error: this is not a text file"),
    ("twice.md", "---\ntitle: Bridge\ndate: 2026-10-01\nshare: private\ntargets: [sci-observe]\nshare: family\n---\n",
     ":6: error: `share` is written twice (lines 4 and 6)"),
    ("http-url.md",
     "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - url: http://example.org/v\n---\n",
     ":6: error: a media `url:` must start with https://"),
    ("bad-feedback-role.md",
     "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nfeedback:\n"
     "  - {from: Jo, role: pal, text: Hi}\n---\n",
     ":6: error: `role` must be"),
]  # fmt: skip


def _check_one(tmp_path: Path, name: str, text: str | bytes) -> list[str]:
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "photo.jpg").write_bytes(jpeg_bytes((64, 48)))
    path = root / "ana" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return [p.format(cwd=tmp_path) for p in check(root).sorted()]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_problem_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    lines = _check_one(tmp_path, name, text)
    assert any(line.startswith(f"class/ana/{name}{expected}") for line in lines), lines


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    lines = _check_one(tmp_path, "latin1.md", "---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    assert "class/ana/latin1.md:2: error: this file is not saved as UTF-8 text" in lines[0]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    text = "\ufeff---\r\ntitle: Bridge\r\ndate: 2026-10-01\r\ntargets: [sci-observe]\r\n---\r\nText\r\n"
    lines = _check_one(tmp_path, "windows.md", text.encode("utf-8"))
    assert [line for line in lines if "passage section" not in line] == []


def test_all_three_target_shapes(tmp_path: Path) -> None:
    pieces = {
        "a.md": ({"title": "A", "date": "2026-10-01", "targets": ["sci-observe"]}, ""),
        "b.md": ({"title": "B", "date": "2026-10-02", "targets": {"sci-observe": 2}}, ""),
        "c.md": ({"title": "C", "date": "2026-10-03", "targets": {"sci-observe": {"level": 3, "self": 4}}}, ""),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    log = ProblemLog()
    cls = load_class(root, log)
    assert log.errors == []
    found = {p.title: p.assessments[0] for p in cls.students[0].pieces}
    assert (found["A"].level, found["B"].level, found["C"].level, found["C"].self_level) == (None, 2, 3, 4)


def test_unknown_unit_leaves_out_only_the_unit(tmp_path: Path) -> None:
    """A typo in `unit:` is an error with its line (9: after `targets:` as a list) and a did-you-mean; the piece
    is still built, in no unit."""
    settings = {**SETTINGS, "units": [{"id": "pollinators", "title": "Pollinators"}, {"id": "bridges", "title": "B"}]}
    meta = {"title": "Poster", "date": "2026-10-01", "subject": "Science", "targets": ["sci-observe"],
            "share": "class", "celebrate": True, "unit": "polinators"}
    good = {**meta, "title": "Model", "unit": "bridges"}
    root = make_class(tmp_path / "class", {"ana": {"pieces": {"piece.md": (meta, ""), "model.md": (good, "")}}},
                      settings=settings)
    log = ProblemLog()
    cls = load_class(root, log)
    assert [p.format(cwd=tmp_path) for p in log.errors] == [
        "class/ana/piece.md:9: error: there is no unit `polinators` — did you mean `pollinators`? "
        "(units: pollinators, bridges)"
    ]
    assert {p.title: p.unit for p in cls.students[0].pieces} == {"Poster": None, "Model": "bridges"}


def test_date_from_file_name_and_piece_slugs(tmp_path: Path) -> None:
    pieces = {
        "2026-10-03-argument.md": ({"title": "Arg", "targets": ["ela-argument"]}, ""),
        "butterfly/draft-1.md": ({"title": "D1", "date": "2026-09-01", "targets": ["sci-draw"]}, ""),
        "_notes/ignored.md": ({"title": "Ignored"}, ""),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    cls = load_class(root, ProblemLog())
    slugs = {p.slug: p.date.isoformat() for p in cls.students[0].pieces}
    assert slugs == {"argument": "2026-10-03", "butterfly/draft-1": "2026-09-01"}


def test_colliding_pieces_are_both_left_out(tmp_path: Path) -> None:
    pieces = {
        "essay/index.md": ({"title": "One", "date": "2026-10-03", "targets": ["ela-argument"]}, ""),
        "essay.md": ({"title": "Two", "date": "2026-10-04", "targets": ["ela-argument"]}, ""),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    log = ProblemLog()
    cls = load_class(root, log)
    assert cls.students[0].pieces == ()
    messages = sorted(p.format(cwd=tmp_path) for p in log.problems)
    assert messages[0].startswith("class/ana/essay.md: error: this piece and `index.md`")
    assert messages[1].startswith("class/ana/essay/index.md: error: this piece and `essay.md`")


def test_weekly_pieces_keep_their_dates(tmp_path: Path) -> None:
    """A weekly habit (docs/format.md): same name, different dates, each piece kept under its dated slug."""
    pieces = {
        "2026-10-01-reflection.md": ({"title": "Week 1", "targets": ["ela-argument"]}, ""),
        "2026-10-08-reflection.md": ({"title": "Week 2", "targets": ["ela-argument"]}, ""),
        "2026-10-03-argument.md": ({"title": "Arg", "targets": ["ela-argument"]}, ""),
        "notes/reflection.md": ({"title": "Undated", "date": "2026-10-09", "targets": ["ela-argument"]}, ""),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    log = ProblemLog()
    cls = load_class(root, log)
    assert log.errors == []
    slugs = sorted(p.slug for p in cls.students[0].pieces)
    assert slugs == ["2026-10-01-reflection", "2026-10-08-reflection", "argument", "notes/reflection"]


def test_duplicate_key_leaves_the_piece_out(tmp_path: Path) -> None:
    """`share: private` then `share: family`: YAML would keep the last and publish a private piece."""
    text = "---\ntitle: Diary\ndate: 2026-10-01\nshare: private\ntargets: [sci-observe]\nshare: family\n---\nSecret\n"
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "diary.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    cls = load_class(root, log)
    assert cls.students[0].pieces == ()
    assert [p.format(cwd=tmp_path) for p in log.errors] == [
        "class/ana/diary.md:6: error: `share` is written twice (lines 4 and 6): "
        "keep only the one you mean and delete the other"
    ]


def test_students_differing_by_case_or_accent_collide(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", {"Léa-Martin": {}, "lea-martin": {}, "ben": {}})
    log = ProblemLog()
    cls = load_class(root, log)
    assert [s.slug for s in cls.students] == ["ben"]
    assert len(log.errors) == 2
    assert all("would both become the site `lea-martin/`" in p.message for p in log.errors)


def test_broken_portfolio_yml_stops_with_its_line(tmp_path: Path) -> None:
    root = make_class(tmp_path / "class", STUDENT)
    (root / "portfolio.yml").write_text("school: X\nmastery: newest\n")
    with pytest.raises(UsageError, match=r"portfolio.yml:2: error: `mastery` must be"):
        load_class(root, ProblemLog())


def test_goal_with_unknown_target_keeps_the_student(tmp_path: Path) -> None:
    student = {"name": "Ana", "goals": [{"goal": "Read", "target": "ela-reding", "status": "met"}]}
    root = make_class(tmp_path / "class", {"ana": {"student": student}})
    log = ProblemLog()
    cls = load_class(root, log)
    assert cls.students[0].goals[0].target is None
    assert "there is no target `ela-reding`" in log.errors[0].message


def test_passage_section_short_of_its_min_is_a_warning(tmp_path: Path) -> None:
    pieces = {
        "a.md": ({"title": "A", "date": "2026-10-01", "targets": ["sci-observe"], "passage": "growth"}, ""),
        "b.md": ({"title": "B", "date": "2026-10-01", "targets": ["sci-observe"], "passage": "character",
                  "share": "private"}, ""),
    }
    root = make_class(tmp_path / "class", {"ana": {"pieces": pieces}})
    lines = [p.format(cwd=tmp_path) for p in check(root).sorted()]
    assert lines == [
        "class/ana/student.md: warning: the passage section `character` has 0 of 1 pieces: "
        "add `passage: character` to another piece"
    ]


CONFERENCE = {"title": "Fall conference", "agenda": [{"id": "proud", "title": "Proud"},
                                                     {"id": "growing", "title": "Growing"}]}


def test_unknown_conference_agenda_id_is_left_out_with_did_you_mean(tmp_path: Path) -> None:
    from classmaker import SETTINGS

    text = "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nconference:\n  - proud\n  - growign\n---\n"
    root = make_class(tmp_path / "class", STUDENT, settings={**SETTINGS, "conference": CONFERENCE})
    (root / "ana" / "bridge.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    cls = load_class(root, log)
    assert [p.format(cwd=tmp_path) for p in log.errors] == [
        "class/ana/bridge.md:7: error: there is no conference agenda item `growign` — did you mean `growing`? "
        "(agenda: proud, growing)"
    ]
    assert cls.students[0].pieces[0].conference == ("proud",)  # only the unknown id is left out


def test_conference_tag_without_a_class_conference_is_a_warning(tmp_path: Path) -> None:
    text = "---\ntitle: Bridge\ndate: 2026-10-01\ntargets: [sci-observe]\nconference: proud\n---\n"
    lines = _check_one(tmp_path, "bridge.md", text)
    assert "class/ana/bridge.md:5: warning: the class has no conference agenda (see portfolio.yml): " \
        "`conference:` is not used" in lines, lines


FORGIVEN = (
    "---\n"
    "title: \u201cMy bridge\u201d\n"
    "date: 2026-10-3\n"
    "share: Family\n"
    "passage: Growth\n"
    "targets:\n"
    "  SCI-Observe: Meets\n"
    "media:\n"
    "  - {file: PHOTO.jpg, alt: The bridge}\n"
    "---\n"
    "What I built.\n"
)


def test_forgiven_slips_are_read_as_meant(tmp_path: Path) -> None:
    """Each clear slip is built with the value the student meant, and each is one warning."""
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "photo.jpg").write_bytes(jpeg_bytes((64, 48)))
    (root / "ana" / "bridge.md").write_text(FORGIVEN, encoding="utf-8")
    log = ProblemLog()
    piece, = load_class(root, log).students[0].pieces
    assert log.errors == []
    assert (piece.title, piece.date.isoformat(), piece.share.value) == ("My bridge", "2026-10-03", "family")
    assert piece.passage == ("growth",)
    assert [(a.target_id, a.level) for a in piece.assessments] == [("sci-observe", 3)]
    assert [m.source.name for m in piece.media] == ["photo.jpg"]  # type: ignore[union-attr]
    lines = sorted(p.line or 0 for p in log.warnings if p.path.name == "bridge.md")
    assert lines == [2, 3, 4, 5, 7, 7, 9]


def test_one_target_written_as_text_counts(tmp_path: Path) -> None:
    text = "---\ntitle: B\ndate: 2026-10-01\ntargets: sci-observe\n---\n"
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "b.md").write_text(text, encoding="utf-8")
    piece, = load_class(root, ProblemLog()).students[0].pieces
    assert [a.target_id for a in piece.assessments] == ["sci-observe"]


def test_media_case_is_forgiven_only_when_one_file_matches(tmp_path: Path) -> None:
    """`photo.JPG` beside `Photo.jpg` and `PHOTO.jpg`: which one was meant is not clear, so it is an error."""
    text = "---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\nmedia:\n  - {file: photo.JPG, alt: x}\n---\n"
    root = make_class(tmp_path / "class", STUDENT)
    for name in ("Photo.jpg", "PHOTO.jpg"):
        (root / "ana" / name).write_bytes(jpeg_bytes((64, 48)))
    (root / "ana" / "b.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    load_class(root, log)
    assert [p.message.split(" —")[0] for p in log.errors] == ["the file `photo.JPG` is not there"]


def test_a_hash_in_a_quoted_title_or_a_real_note_is_fine(tmp_path: Path) -> None:
    text = "---\ntitle: \"Week #3\"\ndate: 2026-10-01\nshare: family  # only my family\ntargets: [sci-observe]\n---\n"
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "b.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    piece, = load_class(root, log).students[0].pieces
    assert piece.title == "Week #3"
    assert [p for p in log.problems if p.path.name == "b.md"] == []


def test_a_colon_without_space_inside_a_text_block_is_fine(tmp_path: Path) -> None:
    """`key:value` is looked for on key lines only: in a `|` block or a long text it is the student's writing."""
    text = ("---\ntitle: B\ndate: 2026-10-01\ntargets: [sci-observe]\nfeedback:\n  - text: |\n"
            "      Note:the wings\n      ratio:3\n  - text: A long text\n      goes:on\n---\n")
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "b.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    piece, = load_class(root, log).students[0].pieces
    assert piece.feedback[0].text == "Note:the wings\nratio:3"
    assert piece.feedback[1].text == "A long text goes:on"


def test_student_slips_are_forgiven_too(tmp_path: Path) -> None:
    text = ("---\nname: \u201cAna\u201d\ngoals:\n  - goal: Read\n    target: ELA-Argument\n    by: 2027-1-31\n"
            "    checkins:\n      - {date: 2026-11-1, note: Half way}\n---\n")
    root = make_class(tmp_path / "class", STUDENT)
    (root / "ana" / "student.md").write_text(text, encoding="utf-8")
    log = ProblemLog()
    student = load_class(root, log).students[0]
    goal = student.goals[0]
    assert (student.name, goal.target, str(goal.by), str(goal.checkins[0].date)) == (
        "Ana", "ela-argument", "2027-01-31", "2026-11-01"
    )
    assert sorted(p.line or 0 for p in log.warnings if p.line) == [2, 5, 6, 8]
