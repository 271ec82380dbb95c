"""Structured content in data/: the timeline and glossary (data.py) and the claims reviewed (claims.py),
loaded, checked and rendered into pages. Plain Python, no MkDocs imports."""
