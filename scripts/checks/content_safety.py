"""Content safety: what raw HTML (and Markdown) in a page, or in a timeline or glossary text, may not carry.

Pages may use raw HTML, but not to run code or to pull in another site:

- no `<script>`, `<iframe>`, `<object>` or `<embed>` element            [unsafe-element]
- no event-handler attribute (`onclick=`, `onload=`, ...), in HTML or in an
  attribute list (`{: onclick="..." }`)                                  [unsafe-attribute]
- no `javascript:` (or `vbscript:`) URL, in HTML or in a Markdown link    [unsafe-url]
- no image from another origin (`<img src="https://...">`, `srcset`,
  `poster`, CSS `url(https://...)`, a Markdown image `![](https://...)`)  [remote-image]

The site's Content-Security-Policy (scripts/site/security.py) would block most of these in the browser;
this check says so at the source, with the file, line and column and what to do instead. Code is
exempt: fenced and inline code, HTML comments and front matter are masked first
(scripts.citations.markdown.mask), so a page can still show such HTML as an example.
"""

from __future__ import annotations

import html
import re

from scripts.citations.markdown import LineIndex, mask
from scripts.content.data import load_glossary, load_timeline
from scripts.findings import Finding, relpath
from scripts.project import Settings

FORBIDDEN_ELEMENTS = {
    "script": "scripts run with the site's privileges (and the Content-Security-Policy blocks them)",
    "iframe": "an iframe embeds another site, which then tracks readers and can change without notice",
    "object": "plugin content can run code",
    "embed": "plugin content can run code",
}
_FORBIDDEN_OPEN = re.compile(r"<(script|iframe|object|embed)(?=[\s/>]|$)", re.IGNORECASE)
# A start tag, with its attributes (quoted values may contain ">").
_TAG = re.compile(r"""<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# Python-Markdown's attribute lists: {: #id .class key="value" } after a block or inline element.
_ATTR_LIST = re.compile(r"\{:?[ \t]*((?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))(?:[ \t]+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)))*)[ \t]*\}")
# Markdown link and image destinations: [text](url "title"), ![alt](url), <autolink:...>, and
# reference definitions [id]: url.
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?([^\s)>]+)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_REF_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\[([^\]\n]*)\]")
_AUTOLINK = re.compile(r"<((?:javascript|vbscript):[^>\s]*)>", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript):", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.IGNORECASE)
# Attributes whose value is a URL the browser may follow or load.
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background",
              "cite", "longdesc", "srcset", "ping"}
# Attributes through which an element loads an image.
_IMAGE_ATTRS = {("img", "src"), ("img", "srcset"), ("source", "srcset"), ("source", "src"),
                ("video", "poster"), ("input", "src"), ("image", "href"), ("image", "xlink:href"),
                ("body", "background"), ("table", "background"), ("td", "background")}


def check(settings: Settings) -> list[Finding]:
    """Findings for every Markdown page under the docs folder and every text of the timeline and
    glossary data, which the build writes into pages as Markdown."""
    findings: list[Finding] = []
    for path in sorted(settings.docs_dir.rglob("*.md")):
        findings.extend(check_text(path.read_text(encoding="utf-8"), relpath(path, settings.root)))
    return findings + check_data_texts(settings)


def check_data_texts(settings: Settings) -> list[Finding]:
    """Every string in the timeline and glossary entries, reported at the field's line in its file
    (a problem on a later line of a multi-line value is counted from there; the column is counted
    within the text)."""
    findings: list[Finding] = []
    for entry in load_timeline(settings)[0] + load_glossary(settings)[0]:
        rel = relpath(entry.path, settings.root)
        for key, text in _strings(entry.data):
            for found in check_text(text, rel):
                findings.append(Finding(rel, entry.line(key) + found.line - 1, found.col, found.code,
                                        f"{key}: {found.message}"))
    return sorted(findings)


def _strings(value, key: str = ""):
    """(dotted key, text) for every string in a parsed YAML value; list items keep their parent's key."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)


def check_text(text: str, where: str) -> list[Finding]:
    """Findings for one page's Markdown; `where` is the path to report."""
    masked = mask(text)
    index = LineIndex(text)
    found: list[Finding] = []

    def report(offset: int, code: str, message: str) -> None:
        line, col = index.position(offset)
        found.append(Finding(where, line, col, code, message))

    # Forbidden elements, also when the tag is left unclosed (`<script src=...` without ">").
    for match in _FORBIDDEN_OPEN.finditer(masked):
        name = match.group(1).lower()
        report(match.start(), "unsafe-element",
               f"<{name}> is not allowed in pages: {FORBIDDEN_ELEMENTS[name]}. Remove it; to show "
               f"HTML as an example, put it in a code block")
    for tag in _TAG.finditer(masked):
        name = tag.group(1).lower()
        if name in FORBIDDEN_ELEMENTS:
            continue
        for attr in _ATTR.finditer(tag.group(2)):
            _check_attribute(name, attr.group(1).lower(), _unquote(attr.group(2)),
                             tag.start(2) + attr.start(), report)

    for attr_list in _ATTR_LIST.finditer(masked):
        for attr in _ATTR.finditer(attr_list.group(1)):
            name = attr.group(1).lower()
            if name.startswith(("#", ".")):
                continue
            _check_attribute("", name, _unquote(attr.group(2)), attr_list.start(1) + attr.start(), report)

    refs = {m.group(1).strip().lower(): (m.group(2), m.start(2)) for m in _REF_DEF.finditer(masked)}
    for link in _INLINE_LINK.finditer(masked):
        _check_markdown_url(link.group(2), link.start(2), bool(link.group(1)), report)
    for url, offset in refs.values():
        _check_markdown_url(url, offset, False, report)
    for image in _REF_IMAGE.finditer(masked):
        ref = refs.get(image.group(1).strip().lower())
        if ref and _is_remote(ref[0]):
            report(image.start(), "remote-image",
                   f"image from another origin ({ref[0]}): pages load nothing from other sites. "
                   f"Save the image under docs/ (with its licence) and link it by a relative path")
    for autolink in _AUTOLINK.finditer(masked):
        report(autolink.start(1), "unsafe-url", _script_url_message(autolink.group(1)))
    return sorted(found)


def _check_attribute(element: str, name: str, value: str | None, offset: int, report) -> None:
    if name.startswith("on") and len(name) > 2:
        report(offset, "unsafe-attribute",
               f"event-handler attribute {name}= is not allowed: it runs script (and the "
               f"Content-Security-Policy blocks it). Remove it")
        return
    if value is None:
        return
    plain = _plain_url(value)
    if name in _URL_ATTRS and any(_SCRIPT_SCHEME.match(part) for part in _srcset_urls(plain, name)):
        report(offset, "unsafe-url", _script_url_message(plain))
        return
    if (element, name) in _IMAGE_ATTRS and any(_is_remote(url) for url in _srcset_urls(plain, name)):
        report(offset, "remote-image",
               f"<{element} {name}> loads an image from another origin ({plain[:80]}): pages load "
               f"nothing from other sites. Save the image under docs/ and use a relative path")
        return
    if name == "style":
        for url in _CSS_URL.findall(plain):
            if _is_remote(url):
                report(offset, "remote-image",
                       f"style loads {url[:80]} from another origin: pages load nothing from other sites")
            elif _SCRIPT_SCHEME.match(url):
                report(offset, "unsafe-url", _script_url_message(url))


def _check_markdown_url(url: str, offset: int, image: bool, report) -> None:
    plain = _plain_url(url)
    if _SCRIPT_SCHEME.match(plain):
        report(offset, "unsafe-url", _script_url_message(plain))
    elif image and _is_remote(plain):
        report(offset, "remote-image",
               f"image from another origin ({plain[:80]}): pages load nothing from other sites. "
               f"Save the image under docs/ (with its licence) and link it by a relative path")


def _script_url_message(url: str) -> str:
    scheme = url.split(":", 1)[0].lower()
    return (f"{scheme}: URL ({url[:60]}) is not allowed: a link must lead somewhere, not run script. "
            f"Link to a page or a source instead")


def _unquote(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _plain_url(value: str) -> str:
    """The URL as a browser reads it: entities decoded, and the tabs, newlines and control characters
    that browsers strip removed (so that `java&#x09;script:` is seen for what it is)."""
    decoded = html.unescape(value)
    squeezed = re.sub(r"[\x00-\x20]", "", decoded)
    return squeezed if _SCRIPT_SCHEME.match(squeezed) else decoded.strip()


def _srcset_urls(value: str, name: str) -> list[str]:
    if name != "srcset":
        return [value]
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def _is_remote(url: str) -> bool:
    """True for an absolute URL with a host (http:, https:, protocol-relative //), false for relative
    paths, fragments and data: URLs."""
    return bool(_REMOTE.match(url.strip()))

