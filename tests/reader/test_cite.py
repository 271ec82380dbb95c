""""Cite this page" on every page: the reference in the page's style with its permalink and last
change, and the same citation as BibTeX, RIS and CSL-JSON downloads; heading permalinks."""

from __future__ import annotations

import json
import re
import base64

from scripts.translation.languages import CHINESE
from tests.conftest import page_url
from tests.reader.helpers import canonical


def test_every_page_can_be_cited_with_its_permalink_and_last_change(content_pages):
    for path, soup in content_pages.items():
        box = soup.select_one("article details.cite-page")
        assert box is not None and box.summary.get_text(strip=True), path
        url = canonical(soup)
        assert box.select_one("a.cite-page__permalink")["href"] == url, path
        updated = soup.select_one(".md-source-file time")["datetime"]
        assert box.select_one(".cite-page__facts time")["datetime"] == updated, path
        text = box.select_one(".cite-page__text").get_text()
        title = soup.select_one("article h1").get_text().rstrip("¶").strip()
        assert title in text and url in text, path
        if path.startswith(CHINESE.url_prefix):  # GB/T 7714-2015 8.8.2: 题名[EB/OL]. (date)[access date]. URL.
            assert re.search(re.escape(title) + r"\[EB/OL\]\. \(" + updated + r"\)\[\d{4}-\d{2}-\d{2}\]\. ", text), text
        else:  # Chicago: “Title.” Site, Month D, YYYY. URL.
            assert f"“{title}.”" in text and "[EB/OL]" not in text, text


MEDIA_TYPES = {"BibTeX": ("application/x-bibtex", ".bib"), "RIS": ("application/x-research-info-systems", ".ris"),
               "CSL-JSON": ("application/vnd.citationstyles.csl+json", ".json")}


def test_citation_downloads_hold_the_same_facts(content_pages):
    for path, soup in content_pages.items():
        links = {a.get_text(strip=True): a for a in soup.select("a.cite-page__download")}
        assert set(links) == set(MEDIA_TYPES), path
        url = canonical(soup)
        updated = soup.select_one(".md-source-file time")["datetime"]
        files = {}
        for label, a in links.items():  # data: links, each saved under the page's citation key
            media_type, suffix = MEDIA_TYPES[label]
            head, _, body = a["href"].partition(",")
            assert head == f"data:{media_type};charset=utf-8;base64", (path, head)
            assert re.fullmatch(r"cyberspace-community-(en|zh)-[a-z0-9-]+" + re.escape(suffix), a["download"])
            files[label] = base64.b64decode(body, validate=True).decode("utf-8")
        bib = files["BibTeX"]
        assert bib.startswith("@online{") and f"url = {{{url}}}" in bib and f"date = {{{updated}}}" in bib
        ris = files["RIS"].split("\r\n")
        assert ris[0] == "TY  - ELEC" and f"UR  - {url}" in ris and ris[-2].startswith("ER  -")
        item = json.loads(files["CSL-JSON"])[0]
        assert item["type"] == "webpage" and item["URL"] == url
        assert item["issued"]["date-parts"][0] == [int(p) for p in updated.split("-")]
        assert item["title"] == soup.select_one("article h1").get_text().rstrip("¶").strip()


def test_every_section_heading_has_a_permalink(content_pages):
    checked = 0
    for path, soup in content_pages.items():
        if page_url(path).rstrip("/").endswith("print"):
            continue  # the print page strips permalinks from the pages it gathers
        for heading in soup.select("article :is(h2, h3, h4, h5, h6)[id]"):
            link = heading.select_one("a.headerlink")
            assert link is not None and link["href"] == "#" + heading["id"], (path, heading["id"])
            checked += 1
    assert checked > 200
