"""Secret links: where each family site lives, kept between builds in the teacher folder (docs/publishing.md).

A static host has no logins, so a family site is reachable only through an address that
cannot be guessed: `s/<secret>/`, the secret 128 random bits (22 characters of
`[A-Za-z0-9_-]`), never a name or a number. The secrets are the only state the teacher
folder keeps (`links.yml`); a family's link keeps working from build to build until the
teacher rotates it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from ..cache import atomic_write
from ..errors import ContentError, UsageError, did_you_mean

LINKS_FILE = "links.yml"
SECRET = re.compile(r"[A-Za-z0-9_-]{22,}")
#: Family sites live under this folder of the output; `robots.txt` disallows it.
FOLDER = "s"


def new_secret() -> str:
    """128 random bits, URL-safe: as hard to guess as a capability URL needs."""
    return secrets.token_urlsafe(16)


def read_links(teacher: Path) -> dict[str, str]:
    """The secrets kept so far; a damaged file stops the build (never a silent new link for every family)."""
    from ..content.yamlread import parse_yaml  # YAML: not for a build that changes nothing

    path = teacher / LINKS_FILE
    if not path.exists():
        return {}
    try:
        data, lines = parse_yaml(path.read_text(encoding="utf-8"), path, first_line=1)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: error: this file cannot be read ({exc}); restore it from your backup") from exc
    except ContentError as exc:
        raise UsageError(f"{exc.problem.format()} — restore links.yml from your backup; nothing was built") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: error: links.yml must be `student: secret` lines; restore it from your backup")
    for slug, secret in data.items():
        if not isinstance(slug, str) or not isinstance(secret, str) or not SECRET.fullmatch(secret):
            line = lines.get((str(slug),), 1)
            raise UsageError(
                f"{path}:{line}: error: `{slug}` has no valid secret (22 or more letters, digits, - or _); "
                "restore links.yml from your backup; nothing was built"
            )
    return dict(data)


def with_secrets(kept: dict[str, str], slugs: Iterable[str]) -> dict[str, str]:
    """Every student's secret: the kept ones unchanged, a new one for each new student."""
    found = dict(kept)
    for slug in slugs:
        found.setdefault(slug, new_secret())
    return found


def write_links(teacher: Path, links: dict[str, str], header: str) -> None:
    """links.yml, written whole and renamed in place: an interrupted write never loses a family's link."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when installed: the same text, 6 times sooner
    body = yaml.dump(dict(sorted(links.items())), Dumper=dumper, allow_unicode=True, default_flow_style=False)
    atomic_write(teacher / LINKS_FILE, f"{header}\n{body}".encode())


def rotate(teacher: Path, slugs: Iterable[str], header: str) -> dict[str, str]:
    """New secrets for these students; after the next build their old addresses are gone."""
    links = read_links(teacher)
    for slug in slugs:
        if slug not in links:
            hint = did_you_mean(slug, links)
            known = f" (students with links: {', '.join(sorted(links))})" if links and not hint else ""
            raise UsageError(f"{slug}: error: there is no secret link for `{slug}`{hint}{known}")
    changed = {slug: new_secret() for slug in slugs}
    write_links(teacher, links | changed, header)
    return changed


def place(slug: str, links: dict[str, str] | None) -> str:
    """Where a student's site lives in the output: `s/<secret>` behind a secret link, else `<slug>`."""
    return f"{FOLDER}/{links[slug]}" if links is not None else slug
