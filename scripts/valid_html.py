"""Small repairs to Material's markup so that every built page passes the Nu HTML Checker (vnu) with
no error (tests/quality/test_html_validity.py). Each repair is a plain string edit of the finished
page; none changes what a browser does.

- Section labels in the navigation carry `tabindex=""` (Material's template sets an empty value for
  labels that are not focusable). An empty tabindex is invalid, and browsers ignore it: dropped.
- The drawer and search toggles are checkboxes with `autocomplete="off"`, which HTML allows only on
  text-like inputs. Chromium and Safari ignore it there; Firefox used it to not restore an open drawer
  or search after a reload, so there a reload may now reopen them. Dropped.
"""

from __future__ import annotations

import re

_EMPTY_TABINDEX = ' tabindex=""'
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?) autocomplete="off"')


def repair(html: str) -> str:
    html = html.replace(_EMPTY_TABINDEX, "")
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
