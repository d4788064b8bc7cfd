"""Family cards (teacher/cards/): each child's name, their family's link and its QR code, a note in their language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..model import ClassFolder
from .parts import Strings


@dataclass(frozen=True)
class FamilyCard:
    name: str
    heading: str
    link: str  # the full address, or the path inside the published folder without `site_url`
    qr: Markup  # an SVG made here, offline: no text of anyone's in it but the address
    note: str
    language: str
    complete: bool  # False without `site_url`: the card shows the path only


@dataclass(frozen=True)
class CardsView:
    title: str
    lead: str
    cards: tuple[FamilyCard, ...]


def qr_svg(link: str) -> str:
    """A link's QR code as inline SVG, made offline (15 ms: the build remembers them, build/teacher.py)."""
    import segno  # only a build that makes cards loads the encoder

    return str(segno.make(link, error="m").svg_inline(scale=3, border=2, omitsize=False))


def cards_view(
    cls: ClassFolder, places: Mapping[str, str], words: Callable[[str], Strings], qr: Callable[[str], str] = qr_svg,
) -> CardsView:
    """One card per student with a family site, in the order of the class folder."""
    base = (cls.settings.site_url or "").rstrip("/")
    cards = []
    for student in cls.students:
        if student.slug not in places:
            continue
        language = student.language or cls.settings.language
        t = words(language)
        path = f"{places[student.slug]}/"
        link = f"{base}/{path}" if base else path
        cards.append(FamilyCard(
            name=student.name,
            heading=str(t["card_heading"]).format(name=student.name),
            link=link,
            qr=Markup(qr(link)),
            note=str(t["card_note"]) if base else f"{t['card_note']} {t['card_no_site_url']}",
            language=language,
            complete=bool(base),
        ))
    class_words = words(cls.settings.language)
    return CardsView(str(class_words["cards_title"]), str(class_words["cards_lead"]), tuple(cards))
