"""The engine that builds the site: ProperDocs, the MkDocs 1.x line continued by its maintainers.

Why: MkDocs 1.x gets no releases any more and MkDocs 2 drops plugins. ProperDocs reads mkdocs.yml,
loads plugins registered for MkDocs, and answers every `mkdocs.*` import itself
(`properdocs.replacement`), so our code and Material keep importing `mkdocs.*` unchanged. The
`properdocs` command installs that redirect before it loads anything; a process we start ourselves
(`snp`, the tests) gets it here, on the first import of snp_site. Under the old `mkdocs` command the
redirect is left out: that process already holds MkDocs' own modules, and mixing both breaks.
"""

from __future__ import annotations

import logging
import sys

if "mkdocs" not in sys.modules:
    import properdocs.replacement  # noqa: F401  (redirects every later mkdocs.* import)

    # As the properdocs command does: messages of mkdocs.* loggers (Material's, ours) pass the engine's.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")

COMMAND = "properdocs"
"""The command editors and CI run (`properdocs build -f mkdocs.yml`, see the Makefile)."""


def root_logger() -> logging.Logger:
    """The logger that every message of a build passes: 'properdocs' under ProperDocs, else 'mkdocs'."""
    import mkdocs

    return logging.getLogger(mkdocs.__name__)
