"""Read and check the class folder: files and YAML with lines, settings, students, pieces (docs/format.md)."""

from .files import slugify
from .students import load_class, load_student

__all__ = ["load_class", "load_student", "slugify"]
