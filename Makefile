# One entry point for people and CI. `make serve` and `make test` work on a fresh machine with
# Python 3.11+: they create .venv and install the locked dependencies (hash-checked) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
# Node tools of the quality gates (vnu-jar, lighthouse), installed from tools/package-lock.json
TOOLS  := tools/node_modules/.installed-$(shell cksum < tools/package-lock.json | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test browser fonts tools lock clean bench-links bench-build bench-lighthouse bench-weight bench-search

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

## serve: install, then serve the site with live reload at http://127.0.0.1:8000/explainer/
## (no CJK font needed: the share cards come from data/share-cards/ when none is installed)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## build: install, then build the site into site/ (strict: any warning fails)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## test: install everything (Debian's chromium too, if missing), then run every check and test
test: $(STAMP) browser fonts tools
	$(BIN)/python -m scripts check
	$(BIN)/python -m pytest

## bench-links: benchmark the online source checker against lychee and LinkChecker on loopback
## (installs both into .cache/bench-venv on first use; prints the figures)
bench-links: $(STAMP)
	$(BIN)/python -m scripts bench links

## bench-build: build scaling (100, 300 and 1,000 generated pages per language): build and
## `mkdocs serve` rebuild times, peak memory, overhead of our hooks (takes 10-20 minutes)
bench-build: $(STAMP) fonts
	$(BIN)/python -m scripts bench build

## bench-lighthouse: Lighthouse (mobile) on the home, longest and Sources pages of both languages
bench-lighthouse: $(STAMP) browser fonts tools
	$(BIN)/python -m scripts bench lighthouse

## bench-weight: the first-load weight of the heaviest pages, resource by resource
bench-weight: $(STAMP) browser fonts
	$(BIN)/python -m scripts bench weight

## bench-search: the site search on the query set of data/search-queries.yml, in a real browser:
## MRR, top-3 hit rate and bytes for one query, for Pagefind and Material's search (about 4 minutes)
bench-search: $(STAMP) browser
	$(BIN)/python -m scripts bench search

## tools: Java and Node (Debian's, if missing), then the locked npm tools: the Nu HTML Checker
## (vnu-jar) and Lighthouse. No install script runs and no browser is downloaded (tools/.npmrc).
tools: $(TOOLS)
$(TOOLS): tools/package-lock.json
	@sh .ci/ensure-tools
	cd tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -f tools/node_modules/.installed-*
	touch $@

## browser: make sure Debian's chromium is present for the browser tests
browser:
	@sh .ci/ensure-chromium

## fonts: make sure a CJK font is present to draw share cards (Debian's fonts-noto-cjk); the tests
## draw them, `make serve` and `make build` fall back to the committed ones in data/share-cards/
fonts:
	@sh .ci/ensure-fonts

## lock: regenerate requirements.lock from requirements.in (needs the package index)
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site build .pytest_cache tools/node_modules
