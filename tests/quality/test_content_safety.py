"""Content safety (scripts/checks/content_safety.py): raw HTML in pages may not run script, embed other sites
or load images from them; the contributor is told the file, line and column and what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scripts.checks.content_safety import check, check_text
from tests.citations.project import make_project
from tests.sitebuild import ROOT


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.code) for f in check_text(text, "docs/en/x.md")]


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Intro.\n\n<script>alert(1)</script>\n", [(3, 1, "unsafe-element")]),
    ("Intro.\n\n<SCRIPT src=\"/x.js\"></SCRIPT>\n", [(3, 1, "unsafe-element")]),
    ("Text <iframe src=\"https://example.org/\"></iframe> more.\n", [(1, 6, "unsafe-element")]),
    ("<object data=\"x.swf\"></object>\n<embed src=\"x.swf\">\n", [(1, 1, "unsafe-element"), (2, 1, "unsafe-element")]),
    ("A tag left open: <script src=x.js\n", [(1, 18, "unsafe-element")]),
    ('<p onclick="steal()">Hi</p>\n', [(1, 4, "unsafe-attribute")]),
    ('<div>\n  <img src="a.png" alt="" ONERROR=x>\n</div>\n', [(2, 27, "unsafe-attribute")]),
    ("A paragraph.\n{: onmouseover=\"x()\" }\n", [(2, 4, "unsafe-attribute")]),
    ('<a href="javascript:alert(1)">x</a>\n', [(1, 4, "unsafe-url")]),
    ('<a href=" java&#x09;script:alert(1)">x</a>\n', [(1, 4, "unsafe-url")]),
    ("[click](javascript:alert(1)) here.\n", [(1, 9, "unsafe-url")]),
    ("[click][x]\n\n[x]: JavaScript:alert(1)\n", [(3, 6, "unsafe-url")]),
    ("<javascript:alert(1)>\n", [(1, 2, "unsafe-url")]),
    ('<img src="https://tracker.example/p.gif" alt="">\n', [(1, 6, "remote-image")]),
    ('<img src="//cdn.example/p.png" alt="">\n', [(1, 6, "remote-image")]),
    ('<picture><source srcset="a.png 1x, https://cdn.example/b.png 2x"><img src="a.png" alt=""></picture>\n',
     [(1, 18, "remote-image")]),
    ('<video poster="http://x.example/p.jpg"></video>\n', [(1, 8, "remote-image")]),
    ('<div style="background: url(\'https://x.example/bg.png\')">x</div>\n', [(1, 6, "remote-image")]),
    ("Intro.\n\n![map](https://tiles.example/map.png)\n", [(3, 8, "remote-image")]),
    ("![map][m]\n\n[m]: https://tiles.example/map.png\n", [(1, 1, "remote-image")]),
])
def test_unsafe_html_is_reported_at_its_line_and_column(markdown, expected):
    assert codes(markdown) == expected


@pytest.mark.parametrize("markdown", [
    "Plain prose with a [link](https://example.org/) and ![a local image](../img/map.png).\n",
    '<figure markdown><img src="../assets/map.svg" alt="Map"><figcaption>Map</figcaption></figure>\n',
    '<a href="https://example.org/" title="on the web">x</a> and <abbr title="x">WIC</abbr>\n',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">\n',
    "[@key] citations, e-mail <someone@example.org>, and a < b > c comparisons.\n",
    "```html\n<script>alert(1)</script>\n<iframe src=\"https://x\"></iframe>\n```\n",
    "Inline code `<img src=\"https://x.example/a.png\" onclick=\"x\">` is an example.\n",
    "<!-- <script>commented out</script> -->\n",
    "---\ndescription: <script> in front matter is not HTML\n---\n\n# Title\n",
    "A paragraph.\n{: #id .class data-online=\"yes\" }\n",
    "An [online](https://example.org/onload) link and the word onclick in text.\n",
])
def test_safe_content_and_code_examples_pass(markdown):
    assert codes(markdown) == []


def test_messages_say_what_to_do():
    [finding] = check_text("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n", "docs/zh/x.md")
    assert finding.text().startswith("docs/zh/x.md:1:1: error: <iframe> is not allowed in pages")
    assert "code block" in finding.message
    [finding] = check_text("![x](https://example.org/x.png)\n", "docs/en/x.md")
    assert "Save the image under docs/" in finding.message


def test_check_reports_every_page_of_both_languages(tmp_path):
    settings = make_project(tmp_path, pages={
        "en/a.md": "# A\n\nSafe.\n",
        "zh/a.md": "# A\n\n<p onclick=\"x()\">不安全</p>\n",
        "en/sub/b.md": "# B\n\n<script>x()</script>\n",
    })
    assert [(f.path, f.line, f.col, f.code) for f in check(settings)] == [
        ("docs/en/sub/b.md", 3, 1, "unsafe-element"),
        ("docs/zh/a.md", 3, 4, "unsafe-attribute"),
    ]


def test_python_m_scripts_check_fails_with_file_and_line(tmp_path):
    make_project(tmp_path, pages={"en/a.md": "# A\n\nText.\n\n<script>alert(1)</script>\n"})
    result = subprocess.run([sys.executable, "-m", "scripts", "--root", str(tmp_path), "check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/en/a.md:5:1: error: <script> is not allowed in pages" in result.stdout
    assert "[unsafe-element]" in result.stdout


def test_timeline_and_glossary_texts_are_checked_at_their_line(tmp_path):
    settings = make_project(tmp_path)
    timeline, glossary = tmp_path / "data" / "timeline", tmp_path / "data" / "glossary"
    timeline.mkdir()
    glossary.mkdir()
    (timeline / "2015-keynote.yml").write_text(
        'id: keynote\ndate: "2015-12-16"\ntitle:\n  en: Keynote\n  zh: 主旨演讲\n'
        'summary:\n  en: Safe text.\n  zh: |\n    第一行。\n    <img src="https://x.example/p.png" alt="">\n',
        encoding="utf-8")
    (glossary / "sovereignty.yml").write_text(
        'id: sovereignty\nhanzi: 网络主权\ndefinition:\n  en: <a href="javascript:x()">Right</a> to choose.\n',
        encoding="utf-8")
    found = [(f.path, f.line, f.col, f.code, f.message.split(":")[0]) for f in check(settings)]
    assert found == [
        ("data/glossary/sovereignty.yml", 4, 4, "unsafe-url", "definition.en"),
        ("data/timeline/2015-keynote.yml", 9, 6, "remote-image", "summary.zh"),
    ]
