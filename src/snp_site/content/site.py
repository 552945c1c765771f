"""The check stage's input and its list of checks: every check is `check(site) -> list[ContentError]`.

A `Site` is what the checks may read: the loaded content (valid pages and the bodies of pages with
front-matter mistakes), every file in content/, and the address MkDocs gives each page. The checks
run before anything is rendered; a new check is one function added to `CHECKS`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from pathlib import Path

from snp_site.content import checks, citation_rule, editions, facts, lint
from snp_site.content.kinds import DATA_DIR
from snp_site.content.loader import Loaded
from snp_site.content.models import Content, Page
from snp_site.errors import ContentError, unless_strict
from snp_site.sources import cite

log = logging.getLogger("mkdocs.plugins.snp.toolkit")


@dataclass(frozen=True)
class Site:
    loaded: Loaded
    files: set[str]
    """Every file below content/, as a src_uri."""
    urls: dict[str, str]
    """The address of every Markdown page of content/, after the news stage moved items to their slug."""
    docs_dir: Path
    prefix: str
    """content/ as the editor sees it, relative to the folder with mkdocs.yml ('content')."""
    options: Any = None
    """The plugin's options from mkdocs.yml (SnpConfig), for checks that can be switched on there."""
    strict: bool = True
    """A strict build; a check may only warn in a preview (the citation rule does)."""

    @property
    def content(self) -> Content:
        return self.loaded.content

    @property
    def pages(self) -> dict[str, Page]:
        """Every page whose body can be checked, valid or not."""
        return self.loaded.bodies()


def _links_and_codes(site: Site) -> list[ContentError]:
    return checks.check_refs(site.content, site.pages, site.files, site.loaded.broken)


def _style(site: Site) -> list[ContentError]:
    return lint.lint(site.pages.values())


def _one_page_per_address(site: Site) -> list[ContentError]:
    return checks.duplicate_urls(site.urls, site.prefix)


def _facts(site: Site) -> list[ContentError]:
    return facts.check_facts(site.pages, site.content.figures, facts.data_files(site.docs_dir, site.prefix, DATA_DIR))


def _figure_sources(site: Site) -> list[ContentError]:
    return cite.figure_source_errors(site.content)


def _toolkit_edition(site: Site) -> list[ContentError]:
    """A chapter changed under an old edition: writing the new edition down is a step before
    publishing, so the preview tells it and goes on showing the pages."""
    return unless_strict(editions.check(site.content), site.strict, log)


Check = Callable[[Site], list[ContentError]]

CHECKS: list[Check] = [_links_and_codes, _style, _one_page_per_address, _facts, _figure_sources,
                      citation_rule.check_site, _toolkit_edition]
"""Run in this order on every build; each returns its errors and changes nothing."""


def run_checks(site: Site) -> list[ContentError]:
    return [error for check in CHECKS for error in check(site)]
