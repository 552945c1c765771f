"""The plugin's options in mkdocs.yml: the toolkit, and what `snp toolkit` fills in.

Which folder of content/ holds which kind of page is not an option: content/kinds.py is the one
source of truth for the layout.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ToolkitConfig(base.Config):
    """The PDF toolkit: its file under site/, its title, and an optional version for the cover."""

    file = c.Type(str, default="downloads/toolkit.pdf")
    title = c.Optional(c.Type(str))
    """Defaults to 'Toolkit <site_name>'."""
    version = c.Optional(c.Type(str))


class SnpConfig(base.Config):
    toolkit = c.SubConfig(ToolkitConfig)
    gemeente = c.Optional(c.Type(str))
    """A municipality filled in to the toolkit and the documents (`snp toolkit --gemeente` sets it)."""
    inwoners = c.Optional(c.Type(int))
    """With it the toolkit carries the estimate for that number (`snp toolkit --inwoners` sets it)."""
