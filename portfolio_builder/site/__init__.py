"""The site layer: the only code that imports MkDocs (docs/architecture.md).

A fork such as properdocs could replace MkDocs by changing this folder alone.
"""
