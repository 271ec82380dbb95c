"""Claims checked: every claim in data/claims/ is on the Claims page of each language with valid
schema.org ClaimReview JSON-LD, and the verdict tables of the pages are rendered from the same files."""

from __future__ import annotations

import json

import yaml

from scripts.content.claims import VERDICTS
from scripts.content.data import REGIONS
from scripts.citations.registry import load_registry
from tests.reader.helpers import PREFIXES, resolve
from tests.sitebuild import ROOT


def claims() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data" / "claims").glob("*.yml")}


def test_every_claim_has_a_claim_review_with_every_required_property(pages, built_site):
    data, registry = claims(), load_registry(ROOT / "data" / "sources", ROOT)
    for prefix in PREFIXES:
        locale = "zh" if prefix else "en"
        path = f"{prefix}claims/index.html"
        articles = pages[path].select("article.claim-review")
        assert sorted(a.h3["id"] for a in articles) == sorted(data)
        for article in articles:
            claim = data[article.h3["id"]]
            scripts = article.select('script[type="application/ld+json"]')
            assert len(scripts) == 1
            review = json.loads(scripts[0].string)
            assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
            assert review["claimReviewed"] == claim["claim"][locale].replace("*", "")
            assert review["datePublished"] == claim["reviewed"]
            file, fragment = resolve("", review["url"], built_site.base_url)
            assert file == path and fragment == article.h3["id"]
            item = review["itemReviewed"]
            assert item["@type"] == "Claim"
            assert item["author"] == {"@type": claim["author"]["type"], "name": claim["author"]["name"][locale]}
            source = registry[claim["appearance"]["source"]]
            assert item["appearance"]["@type"] == "CreativeWork" and item["appearance"]["url"] == source.url
            rating = review["reviewRating"]
            assert rating["@type"] == "Rating"
            assert rating["alternateName"] == VERDICTS[claim["verdict"]][bool(prefix)]
            assert review["author"]["@type"] == "Organization" and review["author"]["name"]
            assert review["author"]["url"] == built_site.base_url
            # the page shows the same: verdict, region, who made the claim, notes to the evidence
            assert article["data-verdict"] == claim["verdict"] and article["data-region"] == claim["region"]
            assert claim["author"]["name"][locale] in article.get_text()
            assert len(article.select("a.footnote-ref")) >= 2


def test_filter_offers_the_verdicts_and_regions_that_occur_and_starts_hidden(pages):
    data = claims()
    for prefix in PREFIXES:
        form = pages[f"{prefix}claims/index.html"].select_one("form.timeline-filter")
        assert form.has_attr("hidden")  # shown by the reader script only
        verdicts = [o["value"] for o in form.select("select[name=verdict] option") if o["value"]]
        regions = [o["value"] for o in form.select("select[name=region] option") if o["value"]]
        assert verdicts == [v for v in VERDICTS if any(c["verdict"] == v for c in data.values())]
        assert regions == [r for r in REGIONS if any(c["region"] == r for c in data.values())]


def test_verdict_tables_are_rendered_from_the_claims(pages):
    data = claims()
    sections = {c["page"] for c in data.values()}
    for prefix in PREFIXES:
        locale = "zh" if prefix else "en"
        for section in sections:
            rel, _, anchor = section.partition("#")
            page = pages[f"{prefix}{rel.removesuffix('.md')}/index.html"]
            table = page.find(id=anchor).find_next("table")
            rows = table.select("tbody tr")
            expected = [c for c in data.values() if c["page"] == section]
            assert len(rows) == len(expected), section
            for claim in expected:
                row = next(r for r in rows if claim["author"]["name"][locale] in r.get_text()
                           and claim["claim"][locale].replace("*", "").rstrip(".。")[:20] in r.get_text())
                assert VERDICTS[claim["verdict"]][bool(prefix)] == row.select("td")[1].get_text(strip=True)
                assert row.select("td")[0].select("a.footnote-ref") and row.select("td")[2].select("a.footnote-ref")
