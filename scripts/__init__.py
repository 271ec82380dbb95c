"""Project tooling: citations, checks, translation status. Plain Python; MkDocs only calls in."""
