"""Suggestions for a name an editor mistyped: one way to find the closest, one way to say it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like `word`, if one is close enough to be what the editor meant."""
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(name: str, quote: bool = True) -> str:
    """"Bedoelde u 'pilot.brieven'?"; without `quote` the name is shown as given ([[cijfer ...]])."""
    return f"Bedoelde u '{name}'?" if quote else f"Bedoelde u {name}?"
