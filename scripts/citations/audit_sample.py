"""Draw a random sample of citations for the published audit (docs/en/about.md, "Audit").

Every cited source in every sentence of the pages, in both languages, is one citation; the sample is
drawn with a seeded generator so that anyone can draw the same one again:

    python -m scripts.citations.audit_sample --seed 20261206 --count 40

Each line gives the page and line, the source and locator, and the sentence, for a person to read
against the source itself. The verdicts are a person's work and go in the audit table by hand.
"""

from __future__ import annotations

import argparse
import random

from scripts.citations.markdown import LineIndex
from scripts.citations.pages import load_pages
from scripts.findings import relpath
from scripts.translation.languages import LANGUAGES
from scripts.project import settings as project_settings
from scripts.checks.unnamed_sources import sentences


def population(settings) -> list[tuple[str, int, str, str, str]]:
    """(page, line, source id, locator, sentence) for every cited source in every sentence."""
    out = []
    pages = load_pages(settings.docs_dir, [lang.locale for lang in LANGUAGES])
    for locale in sorted(pages):
        for rel in sorted(pages[locale]):
            page = pages[locale][rel]
            index = LineIndex(page.text)
            spans = sentences(page.masked, page.citations)
            for citation in page.citations:
                line = index.position(citation.start)[0]
                row = page.text.split("\n")[line - 1]
                if row.lstrip().startswith("|"):  # in a table the row is the statement
                    text = " ".join(row.split())
                else:
                    start, end = next(((s, e) for s, e in spans if s <= citation.start < e),
                                      (citation.start, citation.end))
                    text = " ".join(page.text[start:end].split())
                for item in citation.items:
                    out.append((relpath(page.path, settings.root), line, item.key, item.locator, text))
    return out


def draw(settings, seed: int, count: int) -> list[tuple[str, int, str, str, str]]:
    return random.Random(seed).sample(population(settings), count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args(argv)
    settings = project_settings()
    sample = draw(settings, args.seed, args.count)
    print(f"seed {args.seed}: {len(sample)} of {len(population(settings))} citations")
    for number, (path, line, key, locator, text) in enumerate(sample, 1):
        print(f"{number}. {path}:{line} [@{key}{', ' + locator if locator else ''}]\n   {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
