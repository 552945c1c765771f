# Two commands for a fresh machine: `make site` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The engine is ProperDocs, the MkDocs 1.x line (docs/architectuur.md). `-f mkdocs.yml`: the settings
# file keeps its name, and ProperDocs then asks no one to rename it.
ENGINE := $(BIN)/properdocs
CONFIG := -f mkdocs.yml
# MkDocs 1.6.1 prints a notice about MkDocs 2 when its own command runs; editors need not see it.
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the time of the last commit stands for "now" when git knows it.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

.PHONY: site test serve check publish-check dist clean

# Our package as bytecode, as pip leaves every other installed package: an editable install leaves it to
# the first import, and where PYTHONDONTWRITEBYTECODE is set (CI's containers) every build process and
# the worker beside it compiled src/ again (about a tenth of a second each). Only changed files are
# compiled again; Python checks each file's time stamp, so a stale file is never used.
BYTECODE := $(BIN)/python -m compileall -q src

$(BIN)/.site-installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(BIN)/.test-installed: $(BIN)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

# The browser suite's tools from npm (axe-core, vnu-jar), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## site: install what is needed and build the site and the toolkit into site/
site: $(BIN)/.site-installed
	scripts/install-system-deps
	$(BYTECODE)
	$(ENGINE) build --strict $(CONFIG)

## test: the whole test suite (installs the Debian packages it needs when run as root)
test: $(BIN)/.test-installed node_modules/.installed
	scripts/install-system-deps
	$(BYTECODE)
	$(BIN)/python -m pytest --basetemp=.pytest-tmp

## serve: live preview for editors on http://127.0.0.1:8000/overdracht/
serve: $(BIN)/.site-installed
	$(ENGINE) serve $(CONFIG)

## check: check all content without building the site
check: $(BIN)/.site-installed
	$(BIN)/snp controleer

## publish-check: every check of the build, and what publishing needs (a contact route); CI runs it first
publish-check: $(BIN)/.site-installed
	scripts/install-system-deps
	$(BIN)/snp controleer --publiceren

## dist: pack site/, its .gz files and the nginx include into dist/overdracht-site-<version>.tar.gz with SHA256SUMS
# A publishing build: the contact route is required and the toolkit passes the PDF/UA check (docs/toolkit.md).
dist: export SNP_PUBLICEREN := ja
dist: site
	$(BIN)/python scripts/dist
	cd dist && sha256sum -c SHA256SUMS

clean:
	rm -rf site .site.bouw-* .pytest-tmp dist .cache
