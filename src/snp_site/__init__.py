"""Generator of the Steun na Partnerverlies overdracht site: an MkDocs plugin and the `snp` CLI."""

__version__ = "0.1.0"
