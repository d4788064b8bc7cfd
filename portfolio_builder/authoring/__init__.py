"""Help for people who write the class folder by hand: `portfolio new` and `portfolio schema`.

Not a stage of the build: these read the class settings and targets (content/) and either make
one new file from a commented template (the only writing into a class folder) or describe the
file kinds as JSON Schemas for an editor.
"""

from .new import new_piece, new_student
from .schema import write_schemas

__all__ = ["new_piece", "new_student", "write_schemas"]
