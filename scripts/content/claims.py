"""Claims this site reviews: data/claims/<id>.yml, one claim per file (format: data/schemas/claim.schema.json).

Each claim names who made it and where (a registry source and the excerpt of it that holds the claim),
and carries a verdict from a fixed vocabulary with one sentence of evidence per language. From these
files come the verdict tables of the pages (the marker `<!-- claims: <region> -->`), the "Claims
checked" page (`<!-- claims -->`, with schema.org ClaimReview JSON-LD per claim) and claims.json.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


from scripts.content.data import REGIONS, CitingText, Entry, _label, _load, cited_keys, filter_form
from scripts.findings import Finding, relpath
from scripts.translation.languages import by_locale

SCHEMA = Path("data/schemas/claim.schema.json")
FOLDER = Path("data/claims")
VERDICTS = {  # value -> (English label, Chinese label), in the order the filter lists them
    "confirmed": ("Confirmed", "属实"),
    "corrected": ("Corrected", "需更正"),
    "qualified": ("Qualified", "需加限定"),
    "unsupported": ("Unsupported", "缺乏依据"),
    "contested": ("Contested", "存在争议"),
}
LIST_MARKER = "<!-- claims -->"
TABLE_MARKER = "<!-- claims: "  # followed by a region and " -->", e.g. <!-- claims: africa -->
LABELS = {
    "en": {"claim": "Claim, and who made it", "verdict": "Verdict", "review": "What the sources show",
           "by": "Claimed by", "filter": "Filter the claims", "region": "Region", "all_regions": "All regions",
           "all_verdicts": "All verdicts", "count": "Showing {shown} of {total} claims", "more": "Discussed in"},
    "zh": {"claim": "说法及其出处", "verdict": "结论", "review": "来源显示的情况",
           "by": "提出者", "filter": "筛选核查的说法", "region": "地区", "all_regions": "全部地区",
           "all_verdicts": "全部结论", "count": "显示{total}条中的{shown}条", "more": "详见"},
}


def load_claims(settings) -> tuple[list[Entry], list[Finding]]:
    entries, findings = _load(settings.root / FOLDER, settings.root)
    entries.sort(key=lambda e: (list(REGIONS).index(e.data["region"]) if e.data.get("region") in REGIONS else 99, e.id))
    return entries, findings


@lru_cache(maxsize=4)
def _validator(path: Path):
    import jsonschema   # for `check` only: the build, which does not validate, is spared its import

    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def validate(settings, registry=None) -> list[Finding]:
    """Each file against the schema, then what a schema cannot say: the id is the file name, the
    appearance is a registry source whose recorded excerpts hold the claim word for word, the page
    section exists in docs/en/, and each review cites its evidence."""
    from scripts.citations.registry import load_registry

    entries, findings = load_claims(settings)
    if not entries:  # a project without claims (the tests' small projects)
        return findings
    registry = registry or load_registry(settings.sources_dir, settings.root)
    validator = _validator(settings.root / SCHEMA)
    for entry in entries:
        rel = relpath(entry.path, settings.root)
        for error in sorted(validator.iter_errors(entry.data), key=lambda e: list(e.path)):
            where = ".".join(str(p) for p in error.path)
            findings.append(Finding(rel, entry.line(where) if where else 1, 1, "claim-schema",
                                    f"{where or 'the file'}: {error.message}; see {SCHEMA.as_posix()}"))
        findings += _semantics(entry, rel, registry, settings)
    return findings


def _semantics(entry: Entry, rel: str, registry, settings) -> list[Finding]:
    out = []
    if entry.id and entry.id != entry.path.stem:
        out.append(Finding(rel, entry.line("id"), 1, "id-mismatch", f"id {entry.id!r} does not match the file name"))
    appearance = entry.data.get("appearance") if isinstance(entry.data.get("appearance"), dict) else {}
    key, excerpt = str(appearance.get("source", "")), str(appearance.get("excerpt", ""))
    if key and key not in registry:
        out.append(Finding(rel, entry.line("appearance.source"), 1, "unknown-key",
                           f"appearance.source {key!r} is not in data/sources/; the claim must appear in a "
                           "registry source"))
    elif key and excerpt and not any(e.text.strip() == excerpt.strip() for e in registry[key].excerpts):
        out.append(Finding(rel, entry.line("appearance.excerpt"), 1, "claim-excerpt",
                           f"appearance.excerpt is not one of the recorded excerpts of {key!r}; copy the passage "
                           f"that makes the claim into data/sources/{key}.yml and here, word for word"))
    page = str(entry.data.get("page", ""))
    if page and not (settings.docs_dir / "en" / page.split("#")[0]).exists():
        out.append(Finding(rel, entry.line("page"), 1, "bad-page", f"page {page!r} is not a page in docs/en/"))
    for locale, text in (entry.data.get("review") or {}).items() if isinstance(entry.data.get("review"), dict) else []:
        if not cited_keys(str(text)):
            out.append(Finding(rel, entry.line(f"review.{locale}"), 1, "coverage",
                               f"review.{locale} cites no evidence; end it with [@source-id, locator]"))
    return out


def _appearance_citation(entry: Entry) -> str:
    appearance = entry.data.get("appearance") or {}
    return f"[@{appearance.get('source', '')}, {appearance.get('locator', '')}]"


def citing_texts(settings) -> list[CitingText]:
    """The claim texts (each cited to where it appeared) and the reviews, for the citation checks
    (unknown keys, quotations, the same sources in both languages)."""
    out = []
    for entry in load_claims(settings)[0]:
        rel = relpath(entry.path, settings.root)
        for key, suffix in (("claim", " " + _appearance_citation(entry)), ("review", "")):
            value = entry.data.get(key)
            if isinstance(value, dict):
                out += [CitingText(rel, entry.line(f"{key}.{locale}"), key, locale, str(text) + suffix)
                        for locale, text in value.items()]
    return out


# Rendering ------------------------------------------------------------------------------------------

def _author(entry: Entry, locale: str) -> str:
    return ((entry.data.get("author") or {}).get("name") or {}).get(locale, "")


def _claim_cell(entry: Entry, locale: str) -> str:
    """The claim, who made it, and the note to where it appeared."""
    by = LABELS[locale]["by"]
    credit = f"（{by}：{_author(entry, locale)}）" if locale == "zh" else f" ({by}: {_author(entry, locale)}) "
    return f"{_sentence_body(entry.text('claim', locale))}{credit}{_appearance_citation(entry)}"


def _credit_line(entry: Entry, locale: str) -> str:
    """Who made the claim, and the note to where it appeared (under the claim's heading)."""
    separator, gap = ("：", "") if locale == "zh" else (": ", " ")
    return f"{LABELS[locale]['by']}{separator}{_author(entry, locale)}{gap}{_appearance_citation(entry)}"


def _sentence_body(text: str) -> str:
    """A claim without its final full stop, to be followed by who made it."""
    return text.rstrip().rstrip(".。")


def table_markdown(entries: list[Entry], locale: str) -> str:
    """The verdict table of a page section: claim and who made it, verdict, evidence."""
    labels = LABELS[locale]
    rows = [f"| {labels['claim']} | {labels['verdict']} | {labels['review']} |", "|---|---|---|"]
    for entry in entries:
        rows.append(f"| {_claim_cell(entry, locale)} | **{_label(VERDICTS, str(entry.data.get('verdict')), locale)}** "
                    f"| {entry.text('review', locale)} |")
    return "\n".join(rows)


def claim_review(entry: Entry, source, locale: str, page_url: str, site_name: str, site_url: str) -> dict:
    """schema.org ClaimReview for one claim (https://schema.org/ClaimReview): the claim reviewed,
    who made it and where it appeared, the verdict as a rating, the site as the reviewer."""
    author = entry.data.get("author") or {}
    appearance = {"@type": "CreativeWork", "url": source.url, "headline": source.title}
    if source.issued:
        appearance["datePublished"] = source.issued
    item = {"@type": "Claim", "author": {"@type": author.get("type", "Organization"),
                                         "name": (author.get("name") or {}).get(locale, "")},
            "appearance": appearance}
    if source.issued:
        item["datePublished"] = source.issued
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#{entry.id}",
        "claimReviewed": _plain(entry.text("claim", locale)),
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "alternateName": _label(VERDICTS, str(entry.data.get("verdict")), locale)},
        "author": {"@type": "Organization", "name": site_name, "url": site_url},
        "datePublished": str(entry.data.get("reviewed", "")),
        "inLanguage": by_locale(locale).tag,
    }


