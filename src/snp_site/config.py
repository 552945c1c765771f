"""The plugin's options in mkdocs.yml: which folder of content/ holds which kind of page."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from snp_site.content.loader import Layout


class SnpConfig(base.Config):
    news_dir = c.Type(str, default=Layout.news_dir)
    partners_dir = c.Type(str, default=Layout.partners_dir)
    chapter_dirs = c.ListOfItems(c.Type(str), default=list(Layout.chapter_dirs))
    data_dir = c.Type(str, default=Layout.data_dir)
    gemeente = c.Optional(c.Type(str))
    """Set by `snp toolkit --gemeente`: fill in [naam gemeente] in the personal copies."""
    adoption_file = c.Type(str, default=Layout.adoption_file)
    adoption_page = c.Type(str, default="gemeenten.md")
    """The page that gets the overview of gemeenten from the adoption file."""

    def layout(self) -> Layout:
        return Layout(self.news_dir, self.partners_dir, tuple(self.chapter_dirs), self.data_dir,
                      self.adoption_file)
