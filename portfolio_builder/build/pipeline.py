"""A build that has work to do: read and check → images and files → views → render → swap in.

`orchestrate.build` calls `rebuild` only when some input changed; this module loads everything a
real build needs (pydantic, Pillow, MkDocs), which a build that changes nothing never pays for.
The previous site is replaced only when the build completes: a crash or an interrupt leaves it
byte for byte as it was (docs/architecture.md).
"""

from __future__ import annotations

import functools
import shutil
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from .. import images, markup, views
from ..content.files import scan_students, slugify
from ..content.students import class_settings, load_class
from ..errors import ProblemLog, Severity, UsageError, did_you_mean
from ..model import Audience, ClassFolder, ClassSettings, ImageMedia, Student
from ..site import kept, theme
from .early import EarlySites
from .links import place, read_links, with_secrets
from .options import RESERVED_SLUGS, BuildOptions, BuildReport
from .output import (
    Places,
    carry_over,
    claim_staging,
    drop_departed,
    remove_abandoned_staging,
    remove_orphan_spares,
    remove_own_staging,
    reuse,
    reuse_class_site,
    share_identical_assets,
    spare_of,
    swap_in,
    write_robots,
)
from .shards import Shard, refuse_missing_secrets
from .sitekeys import class_key, images_of, media_of, published, student_sites
from .state import (
    Changes,
    Inputs,
    changes,
    fingerprint,
    mask,
    read_known_views,
    read_marker,
    remember_report,
    site_salt,
    write_marker,
)
from .workers import PhotoWork, prepare_media, render_all


def check(root: Path, students: Iterable[str] = ()) -> ProblemLog:
    """Validate the class folder and every image without writing anything.

    With `students`, only their problems and the class files' are kept: a student checking their
    own work sees their own lines, not the whole class's.
    """
    log = ProblemLog()
    cls = load_class(root, log)
    check_words(cls, log)
    chosen = cls.students
    if students:
        folders = _student_folders(root, students)
        chosen = tuple(s for s in cls.students if s.folder.name in folders)
        log.problems = [p for p in log.problems if concerns(p.path, root, folders)]
    for item in images_of(chosen):
        if isinstance(item, ImageMedia):
            try:
                notes = images.inspect(item.source)
            except images.ImageError as exc:
                log.error(item.origin or item.source, item.line, str(exc))
            else:
                for note in notes:
                    log.warning(item.origin or item.source, item.line, note)
    return log


def rebuild(options: BuildOptions, inputs: Inputs, report: BuildReport, started: float) -> BuildReport:
    """Everything after the "did anything change" check: the class read, the sites made, the teacher folder."""
    root, output = options.root.resolve(), options.output.resolve()
    changed = changes(inputs, output, options)
    try:
        with PhotoWork(options, index=True, workers=1 if _one_edit(changed, root, options) else None) as photos:
            photos.warm()  # the workers load MkDocs while the settings are read, then ready the class's theme
            settings = class_settings(root)
            theme_dir = _theme_or_none(settings.theme, root)
            photos.warm(theme_dir, settings.language, root)
            first = changed.folders if changed else frozenset()
            _rebuild(options, inputs, report, photos, settings, first, theme_dir)
    finally:  # a site begun early and never used (early.py), once its worker is done with it; what was left to remove
        remove_own_staging(options.output.resolve())
        if options.teacher is not None:
            from .teacher import remove_retired_teacher

            remove_retired_teacher(options.teacher.resolve())
    report.seconds = time.perf_counter() - started
    return report


def _one_edit(changed: Changes | None, root: Path, options: BuildOptions) -> bool:
    """Only one student's writing changed since the last build: one worker renders their site, and no other starts.

    A second worker would only load MkDocs beside the build reading the class, on the same cores
    (docs/scale.md). New photos, anything outside the student folders, a shard or `--student`: every core.
    """
    if changed is None or changed.elsewhere or changed.files or len(changed.folders) != 1:
        return False  # none changed: sites gone from the output, say, as many as were taken
    students = all((root / name / "student.md").is_file() for name in changed.folders)
    return students and not options.students and not options.shard


