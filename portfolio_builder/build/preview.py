"""The one-student build behind `portfolio serve`: re-read one student, re-render only the pages that changed.

Not `build()`: a preview needs no class pages, no staging folder or swap, no teacher folder and
no other student. It reads the class settings, the targets and the one student (remembered
when unchanged), makes that student's view, and hands it to a warm MkDocs site
(`site/warm.py`) that renders only the pages whose view changed. A save that leaves an error
renders nothing: the browser keeps the last good pages and shows the problems over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import markup
from ..cache import private
from ..content.students import load_student
from ..errors import Problem, ProblemLog, Severity, UsageError
from ..model import Audience, ClassFolder, Student
from ..site import theme
from ..site.warm import WarmSite
from ..views import SiteView
from .options import BuildOptions, BuildReport
from .sitekeys import files_of, images_of, student_view
from .state import site_salt
from .workers import prepare_images, prepare_media


@dataclass
class Outcome:
    """What one update found: the student's problems, the pages rendered, the words the overlay uses."""

    problems: list[Problem] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # ["*"]: the whole site
    words: dict[str, Any] = field(default_factory=dict)
    stopped: str | None = None  # a usage error (portfolio.yml, targets.yml): nothing could be read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


class Preview:
    """One student's site in `work/site`, kept up to date by `update()` after each save."""

    def __init__(self, root: Path, slug: str, work: Path, cache: Path) -> None:
        self.root, self.slug = root.resolve(), slug
        self.site_dir = work / "site"
        if not private(cache):  # as `build()` does: a cache others can write is never read
            cache = work / "cache"
        self.options = BuildOptions(root=self.root, output=self.site_dir, students=(slug,), cache=cache, teacher=None)
        self.warm: WarmSite | None = None
        self.tolerated: set[Problem] = set()  # the errors the pages on show were rendered with
        self.pending: tuple[SiteView, str] | None = None  # the view whose pages no browser showed are not rendered yet
        self.words: dict[str, Any] = theme.strings(theme.data_root() / "themes" / "portfolio", "en")

    def update(self, open_pages: set[str] | None = None) -> Outcome:
        """Read the student again and render what changed; an error keeps the last good pages.

        With `open_pages` (addresses open in a browser) only those are rendered; `finish()` renders
        the rest after the browser has reloaded them, so a save shows without waiting for every page.
        """
        report = BuildReport(ProblemLog())
        try:
            with markup.remembered(self.options.cache / "markdown.json"):
                cls = load_student(self.root, self.slug, report.log, memo=self.options.cache / "students")
            theme_dir = theme.theme_dir(cls.settings.theme, self.root)
        except UsageError as exc:
            return Outcome(list(exc.problems), words=self.words, stopped=str(exc))
        student = next((s for s in cls.students if s.slug == self.slug), None)
        if student is not None:
            self.words = theme.strings(theme_dir, student.language or cls.settings.language)
        outcome = Outcome(words=self.words)
        if student is not None and (self.warm is None or set(report.log.errors) <= self.tolerated):
            outcome.rendered = self._render(cls, student, theme_dir, report, open_pages)
            self.tolerated = set(report.log.errors)
        outcome.problems = report.log.sorted()
        return outcome

    def finish(self) -> list[str]:
        """Render the pages the last update left for later (those no browser had open); their warnings are dropped."""
        if self.warm is None or self.pending is None:
            return []
        site, salt, self.pending = *self.pending, None
        try:
            return self.warm.render(site, salt)[0]
        except Exception:  # said by the next update, which renders the whole site again
            self.warm = None
            return []

    def _render(
        self, cls: ClassFolder, student: Student, theme_dir: Path, report: BuildReport, first: set[str] | None
    ) -> list[str]:
        """The student's photos and files (cached when unchanged), the view, then the pages that changed."""
        family = Audience.FAMILY
        prepared = prepare_images(images_of([student], family), self.options, report)
        cleaned = prepare_media(files_of([student], family), self.options, report)
        site = student_view(cls, student, family, prepared, cleaned, theme_dir)
        if self.warm is None or self.warm.theme != theme_dir:
            self.warm = WarmSite(self.site_dir, self.site_dir.parent / "docs", theme_dir, self.options.cache)
        try:
            salt = site_salt(theme_dir)
            rendered, warnings = self.warm.render(site, salt, first)
            self.pending = (site, salt) if first is not None else None
        except Exception as exc:  # a bug or a broken theme template: said, and the preview goes on
            self.warm = None
            report.log.error(student.folder / "student.md", None, f"this site could not be built ({exc})")
            return []
        for warning in warnings:
            report.log.warning(student.folder / "student.md", None, f"while making this site: {warning}")
        return rendered
