"""Reader features (issue 5): cite this page, link previews, feeds, the map, data exports, the
whole-site print page, share cards and the published-URL record. Plain modules, one job each, with no
MkDocs imports; scripts/reader/mkdocs_hook.py is their glue.
"""
