"""File sizes in link texts, written one way for every download (PDF, DOCX, ODT)."""

from __future__ import annotations

from snp_site.numbers import dutch_number


def size_text(size: int) -> str:
    """Kilobytes as a Dutch reader expects them: '412 KB' (never 0 KB), with a thousands dot."""
    return f"{dutch_number(max(1, round(size / 1024)))} KB"
