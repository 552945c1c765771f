"""The [[bron KEY "woorden uit de bron"]] code: a citation checked against the source's index.

The work lives with the sources (snp_site.sources.cite): the same check serves figures whose
`bron:` names a source, and the notes of a page are made there too.
"""

from __future__ import annotations

from snp_site.sources.cite import NAME, check, render

__all__ = ["NAME", "check", "render"]