def _plain(markdown: str) -> str:
    return markdown.replace("*", "")


def json_ld_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'


def list_markdown(entries: list[Entry], locale: str, registry, page_url: str, site_name: str, site_url: str,
                  titles: dict[str, str]) -> str:
    """The Claims checked page: a filter (shown by the reader script), then a section per region with
    one article per claim and its JSON-LD. Without JavaScript every claim is listed."""
    labels = LABELS[locale]
    used = {key: {str(e.data.get(key)) for e in entries} for key in ("verdict", "region")}
    fields = [("verdict", labels["verdict"], labels["all_verdicts"],
               [(v, _label(VERDICTS, v, locale)) for v in VERDICTS if v in used["verdict"]]),
              ("region", labels["region"], labels["all_regions"],
               [(r, _label(REGIONS, r, locale)) for r in REGIONS if r in used["region"]])]
    blocks = ['<div class="filtered-list claims" markdown>', "",
              filter_form("claims", fields, labels["filter"], labels["count"]), ""]
    group = None
    for entry in entries:  # sorted by region: one section per region
        verdict, region = str(entry.data.get("verdict")), str(entry.data.get("region"))
        if region != group:
            if group is not None:
                blocks += ["</section>", ""]
            group = region
            heading = f"## {_label(REGIONS, region, locale)} {{#{region}}}"
            blocks += ['<section class="filtered-group" markdown>', "", heading, ""]
        page = str(entry.data.get("page", ""))
        meta = " · ".join((
            f'<span class="timeline-tag" data-verdict="{verdict}">{_label(VERDICTS, verdict, locale)}</span>',
            f'<span class="timeline-tag" data-region="{region}">{_label(REGIONS, region, locale)}</span>'))
        source = registry[entry.data["appearance"]["source"]]
        blocks += [f'<article class="filtered-item claim-review" data-verdict="{verdict}" data-region="{region}" markdown>',
                   "", f"### {_plain(_sentence_body(entry.text('claim', locale)))} {{#{entry.id}}}", "",
                   meta, "{: .timeline-meta }", "",
                   _credit_line(entry, locale), "",
                   f"**{_label(VERDICTS, verdict, locale)}.** {entry.text('review', locale)}", "",
                   f"{labels['more']}: [{titles.get(page.split('#')[0], page)}]({page})", "",
                   json_ld_script(claim_review(entry, source, locale, page_url, site_name, site_url)), "",
                   "</article>", ""]
    if group is not None:
        blocks += ["</section>", ""]
    blocks += ["</div>", ""]
    return "\n".join(blocks)


