"""An edited student's site, begun while the rest of the class is still being read (docs/scale.md).

A build reads the class one student at a time. When a student's view key is one the last build
did not see (they changed), every photo and file of theirs is already made and their address is
known, their view is made at once and their site starts rendering in a worker, in a folder beside
the output. The build uses that render only when the usual path gives the same key and the same
fingerprint for a chosen student (`sitekeys.student_sites`); else it is dropped with the staging
folders. A one-piece edit then waits for no render after the class is read.
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from .. import media, views
from ..model import ClassFolder, Student
from .links import place
from .options import BuildOptions
from .sitekeys import ClassParts, files_of, images_of, published, site_key, sources, student_view
from .state import fingerprint, no_sites, read_known_views, read_marker, site_salt
from .workers import Outcome, PhotoWork, render_one


@dataclass(frozen=True)
class Begun:
    """A site started early: what it was made from (`key`), its `fingerprint`, view, render and folder."""

    key: str
    fingerprint: str
    view: views.SiteView
    future: Future[Outcome]
    folder: Path


class EarlySites:
    """Given each student as they are read (`load_class(each=…)`): their photos start, a changed site renders."""

    def __init__(
        self, options: BuildOptions, photos: PhotoWork, links: dict[str, str], secret: bool, theme_dir: Path | None
    ) -> None:
        """`theme_dir`: the class's theme; None when there is none such (the usual path stops the build and says so)."""
        self.options, self.photos, self.links, self.secret = options, photos, links, secret
        self.theme_dir = theme_dir
        # Not for a shard or `--student` (their own choices of sites), nor without workers to render in.
        self.on = photos.pool is not None and not options.shard and not options.students
        self.begun: dict[str, Begun] = {}
        self.keys: dict[str, str] = {}  # each student's view key, made as they were read
        self.known = read_known_views(options.cache) if self.on else {}
        output = options.output.resolve()
        self.folder = output.with_name(f".{output.name}.building-{os.getpid()}-early")
        self.salt = ""
        self.parts: ClassParts | None = None  # made with the first student's class: its settings and targets
        self.before = read_marker(output) if self.on else no_sites()  # the sites as published (site/kept.py)

    def __call__(self, student: Student, cls: ClassFolder) -> None:
        shown = images_of([student], self.options.audience)
        self.photos.add(shown)
        if self.theme_dir is not None and not self.photos.styled:
            self.photos.prepare_stylesheet(self.theme_dir)
        if not self.on or self.theme_dir is None:
            return
        try:
            self._begin(student, cls, {m.source for m in shown}, self.theme_dir)
        except Exception:  # a head start only: whatever went wrong, the usual path meets it and says so
            self.on = False

    def _begin(self, student: Student, cls: ClassFolder, wanted: set[Path], theme_dir: Path) -> None:
        secret = self.secret and cls.settings.links == "secret"
        if secret and student.slug not in self.links:  # a new student's secret is made once the class is read
            return
        prepared = {s: self.photos.prepared[s] for s in sources(student) if s in self.photos.prepared}
        if not wanted <= prepared.keys():  # a photo is still being made: this is no small edit
            return
        cleaned = {}
        for item in files_of([student], self.options.audience):
            if (found := media.lookup(item.source, self.options.cache)) is None:
                return
            cleaned[item.source] = found
        self.salt = self.salt or site_salt(theme_dir)
        salt = self.salt
        if self.parts is None:
            self.parts = ClassParts(cls, theme_dir)
        key = self.keys[student.slug] = site_key(
            cls, student, self.options.audience, prepared, cleaned, self.parts, salt, secret,
        )
        if key in self.known:
            return
        if len(self.begun) >= self.photos.cores:  # more changed than workers: no small edit, the usual order
            self.on = False
            return
        view = student_view(cls, student, self.options.audience, prepared, cleaned, theme_dir, secret)
        where = place(student.slug, self.links if secret else None)
        made = fingerprint(view, salt)
        earlier = published(self.options.output.resolve(), where, self.before, made, salt)
        assert self.photos.pool is not None
        task = (view, self.folder / where, theme_dir, self.options.cache, earlier)
        future = self.photos.pool.submit(render_one, task)
        self.begun[student.slug] = Begun(key, made, view, future, self.folder / where)

    def views(self) -> dict[str, tuple[str, tuple[str, views.SiteView] | None]]:
        """For `sitekeys.student_sites`: each student's key made here, and a begun site's fingerprint and view."""
        begun = {slug: (b.fingerprint, b.view) for slug, b in self.begun.items()}
        return {slug: (key, begun.get(slug)) for slug, key in self.keys.items()}

    def started(self, slug: str, fingerprint: str) -> tuple[Future[Outcome], Path] | None:
        """The render begun for this student, if it is of the site the build wants."""
        begun = self.begun.get(slug)
        return (begun.future, begun.folder) if begun and begun.fingerprint == fingerprint else None
