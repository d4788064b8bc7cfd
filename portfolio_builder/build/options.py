"""What a build is asked to do, and what it reports: the words every build module shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..audience import Audience
from ..cache import default_cache_dir
from ..errors import ProblemLog
from ..progress import Progress
from .shards import Shard

MARKER = ".portfolio-site"
#: Folders of the class site; a student whose slug is one of these would overwrite it.
RESERVED_SLUGS = {"assets", "gallery", "media", "search", "s", "404"}
#: Where the class pages are rendered inside the staging folder, before they move up beside the students.
CLASS_PAGES = ".class-pages"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    students: tuple[str, ...] = ()
    audience: Audience = Audience.FAMILY
    cache: Path = field(default_factory=default_cache_dir)
    jobs: int | None = None  # worker processes; None: one per core
    progress: Progress = field(default_factory=Progress)
    #: The teacher folder (secret links, cards, matrix; never published). None for a preview: the sites
    #: sit at readable addresses and no teacher folder is written.
    teacher: Path | None = Path("teacher")
    #: Also print each student's passage panel kit to `teacher/panel/<slug>.pdf` (needs Chromium and Playwright).
    pdf: bool = False
    #: `--shard K/N`: only the students of shard K, the class pages whole, no teacher folder (build/shards.py).
    shard: Shard | None = None


@dataclass
class BuildReport:
    log: ProblemLog
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pieces: int = 0
    images: int = 0
    images_made: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        sites = f"{len(self.built)} student site(s) built, {len(self.unchanged)} unchanged, {len(self.failed)} failed"
        photos = f"{self.images} images ({self.images_made} processed, {self.images - self.images_made} cached)"
        return f"{sites}; {self.pieces} pieces; {photos}; {self.seconds:.1f} s"
