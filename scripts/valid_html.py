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
_AUTOCOMPLETE_OFF = ' autocomplete="off"'
_TOGGLE_TAG = re.compile(r'<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*')


def repair(html: str) -> str:
    return _drop_toggle_autocomplete(html.replace(_EMPTY_TABINDEX, ""))


def _drop_toggle_autocomplete(html: str) -> str:
    """Drop autocomplete="off" from checkbox and radio inputs.

    Each attribute is found with str.find and its tag checked, and the tag is fixed with str.replace:
    re.sub and slicing rebuild the page from pieces, which for a page with a CJK character in it
    means rescanning and recoding each piece (0.3 ms on a large page; replace copies it once).
    """
    pos = 0
    while (at := html.find(_AUTOCOMPLETE_OFF, pos)) >= 0:
        tag_start, tag_end = html.rfind("<", 0, at), html.find(">", at)
        if tag_end > at and _TOGGLE_TAG.fullmatch(html, tag_start, tag_end):
            tag = html[tag_start:tag_end + 1]
            # The first occurrence of this tag's text is this tag: any earlier one was fixed already.
            html = html.replace(tag, tag.replace(_AUTOCOMPLETE_OFF, "", 1), 1)
            pos = tag_start
        else:
            pos = at + len(_AUTOCOMPLETE_OFF)
    return html
