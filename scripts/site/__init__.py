"""MkDocs glue and site assembly: the hooks (mkdocs_hooks.py) and the plain modules they call on the
built pages (search index and assets, security policy, theme patches, git dates, glossary terms, HTML
typography, language spans). The citation engine imports nothing from here."""
