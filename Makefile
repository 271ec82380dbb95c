# One entry point for people and CI. `make serve` and `make test` work on a fresh machine with
# Python 3.11+: they create .venv and install the locked dependencies (hash-checked) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test browser fonts lock clean bench-links

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

## serve: install, then serve the site with live reload at http://127.0.0.1:8000/explainer/
serve: $(STAMP) fonts
	$(BIN)/mkdocs serve

## build: install, then build the site into site/ (strict: any warning fails)
build: $(STAMP) fonts
	$(BIN)/mkdocs build --strict

## test: install everything (Debian's chromium too, if missing), then run every check and test
test: $(STAMP) browser fonts
	$(BIN)/python -m scripts check
	$(BIN)/python -m pytest

## bench-links: benchmark the online source checker against lychee and LinkChecker on loopback
## (installs both into .cache/bench-venv on first use; prints the figures)
bench-links: $(STAMP)
	$(BIN)/python -m scripts bench links

## browser: make sure Debian's chromium is present for the browser tests
browser:
	@sh .ci/ensure-chromium

## fonts: make sure a CJK font is present for the share cards (Debian's fonts-noto-cjk)
fonts:
	@sh .ci/ensure-fonts

## lock: regenerate requirements.lock from requirements.in (needs the package index)
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site build .pytest_cache
