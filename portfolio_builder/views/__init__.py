"""Stage 3: what each page shows, as pure functions of the checked class (docs/architecture.md).

One module per page type, as `themes/portfolio/overrides/` has one template per page;
templates receive these frozen view objects and only lay them out. Every choice of what is
published (audiences), counted (mastery) or linked is made here, before MkDocs runs.
"""

from .cards import cards_view
from .class_home import class_site
from .matrix import matrix_view
from .panel import panel_view
from .parts import Page, SiteView, published
from .sites import student_site

__all__ = ["Page", "SiteView", "cards_view", "class_site", "matrix_view", "panel_view", "published", "student_site"]
