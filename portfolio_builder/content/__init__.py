"""Read and check the class folder: files and YAML with lines, settings, students, pieces (docs/format.md).

The modules are imported by name (`content.students`, `content.files`): the package imports nothing,
so the light `content.walk` costs no more than itself.
"""