def _theme_or_none(name: str, root: Path) -> Path | None:
    """The class's theme folder; None when there is no such theme (the build says so when it needs it)."""
    try:
        return theme.theme_dir(name, root)
    except UsageError:
        return None


def _rebuild(
    options: BuildOptions, inputs: Inputs, report: BuildReport, photos: PhotoWork, settings: ClassSettings,
    first: Collection[str], theme_dir: Path | None,
) -> None:
    root, output = options.root.resolve(), options.output.resolve()
    teacher = options.teacher.resolve() if options.teacher is not None else None
    kept_links = read_links(teacher) if teacher else {}  # before any work: a damaged links.yml stops the build
    # Each student's photos start in the workers as soon as the student is read (not for a shard: not all its own),
    # and a changed student's site too when nothing of theirs is left to make (early.py).
    family = teacher is not None and options.audience is Audience.FAMILY
    early = None if options.shard else EarlySites(options, photos, kept_links, family, theme_dir)
    with markup.remembered(options.cache / "markdown.json"):  # texts are converted while they are read
        cls = load_class(root, report.log, memo=options.cache / "students", each=early, settings=settings, first=first)
    check_words(cls, report.log)
    chosen = choose_students(cls, options.students, report.log)
    if options.shard:
        chosen = [s for s in chosen if options.shard.holds(s.slug)]
    if options.students or options.shard:  # `--student maya`: Maya's problems and the class's, not everyone's
        _keep_problems_of(chosen, options, report)
    report.pieces = sum(len(s.pieces) for s in chosen)
    valid = [s for s in cls.students if s.slug not in RESERVED_SLUGS]
    secret = teacher is not None and _secret(cls, options)
    if secret and teacher and options.shard:  # a shard never makes a secret: shards would disagree
        refuse_missing_secrets(teacher, root, kept_links, [s.slug for s in valid])
    links = with_secrets(kept_links, [s.slug for s in valid]) if secret else None
    where = {s.slug: place(s.slug, links) for s in valid}
    if options.students:  # a site whose address is new (a rotated link, a new student) is built too
        chosen += [s for s in valid if s not in chosen and not (output / where[s.slug]).is_dir()]
    if teacher is None or options.shard is not None:  # a shard's cards and matrix would lack the other shards
        _write_site(cls, chosen, where, links is None, options, report, photos, early=early)
    else:
        from .teacher import swap_teacher_folder, teacher_staging  # Jinja too: loaded while the sites render

        staging = teacher_staging(teacher)
        try:  # made while the sites render in workers; swapped in after the site
            theme_dir = theme.theme_dir(cls.settings.theme, root)
            meanwhile = functools.partial(
                _fill_teacher, staging, teacher, cls, links, where, theme_dir, options, report.log
            )
            _write_site(cls, chosen, where, links is None, options, report, photos, meanwhile, early)
            swap_teacher_folder(staging, teacher, photos.discard)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    if not options.students and not report.failed:  # after the teacher folder: its problems are remembered too
        held = [where[s.slug] for s in chosen] if options.shard else list(where.values())  # what the output holds
        remember_report(inputs, output, options, report, held)


def _fill_teacher(
    staging: Path, teacher: Path, cls: ClassFolder, links: dict[str, str] | None, where: dict[str, str],
    theme_dir: Path, options: BuildOptions, log: ProblemLog, prepared: dict[Path, images.ImageSet],
) -> None:
    """The teacher folder, made in `staging` once the photos are ready (its panel kits show some)."""
    from .panel import PanelJob
    from .teacher import fill_teacher_folder

    panel = PanelJob(prepared, options.pdf, log, options.cache)
    words = _words(theme_dir, cls.root)
    fill_teacher_folder(staging, teacher, cls, links, where, options.audience, theme_dir, words, panel, options.cache)


