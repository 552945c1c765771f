"""Slugs: the one place where a name becomes part of an address (tags, news files)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan'; accents dropped, anything else becomes one dash."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", plain.lower()).strip("-")
