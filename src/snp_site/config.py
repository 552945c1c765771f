"""The plugin's options in mkdocs.yml: the toolkit, the citation rule, the contact route, and what
`snp toolkit` and `snp controleer --publiceren` fill in.

Which folder of content/ holds which kind of page is not an option: content/kinds.py is the one
source of truth for the layout.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from snp_site.content.citation_rule import DEFAULT_PAGES


class ToolkitConfig(base.Config):
    """The PDF toolkit: its file under site/, its title, and an optional version for the cover."""

    file = c.Type(str, default="downloads/toolkit.pdf")
    title = c.Optional(c.Type(str))
    """Defaults to 'Toolkit <site_name>'."""
    version = c.Optional(c.Type(str))


class CitationsConfig(base.Config):
    """The citation rule (docs/onderbouwing.md), checked in strict builds once `enforce` is on: off by
    default, so an initiative without sources of its own is not forced to cite."""

    enforce = c.Type(bool, default=False)
    pages = c.ListOfItems(c.Type(str), default=list(DEFAULT_PAGES))
    """Patterns of the pages the rule covers, relative to content/ (methodiek/*)."""


class ContactConfig(base.Config):
    """The contact route the [[contact]] code shows (snp_site.contact); empty until the editors fill it in."""

    organisation = c.Optional(c.Type(str))
    email = c.Optional(c.Type(str))
    form = c.Optional(c.Type(str))


class SnpConfig(base.Config):
    toolkit = c.SubConfig(ToolkitConfig)
    citations = c.SubConfig(CitationsConfig)
    contact = c.SubConfig(ContactConfig)
    gemeente = c.Optional(c.Type(str))
    """A municipality filled in to the toolkit and the documents (`snp toolkit --gemeente` sets it)."""
    inwoners = c.Optional(c.Type(int))
    """With it the toolkit carries the estimate for that number (`snp toolkit --inwoners` sets it)."""
    publiceren = c.Type(bool, default=False)
    """A publishing build (`snp controleer --publiceren` sets it, or SNP_PUBLICEREN=ja): an empty contact
    route is then an error, and the toolkit is held to the PDF/UA check (build.Build.begin)."""