def _words(theme_dir: Path, root: Path) -> Callable[[str], dict[str, Any]]:
    """The UI words of any language, as the teacher's pages ask for each family's."""
    return lambda language: theme.strings(theme_dir, language, root)


def _secret(cls: ClassFolder, options: BuildOptions) -> bool:
    """Family sites sit behind secret links unless the class opts out (`links: names`)."""
    return options.audience is Audience.FAMILY and cls.settings.links == "secret"


def _write_site(
    cls: ClassFolder, chosen: list[Student], where: dict[str, str], linked: bool,
    options: BuildOptions, report: BuildReport, photos: PhotoWork,
    meanwhile: Callable[[dict[Path, images.ImageSet]], None] | None = None, early: EarlySites | None = None,
) -> None:
    """Views, fingerprints, the sites that changed rendered into a staging folder, then swapped in.

    `meanwhile` is given the prepared images and runs while the workers render (the teacher folder):
    on two cores, a one-piece edit then waits for the longer of the two, not for both.
    """
    root, output = options.root.resolve(), options.output.resolve()
    theme_dir = theme.theme_dir(cls.settings.theme, root)
    pictures, files = media_of(cls, chosen, options)
    photos.add(pictures)
    photos.prepare_stylesheet(theme_dir)  # unless begun as the class was read
    prepared = photos.finish(report)
    cleaned = prepare_media(files, options, report)
    if options.shard:  # another shard's photo on the class pages: that shard reports it
        _keep_problems_of(chosen, options, report)
    salt = site_salt(theme_dir)
    words = theme.strings(theme_dir, cls.settings.language, root)
    # The class view is made when asked for: a one-piece edit makes it while the student's site renders.
    class_site = functools.cache(
        lambda: views.class_site(cls, options.audience, prepared, cleaned, words, where if linked else None)
    )
    key = class_key(cls, options.audience, prepared, cleaned, words, where if linked else None, salt)
    known = read_known_views(options.cache)
    remembered = known.get(key)  # the class pages unchanged: their view is not made
    class_print = functools.cache(lambda: remembered or fingerprint(class_site(), salt))
    begun = early.views() if early else None
    sites = student_sites(cls, chosen, prepared, cleaned, theme_dir, salt, not linked, options, known, begun,
                          {key: class_print()})
    before = read_marker(output)
    after = {mask(where[site.student.slug]): site.fingerprint for site in sites}
    folders = [where[s.slug] for s in chosen] if options.shard else list(where.values())  # what the output holds
    intact = (output / "index.html").is_file() and all((output / folder).is_dir() for folder in folders)
    masked = [mask(folder) for folder in folders]
    same_students = after == {k: v for k, v in before["sites"].items() if k != ""}
    if (not options.students and same_students and masked == before["students"] and intact
            and before["sites"].get("") == class_print()):
        report.unchanged = [s.slug for s in chosen]  # nothing changed: the site on disk is already this build's
        if meanwhile is not None:
            meanwhile(prepared)
        return
    remove_abandoned_staging(output)
    remove_orphan_spares(options.cache)
    try:  # from the claim on: a Ctrl+C at any point leaves no staging folder of this build behind
        staging, held = claim_staging(output, options.cache)
        places = Places(staging, held, output, before, photos.discard)
        drop_departed(places, folders)

        def class_pages() -> views.SiteView | None:
            after[""] = class_print()
            return None if reuse_class_site(places, after[""], folders) else class_site()

        to_render, rendering, earlier = [], {}, {}
        for site in sites:
            slug = site.student.slug
            if reuse(places, where[slug], site.fingerprint):
                report.unchanged.append(slug)
                continue
            to_render.append((site.student, site.view()))
            if early and (started := early.started(slug, site.fingerprint)):
                rendering[slug] = started
            earlier[slug] = published(output, where[slug], before, site.fingerprint, salt)
        if options.students:
            after |= carry_over(places, [folder for folder in folders if mask(folder) not in after])
        also = functools.partial(meanwhile, prepared) if meanwhile is not None else None
        render_all(
            class_pages, to_render, where, staging, theme_dir, options, report, also, photos.pool, rendering, earlier
        )
        share_identical_assets(staging, [where[student.slug] for student, _ in to_render])
        write_robots(staging, theme_dir, cls.settings.site_url)
        write_marker(staging, after, masked)
        mostly_new = len(to_render) * 2 > len(folders)  # of the sites it holds: a stale spare (output.swap_in)
        swap_in(staging, output, spare_of(output, options.cache), places.set_aside if mostly_new else None)
        if not options.shard:  # shards sharing one cache would drop each other's (one record a student)
            kept.forget_all_but(options.cache, folders)
    finally:  # not what a worker is removing: the last clean-up (`rebuild`) waits for the workers first
        remove_own_staging(output, set_aside=False)