def expand(markdown: str, settings, locale: str, page_url: str = "", site_name: str = "", site_url: str = "") -> str:
    """Fill the claims markers of a page: each `<!-- claims: <region> -->` with that region's
    verdict table, `<!-- claims -->` with the whole list."""
    if TABLE_MARKER not in markdown and LIST_MARKER not in markdown:
        return markdown
    entries = load_claims(settings)[0]
    lines = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith(TABLE_MARKER) and stripped.endswith("-->"):
            region = stripped[len(TABLE_MARKER):-3].strip()
            lines.append(table_markdown([e for e in entries if e.data.get("region") == region], locale))
        else:
            lines.append(line)
    markdown = "\n".join(lines)
    if LIST_MARKER in markdown:
        from scripts.citations.registry import load_registry
        from scripts.content.data import page_titles

        registry = load_registry(settings.sources_dir, settings.root)
        markdown = markdown.replace(LIST_MARKER, list_markdown(entries, locale, registry, page_url, site_name,
                                                               site_url, page_titles(settings, locale)))
    return markdown


def claims_json(entries: list[Entry], registry, urls) -> dict:
    """The claims as data (claims.json); `urls(page)` gives a page section's URL per language."""
    out = []
    for entry in entries:
        appearance = dict(entry.data.get("appearance") or {})
        source = registry[appearance["source"]] if appearance.get("source") in registry else None
        out.append({
            "id": entry.id, "region": entry.data.get("region"), "verdict": entry.data.get("verdict"),
            "claim": dict(entry.data.get("claim") or {}), "author": dict(entry.data.get("author") or {}),
            "appearance": {**appearance, "url": source.url if source else ""},
            "review": dict(entry.data.get("review") or {}),
            "sources": sorted({k for t in (entry.data.get("review") or {}).values() for k in cited_keys(str(t))}
                              | {appearance.get("source", "")}),
            "reviewed": str(entry.data.get("reviewed", "")),
            "url": urls(f"claims.md#{entry.id}"), "page": urls(str(entry.data.get("page", ""))),
        })
    return {"claims": out}
