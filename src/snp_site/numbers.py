"""Numbers in Dutch notation (124.904 and 1,5), for pages, charts, the toolkit and the CLI alike."""

from __future__ import annotations


def dutch_number(value: int | float) -> str:
    """124.904 and 1,5: the one place where numbers get Dutch separators."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
