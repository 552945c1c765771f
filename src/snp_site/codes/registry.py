"""The registry of codes: a code's name, its check and its renderer, and the two entry points.

One syntax for everything the build fills in from data, so a figure, a chart or the estimate
table is never typed twice. A new code is one module in this package and one entry in `CODES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from snp_site.codes import bron, cijfer, contact, download, edities, grafiek, schatting
from snp_site.codes.context import Check, CodeContext, Problem, Render
from snp_site.codes.syntax import written
from snp_site.suggest import closest, did_you_mean

if TYPE_CHECKING:
    from snp_site.content.models import Content


@dataclass(frozen=True)
class Code:
    check: Check
    """Run on the loaded content before anything is written; None when the code can be filled in."""
    render: Render
    """Run when MkDocs reads the page; only called for a code whose check passed."""


CODES: dict[str, Code] = {module.NAME: Code(module.check, module.render)
                          for module in (cijfer, grafiek, schatting, download, bron, contact, edities)}


def check_code(name: str, args: list[str], content: Content) -> Problem | None:
    spec = CODES.get(name)
    if spec is None:
        close = closest(name, CODES)
        hint = did_you_mean(f"[[{close} ...]]", quote=False) + " " if close else ""
        return Problem("onbekende-code", f"'[[{name}]]' is geen bekende code.",
                       f"{hint}Bekende codes: {', '.join(f'[[{n} ...]]' for n in sorted(CODES))}. Wilt u echt "
                       "dubbele rechte haken in de tekst, zet ze dan tussen backticks (`).")
    return spec.check(args, content)


def render_code(name: str, args: list[str], context: CodeContext) -> str:
    """The code filled in; a code that fails its check stays as written (the build fails on it anyway)."""
    spec = CODES.get(name)
    if spec is None or spec.check(args, context.content) is not None:
        return escape(written(name, args))
    return spec.render(args, context)
