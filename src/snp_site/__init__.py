"""Generator of an initiative's overdracht site and toolkit (names live in mkdocs.yml and content/): an MkDocs plugin and the `snp` CLI."""

__version__ = "0.1.0"

# First, before any mkdocs.* import: the site is built with ProperDocs (see engine.py).
from snp_site import engine as _engine  # noqa: E402,F401
