"""The [[edities]] code: every edition of the toolkit with what changed, newest first.

The editions come from content/data/edities.yml (read by content/editions.py); each gets a heading
of its own, so it is in the page's table of contents and has an anchor (#editie-2) to link to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from snp_site.codes.context import CodeContext, Problem

if TYPE_CHECKING:
    from snp_site.content.models import Content

NAME = "edities"
FILE = "content/data/edities.yml"


def check(args: list[str], content: Content) -> Problem | None:
    if args:
        return Problem("edities-syntax", f"'[[{NAME} {' '.join(args)}]]' heeft geen woorden na {NAME} nodig.",
                       f"Schrijf [[{NAME}]] op een eigen regel.")
    if content.editions is None:
        return Problem("edities-ontbreken", f"[[{NAME}]] toont de edities van de toolkit, maar het bestand "
                       f"{FILE} bestaat niet.", f"Maak {FILE} (zie docs/toolkit.md) of haal de regel weg.")
    return None


def render(args: list[str], context: CodeContext) -> str:
    blocks = []
    for edition in context.content.editions.editions:
        changes = "\n".join(f"- {change}" for change in edition.changes)
        # The number is data (like a [[cijfer]]), marked so the number checks know where it comes from.
        number = f'<span class="snp-editie-nummer">{edition.number}</span>'
        blocks.append(f"## Editie {number} ({edition.date.dutch()}) {{: #editie-{edition.number} }}"
                      f"\n\n{changes}")
    return "\n\n" + "\n\n".join(blocks) + "\n\n"
