"""Tiny classes built for real with MkDocs, asserting on the files produced."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from classmaker import gps_exif, jpeg_bytes, make_class, pdf_bytes
from conftest import run_portfolio
from PIL import Image
from sitecheck import broken_links, every_file_bytes, external_requests, main_content, parse, tree_digest

PIECES = {
    "butterfly/draft-1.md": (
        {"title": "Butterfly draft 1", "date": "2026-10-01", "series": "butterfly",
         "targets": {"sci-draw": 1}, "media": [{"file": "d1.jpg", "alt": "A sparse outline"}],
         "feedback": [{"from": "PEERNAMECANARY", "role": "peer", "text": "Add the veins."},
                      {"from": "Ms. Lee", "role": "teacher", "text": "Look at the wing shape."}],
         "passage": "growth", "celebrate": True, "share": "class"},
        "My first try. <script>alert('SCRIPTCANARY')</script>\n\n<a href=\"javascript:alert(1)\">x</a>"
        "<img src=x onerror=\"alert(2)\"><iframe src=\"https://evil.example\"></iframe>"
        "<p style=\"background:url(https://evil.example/x.png)\">styled</p>",
    ),
    "butterfly/draft-2.md": (
        {"title": "Butterfly draft 2", "date": "2026-10-08", "series": "butterfly",
         "targets": {"sci-draw": {"level": 3, "self": 2}}, "media": [{"file": "d2.jpg", "alt": "Veins drawn"}],
         "passage": ["growth", "character"], "celebrate": True, "share": "family"},
        "Now with **veins**.",
    ),
    "diary.md": (
        {"title": "PRIVATECANARY diary", "date": "2026-10-02", "share": "private", "targets": ["ela-argument"],
         "media": [{"file": "secret.jpg", "alt": "secret"}]},
        "PRIVATEBODYCANARY",
    ),
    "2026-11-01-report.md": (
        {"title": "Lab report", "targets": ["sci-observe"], "media": [{"file": "report.pdf", "title": "Lab PDF"},
         {"url": "https://example.org/video", "title": "Time-lapse"}], "share": "public"},
        "Report.",
    ),
}  # fmt: skip


def _class(tmp_path: Path) -> Path:
    files = {
        "butterfly/d1.jpg": jpeg_bytes((1600, 1200), "navy", gps_exif(orientation=6)),
        "butterfly/d2.jpg": jpeg_bytes((800, 600), "teal", gps_exif()),
        "secret.jpg": jpeg_bytes((300, 200), "red"),
        "report.pdf": pdf_bytes(),
        "me.jpg": jpeg_bytes((400, 400), "orange", gps_exif()),
    }
    return make_class(
        tmp_path / "class",
        {
            "ana": {
                "student": {"name": "Ana FAMILYNAMECANARY", "grade": 8, "photo": {"file": "me.jpg", "alt": "Ana"},
                            "goals": [{"goal": "Read every night", "target": "ela-argument", "status": "met",
                                       "checkins": [{"date": "2026-10-05", "note": "Read 5 of 7 nights."}]}]},
                "about": "I like *bugs*.",
                "pieces": PIECES,
                "files": files,
            },
            "ben": {
                "student": {"name": "Ben BENCANARY", "grade": 8},
                "pieces": {"essay.md": ({"title": "BENPIECECANARY", "date": "2026-10-10",
                                         "targets": {"ela-argument": 2}, "share": "family"}, "Ben's words.")},
            },
        },
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    tmp = tmp_path_factory.mktemp("built")
    root = _class(tmp)
    before = tree_digest(root)
    result = run_portfolio("build", str(root), "-o", str(tmp / "site"), cwd=tmp)
    assert result.returncode == 0, result.stderr
    assert tree_digest(root) == before, "the build wrote into the class folder"
    return root, tmp / "site", result.stdout + result.stderr


def _text(site: Path) -> dict[Path, str]:
    return {p: data.decode("utf-8", "replace") for p, data in every_file_bytes(site).items()}


def test_layout(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    for page in ["index.html", "gallery/index.html", "ana/index.html", "ana/passage/index.html",
                 "ana/targets/index.html", "ana/targets/sci-draw/index.html", "ana/gallery/index.html",
                 "ana/work/butterfly/draft-1/index.html", "ana/work/report/index.html",
                 "ana/search/search_index.json", "ben/index.html"]:
        assert (site / page).is_file(), page


def test_private_is_nowhere(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    for path, text in _text(site).items():
        assert "PRIVATECANARY" not in text and "PRIVATEBODYCANARY" not in text, path
    # The private photo is the only red one: no published image, at any size, is mostly red.
    published = [p for p in site.rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}]
    assert published
    assert not any(_mostly_red(p) for p in published), [p for p in published if _mostly_red(p)]
    assert not any("secret" in p.name for p in site.rglob("*"))


def test_each_student_site_holds_nothing_of_another(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    for path, text in _text(site / "ana").items():
        assert "BENCANARY" not in text and "BENPIECECANARY" not in text, path
    for path, text in _text(site / "ben").items():
        assert "FAMILYNAMECANARY" not in text, path


def test_class_site_shows_class_and_public_only(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    class_pages = [*site.glob("*.html"), *(site / "gallery").rglob("*.html")]
    text = "".join(p.read_text() for p in class_pages)
    assert "Butterfly draft 1" in text  # class
    assert "Butterfly draft 2" not in text  # family only
    assert "BENPIECECANARY" not in text


def test_search_index_is_per_student_and_sanitized(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    index = json.loads((site / "ana" / "search" / "search_index.json").read_text())
    text = json.dumps(index)
    assert "Butterfly draft 2" in text and "bugs" in text
    assert "PRIVATE" not in text and "SCRIPTCANARY" not in text and "BENCANARY" not in text


def test_peer_names_are_never_published(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    assert not any("PEERNAMECANARY" in text for text in _text(site).values())
    page = (site / "ana" / "work" / "butterfly" / "draft-1" / "index.html").read_text()
    assert "a classmate" in page and "Ms. Lee" in page


def test_student_html_is_sanitized(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "SCRIPTCANARY" not in text and "javascript:alert" not in text, page
        assert "onerror" not in text and "evil.example" not in text, page


def test_images_are_reencoded_without_metadata(built: tuple[Path, Path, str]) -> None:
    root, site, _ = built
    originals = {p.read_bytes() for p in root.rglob("*.jpg")}
    images = list(site.rglob("*.jpg"))
    assert images
    for path in images:
        data = path.read_bytes()
        assert data not in originals, f"{path} is a camera original"
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "icc_profile" not in image.info and "xmp" not in image.info, path
        assert b"CanaryCam" not in data and b"Model-CANARY" not in data, path


def test_rotated_photo_comes_out_upright(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    page = parse(site / "ana" / "work" / "butterfly" / "draft-1" / "index.html")
    shown = [i for i in page.images if i.get("alt") == "A sparse outline"]
    assert shown, page.images
    width, height = int(shown[0]["width"] or 0), int(shown[0]["height"] or 0)
    assert height > width  # stored 1600×1200 with orientation 6: upright it is portrait
    for url in (shown[0]["srcset"] or "").split(","):
        with Image.open(site / "ana" / "work" / "butterfly" / "draft-1" / url.strip().split(" ")[0]) as image:
            assert image.height > image.width


def test_every_image_is_responsive_lazy_and_described(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    seen = 0
    for page in site.rglob("*.html"):
        found = parse(page).images
        first = [i for i in found if i.get("fetchpriority") == "high"]
        assert len(first) <= 1 and all(i.get("loading") == "eager" for i in first), page  # only the top image
        for image in found:
            seen += 1
            assert image.get("alt"), (page, image)
            assert image.get("loading") in ("lazy", "eager") and image.get("sizes"), (page, image)
            assert image.get("width") and image.get("height"), (page, image)  # no layout shift
            assert len((image.get("srcset") or "").split(",")) >= 2, (page, image)
    assert seen > 5


def test_media_cards_for_pdf_and_links(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    page = (site / "ana" / "work" / "report" / "index.html").read_text()
    assert "Lab PDF" in page and ".pdf" in page
    assert 'href="https://example.org/video"' in page and "Time-lapse" in page


def test_targets_and_mastery_from_published_pieces(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    page = (site / "ana" / "targets" / "sci-draw" / "index.html").read_text()
    assert "I can draw what I see." in page and "3 · Meets" in page  # recent rule: draft 2
    overview = (site / "ana" / "targets" / "index.html").read_text()
    assert "Not yet assessed" in overview
    # ela-argument evidence is only the private diary: it must not count
    argument = (site / "ana" / "targets" / "ela-argument" / "index.html").read_text()
    assert "No evidence published yet." in argument


def test_passage_and_gallery(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    passage = (site / "ana" / "passage" / "index.html").read_text()
    assert "How I have grown" in passage and "Am I ready?" in passage
    assert passage.index("Butterfly draft 1") < passage.index("Habits of character")
    gallery = main_content(site / "ana" / "gallery" / "index.html")
    assert "Butterfly draft 1" in gallery and "Lab report" not in gallery


def test_series_links_every_draft(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    page = (site / "ana" / "work" / "butterfly" / "draft-2" / "index.html").read_text()
    assert "../draft-1/" in page and "Add the veins." in page


def test_home_page(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    home = (site / "ana" / "index.html").read_text()
    for words in ["About me", "bugs", "Read every night", "Read 5 of 7 nights.", "Highlights"]:
        assert words in home


def test_links_resolve_and_no_other_host(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    assert broken_links(site) == []
    assert external_requests(site) == []


def test_lang_is_set(built: tuple[Path, Path, str]) -> None:
    _, site, _ = built
    assert parse(site / "ana" / "index.html").html_lang == "en"


def test_public_audience(tmp_path: Path) -> None:
    root = _class(tmp_path)
    result = run_portfolio("build", str(root), "-o", str(tmp_path / "pub"), "--audience", "public", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = "".join(p.read_text() for p in (tmp_path / "pub").rglob("*.html"))
    assert "Lab report" in text
    assert "Butterfly draft 1" not in text and "Butterfly draft 2" not in text
    # indexed: every page describes itself to search engines (Lighthouse's SEO audit: meta-description)
    for page in (tmp_path / "pub").rglob("index.html"):
        found = re.findall(r'<meta name="description" content="([^"]+)">', page.read_text())
        assert len(found) == 1 and found[0].strip(), page


def test_broken_piece_is_reported_and_everyone_else_built(tmp_path: Path) -> None:
    root = _class(tmp_path)
    (root / "ben" / "broken.md").write_text("---\ntitle: Oops\ndate: 2026-13-01\ntargets: [ela-argument]\n---\n")
    check = run_portfolio("check", str(root), cwd=tmp_path)
    assert check.returncode == 1
    assert "class/ben/broken.md:3: error: `date` must be a real date" in check.stderr
    assert "Traceback" not in check.stderr
    assert not (tmp_path / "site").exists(), "check wrote something"
    build = run_portfolio("build", str(root), cwd=tmp_path)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert (tmp_path / "site" / "ana" / "index.html").is_file()
    assert (tmp_path / "site" / "ben" / "work" / "essay" / "index.html").is_file()


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    root = _class(tmp_path)
    assert run_portfolio("build", str(root), "-o", "out", cwd=tmp_path).returncode == 0
    before, teacher = tree_digest(tmp_path / "out"), tree_digest(tmp_path / "teacher")
    (root / "targets.yml").write_text("- id: [unclosed\n")
    result = run_portfolio("build", str(root), "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "targets.yml:1: error:" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(tmp_path / "out") == before and tree_digest(tmp_path / "teacher") == teacher
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class", "out", "teacher"]  # no staging left behind


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    root = _class(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.txt").write_text("precious")
    result = run_portfolio("build", str(root), "-o", "docs", cwd=tmp_path)
    assert result.returncode == 2 and "already holds other files" in result.stderr
    assert (tmp_path / "docs" / "thesis.txt").read_text() == "precious"
    inside = run_portfolio("build", str(root), "-o", str(root / "site"), cwd=tmp_path)
    assert inside.returncode == 2 and "outside the class folder" in inside.stderr


def test_one_student_rebuild_keeps_the_others(tmp_path: Path) -> None:
    root = _class(tmp_path)
    assert run_portfolio("build", str(root), cwd=tmp_path).returncode == 0
    ben_before = tree_digest(tmp_path / "site" / "ben")
    (root / "ana" / "student.md").write_text("---\nname: Ana Renamed\n---\nHi\n")
    result = run_portfolio("build", str(root), "--student", "ana", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ana Renamed" in (tmp_path / "site" / "ana" / "index.html").read_text()
    assert tree_digest(tmp_path / "site" / "ben") == ben_before
    unknown = run_portfolio("build", str(root), "--student", "anna", cwd=tmp_path)
    assert unknown.returncode == 2 and "did you mean `ana`?" in unknown.stderr


def test_parallel_build_is_byte_identical(tmp_path: Path) -> None:
    root = _class(tmp_path)
    assert run_portfolio("build", str(root), "-o", "one", "--jobs", "1", cwd=tmp_path).returncode == 0
    assert run_portfolio("build", str(root), "-o", "two", "--jobs", "2", cwd=tmp_path).returncode == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_one_student_build_reports_only_that_students_problems(tmp_path: Path) -> None:
    root = _class(tmp_path)
    (root / "ben" / "broken.md").write_text("---\ntitle: Oops\n---\n")
    only_ana = run_portfolio("build", str(root), "--student", "ana", cwd=tmp_path)
    assert only_ana.returncode == 0 and "ben/broken.md" not in only_ana.stderr
    everyone = run_portfolio("build", str(root), cwd=tmp_path)
    assert everyone.returncode == 1 and "class/ben/broken.md:1: error: this piece has no date" in everyone.stderr


def test_iphone_heic_photos_and_pdf_previews(tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    heic = io.BytesIO()
    Image.new("RGB", (1200, 900), "teal").save(heic, "HEIF", quality=60)
    pdf = io.BytesIO()
    Image.new("RGB", (850, 1100), "white").save(pdf, "PDF")
    root = make_class(tmp_path / "class", {"ana": {
        "pieces": {"p.md": ({"title": "Phone photo", "date": "2026-10-01", "targets": ["sci-observe"],
                             "media": [{"file": "IMG_0001.HEIC", "alt": "From my phone"},
                                       {"file": "lab.pdf", "title": "Lab report"}]}, "")},
        "files": {"IMG_0001.HEIC": heic.getvalue(), "lab.pdf": pdf.getvalue()}}})  # fmt: skip
    result = run_portfolio("build", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = parse(tmp_path / "site" / "ana" / "work" / "p" / "index.html")
    photo = next(i for i in page.images if i.get("alt") == "From my phone")
    assert str(photo["src"]).endswith(".jpg") and "1000w" in (photo["srcset"] or "")
    preview = next(i for i in page.images if i.get("alt") == "Lab report: first page")
    assert int(preview["height"] or 0) > int(preview["width"] or 0)  # a portrait page
    assert not list((tmp_path / "site").rglob("*.HEIC")) and list((tmp_path / "site").rglob("*.pdf"))


def _mostly_red(path: Path) -> bool:
    """True for a picture whose average colour is the private photo's red (re-encoding changes bytes, not colour)."""
    red, green, blue = _mean(path)
    return red > 150 and green < 110 and blue < 110


def _mean(path: Path) -> tuple[float, float, float]:
    from PIL import ImageStat

    return tuple(ImageStat.Stat(Image.open(path).convert("RGB").resize((16, 16))).mean)  # type: ignore[return-value]
