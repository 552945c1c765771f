"""The [[schatting ...]] code: what the pilot's rate means for a town of N inhabitants.

[[schatting basis.inwoners basis.maanden stap1 stap2 ...]] takes the number of inhabitants and
the months the figures cover, then each step of the funnel. The rate is the pilot's own: a step's
count divided by the inhabitants, per year. The table for fixed sizes is computed here at build;
the form (assets/javascripts/schatting.js) reads the same constants from the page and rounds the
same way, so the two cannot disagree. `snp toolkit --inwoners` checks its number as the form does
(`parse_inhabitants`) and puts `print_table` for that number into the personal PDF.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from snp_site.codes.cijfer import check_figures
from snp_site.codes.context import CodeContext, Problem
from snp_site.numbers import dutch_number

if TYPE_CHECKING:
    from snp_site.content.models import Content, Figure

NAME = "schatting"
TABLE_SIZES = (25_000, 50_000, 100_000, 200_000, 500_000)
MAX_INHABITANTS = 1_000_000
_USAGE = ("Schrijf [[schatting pilot.inwoners pilot.maanden pilot.brieven pilot.gekoppeld]]: eerst "
          "het aantal inwoners en het aantal maanden waar de cijfers over gaan, dan de stappen.")


@dataclass(frozen=True)
class Basis:
    inhabitants: Figure
    months: Figure
    steps: tuple[Figure, ...]

    def per_year(self, step: Figure, inhabitants: int) -> float:
        return float(step.value) / float(self.inhabitants.value) * inhabitants * 12 / float(self.months.value)


def rounded(value: float) -> str:
    """An honest whole number: below 1 'minder dan 1', below 10 whole, else two significant digits."""
    if value < 1:
        return "minder dan 1"
    if value < 10:
        return dutch_number(int(math.floor(value + 0.5)))
    digits = int(math.floor(math.log10(value))) - 1
    return dutch_number(int(math.floor(value / 10 ** digits + 0.5) * 10 ** digits))


def check(args: list[str], content: Content) -> Problem | None:
    if len(args) < 3:
        return Problem("schatting-syntax", f"'[[schatting {' '.join(args)}]]' noemt te weinig cijfers.", _USAGE)
    return check_figures(args, content, lambda key, figure: None if figure.is_number and figure.value > 0 else
                         Problem("schatting-geen-getal", f"het cijfer '{key}' is geen getal groter dan 0.", _USAGE))


def basis_of(args: list[str], content: Content) -> Basis:
    return Basis(content.figures[args[0]], content.figures[args[1]], tuple(content.figures[k] for k in args[2:]))


def render(args: list[str], context: CodeContext) -> str:
    basis = basis_of(args, context.content)
    constants = {
        "inwoners": basis.inhabitants.value, "maanden": basis.months.value,
        "stappen": [{"cijfer": s.key, "waarde": s.value, "label": s.label} for s in basis.steps],
        "max": MAX_INHABITANTS,
    }
    head = "".join(f'<th scope="col">{escape(s.label)}</th>' for s in basis.steps)
    body = "".join(
        f'<tr><th scope="row">{dutch_number(size)}</th>'
        + "".join(f"<td>{rounded(basis.per_year(s, size))}</td>" for s in basis.steps) + "</tr>"
        for size in TABLE_SIZES)
    # A focusable region, so a keyboard user can scroll the wide table on a phone too.
    table = (f'<div class="snp-tabel-scroll" tabindex="0" role="region" aria-label="Tabel: indicatie per jaar">'
             f'<table class="snp-schatting-tabel"><caption>Indicatie per jaar, naar aantal inwoners</caption>'
             f'<thead><tr><th scope="col">Inwoners</th>{head}</tr></thead><tbody>{body}</tbody></table></div>')
    form = ('<form class="snp-schatting-form" hidden novalidate>'
            '<label for="snp-inwoners">Aantal inwoners van uw gemeente</label>'
            '<input id="snp-inwoners" name="inwoners" type="text" inputmode="numeric" autocomplete="off" '
            'aria-describedby="snp-inwoners-uitleg snp-inwoners-fout">'
            f'<p id="snp-inwoners-uitleg">Een heel getal van 1 tot en met {dutch_number(MAX_INHABITANTS)}.</p>'
            # Live too, so a screen reader hears the mistake after pressing the button, not only the result.
            '<p id="snp-inwoners-fout" class="snp-fout" aria-live="polite"></p>'
            '<button type="submit" class="md-button">Bereken</button></form>'
            '<div class="snp-schatting-uitkomst" aria-live="polite"></div>')
    script = escape(context.link("assets/javascripts/schatting.js"))
    # data-basis names the figures, so the PDF toolkit can compute its own table from the same ones.
    return (f'<div class="snp-schatting" data-basis="{escape(" ".join(args))}" '
            f'data-schatting="{escape(json.dumps(constants, sort_keys=True))}">'
            f"{form}{table}</div>\n\n<script src=\"{script}\" defer></script>\n")


def parse_inhabitants(text: str) -> tuple[int | None, str | None]:
    """(number, None) or (None, why not in Dutch): the form's rules, for `snp toolkit --inwoners`.

    As in schatting.js: spaces and thousands dots are allowed (220.000), then a whole number
    from 1 up to MAX_INHABITANTS.
    """
    cleaned = re.sub(r"[\s.]", "", text.strip())
    if not cleaned:
        return None, "het aantal inwoners is leeg"
    if not re.fullmatch(r"-?[0-9]+", cleaned):
        return None, f"'{text.strip()}' is geen heel getal"
    number = int(cleaned)
    if number <= 0:
        return None, "het aantal inwoners moet groter zijn dan 0"
    if number > MAX_INHABITANTS:
        return None, f"het aantal inwoners is groter dan {dutch_number(MAX_INHABITANTS)}"
    return number, None


def print_table(args: list[str], content: Content, inhabitants: int, gemeente: str | None) -> str:
    """The estimate for one municipality, for the PDF: a sentence and a table of steps per year,
    computed and rounded as on the site. Replaces the form and the table of fixed sizes."""
    basis = basis_of(args, content)
    who = f"de gemeente {escape(gemeente)}" if gemeente else "uw gemeente"
    rows = "".join(f'<tr><th scope="row">{escape(s.label)}</th><td>{rounded(basis.per_year(s, inhabitants))}</td></tr>'
                   for s in basis.steps)
    return (f"<p>Voor {who} rekenen we met {dutch_number(inhabitants)} inwoners. Dit zijn de aantallen "
            f"per jaar, afgerond.</p>"
            f'<table class="snp-schatting-tabel"><caption>Indicatie per jaar voor {who} '
            f"({dutch_number(inhabitants)} inwoners)</caption>"
            f'<thead><tr><th scope="col">Stap</th><th scope="col">Per jaar, ongeveer</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")
