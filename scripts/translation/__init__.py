"""The two languages: the language table (languages.py), how current each translation is (status.py)
and the pages that exist in one language only (i18n_pages.py)."""