# --- steps ---------------------------------------------------------------------------


def check_words(cls: ClassFolder, log: ProblemLog) -> None:
    """The UI words of every language a site is written in (docs/format.md, "Translations").

    A locale file that cannot be read stops the build when it is the class language's (every page
    would be in the wrong words); when only some students' families read it, it is a content error:
    those sites are built in English, every other site as usual (exit 1).
    """
    folder = theme.theme_dir(cls.settings.theme, cls.root)
    languages = dict.fromkeys([cls.settings.language, *(s.language for s in cls.students if s.language)])
    for language in languages:
        for problem in theme.locale_problems(folder, language, cls.root):
            if problem.severity is Severity.ERROR and language == cls.settings.language:
                raise UsageError(problem.format(), [problem])
            log.problems.append(problem)


def choose_students(cls: ClassFolder, wanted: Iterable[str], log: ProblemLog) -> list[Student]:
    students = []
    for student in cls.students:
        if student.slug in RESERVED_SLUGS:
            log.error(student.folder, None, f"`{student.slug}` is a name the class site uses: rename this folder")
        else:
            students.append(student)
    slugs = {s.slug for s in students}
    for slug in wanted:
        if slug not in slugs:
            raise UsageError(f"--student {slug}: error: there is no student `{slug}`{did_you_mean(slug, slugs)}")
    return [s for s in students if not wanted or s.slug in wanted]


def _student_folders(root: Path, wanted: Iterable[str]) -> set[str]:
    """The folder names of these students, found by folder (a student whose student.md is broken is still there)."""
    folders = {folder.slug: folder.path.name for folder in scan_students(root)}
    for slug in wanted:
        if slug not in folders:
            raise UsageError(f"--student {slug}: error: there is no student `{slug}`{did_you_mean(slug, folders)}")
    return {folders[slug] for slug in wanted}


def _keep_problems_of(chosen: list[Student], options: BuildOptions, report: BuildReport) -> None:
    """A partial build prints its own students' problems: everyone's would bury them, or repeat in every shard."""
    root, folders = options.root.resolve(), {s.folder.name for s in chosen}
    report.log.problems = [p for p in report.log.problems if concerns(p.path, root, folders, options.shard)]


def concerns(path: Path, root: Path, folders: set[str], shard: Shard | None = None) -> bool:
    """True for a problem in a chosen student's folder or in the class's own files.

    A shard keeps every problem of a folder in its share, of a student it builds or not (a
    `student.md` that cannot be read): each folder's problems are printed by exactly one shard.
    """
    if not path.is_relative_to(root):
        return True
    parts = path.relative_to(root).parts
    if not parts or parts[0] in ("locales", "themes"):
        return True
    if shard is not None and (root / parts[0]).is_dir():
        return shard.holds(slugify(parts[0]))
    return len(parts) == 1 or parts[0] in folders
