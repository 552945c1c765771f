"""The [[grafiek ...]] code: charts as SVG, drawn at build time from content/data/, for the site and the PDF alike.

[[grafiek trechter a.b c.d ...]] draws a funnel of figures (largest first), [[grafiek tijdlijn
a.b ... nieuws]] a timeline of date figures plus, with 'nieuws', each news item marked mijlpaal. Each chart is
an image with a text alternative that states every value, followed by a table of the same data;
no script runs in the visitor's browser. Numbers carry data-cijfer so checks can find their source.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import TYPE_CHECKING

from snp_site.codes.cijfer import check_figures
from snp_site.codes.context import CodeContext, Problem
from snp_site.dates import DateProblem, PartialDate, parse_date
from snp_site.sources.cite import figures_source_html

if TYPE_CHECKING:
    from snp_site.content.models import Content, Figure

NAME = "grafiek"

KINDS = ("trechter", "tijdlijn")
WIDTH = 400
"""Drawing width in SVG units; the stylesheet caps it so the text reads at about page size."""
PAD = 12
"""Margin of the chart's own background around the drawing."""
FONT_SIZE = 17
"""At 400 units on a phone's 358 px column this is about 14 px; on a desktop about 17 px."""
LINE = 22
"""Distance between the baselines of two lines of text."""
CHAR_EM = 0.56
"""Width of an average character as a share of the font size. Measured on Dutch labels: Open Sans
0.47-0.50, Open Sans Bold and DejaVu Sans (a wide fallback) up to 0.55; so a wrapped line fits."""
BACKGROUND = "#ffffff"
TEXT_COLOUR = "#1a1a1a"
BAR_COLOUR = "#2b4a6f"
"""The chart draws its own light background and colours, so it reads the same on a dark page,
in print and in the PDF; tests/test_charts.py checks their contrast (AA)."""
FONT = "'Open Sans', sans-serif"
"""The PDF's typeface, as an attribute: the site's stylesheet overrides it with the page font."""
_USAGE = ("Schrijf [[grafiek trechter pilot.brieven pilot.afspraken]] of "
          "[[grafiek tijdlijn pilot.start pilot.einde nieuws]].")


def check(args: list[str], content: Content) -> Problem | None:
    if not args or args[0] not in KINDS:
        return Problem("grafiek-soort", f"'[[grafiek {' '.join(args)}]]' noemt geen soort grafiek.",
                       f"Kies trechter of tijdlijn. {_USAGE}")
    keys = [a for a in args[1:] if not (args[0] == "tijdlijn" and a == "nieuws")]
    if not args[1:]:
        return Problem("grafiek-leeg", f"de grafiek '{args[0]}' noemt geen cijfers.", _USAGE)
    return check_figures(keys, content, lambda key, figure: _unfit(args[0], key, figure))


def _unfit(kind: str, key: str, figure: Figure) -> Problem | None:
    if kind == "trechter" and not figure.is_number:
        return Problem("grafiek-geen-getal", f"het cijfer '{key}' is geen getal en past niet in een trechter.",
                       "Kies cijfers met een getal als waarde.")
    if kind == "tijdlijn" and _date_of(figure) is None:
        return Problem("grafiek-geen-datum", f"het cijfer '{key}' is geen datum en past niet op een tijdlijn.",
                       "Kies cijfers met een datum als waarde, zoals 2015-09-01.")
    return None


def _date_of(figure: Figure) -> PartialDate | None:
    try:
        return parse_date(figure.value) if isinstance(figure.value, str) else None
    except DateProblem:
        return None


def _ids(args: list[str]) -> tuple[str, str]:
    stem = "grafiek-" + hashlib.sha256(" ".join(args).encode()).hexdigest()[:8]
    return f"{stem}-titel", f"{stem}-uitleg"


def _number(figure: Figure) -> str:
    return f'<span class="snp-cijfer" data-cijfer="{escape(figure.key)}">{escape(figure.text())}</span>'


def wrap(text: str, width: float, font_size: float = FONT_SIZE) -> list[str]:
    """Break text at spaces into lines that fit `width` units by the per-character estimate;
    a single word longer than the width stays whole (there is nowhere better to break it)."""
    most = max(1, int(width / (font_size * CHAR_EM)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _svg_open(height: float, title: str, desc: str, ids: tuple[str, str]) -> list[str]:
    """The root element, title, description and the background every chart draws for itself."""
    return [f'<svg class="snp-grafiek-svg" role="img" aria-labelledby="{ids[0]} {ids[1]}" '
            f'viewBox="{-PAD} {-PAD} {WIDTH + 2 * PAD} {height + 2 * PAD}" width="100%" '
            'xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{ids[0]}">{escape(title)}</title><desc id="{ids[1]}">{escape(desc)}</desc>',
            f'<rect class="snp-achtergrond" x="{-PAD}" y="{-PAD}" width="{WIDTH + 2 * PAD}" '
            f'height="{height + 2 * PAD}" fill="{BACKGROUND}"/>']


def _text(x: int, y: int, lines: list[str], bold: bool = False, number: Figure | None = None) -> str:
    """One <text> with a <tspan> per line at its own x and y. With `number`, line one starts with
    the figure's value in bold, carrying its source; the rest of that line follows in a sibling
    tspan (WeasyPrint drops text after a tspan nested in another)."""
    weight = ' font-weight="bold"' if bold else ""
    spans = []
    for i, line in enumerate(lines):
        at = f'x="{x}" y="{y + i * LINE}"'
        if i == 0 and number is not None:
            spans.append(f'<tspan {at} font-weight="bold" class="snp-cijfer" data-cijfer="{escape(number.key)}">'
                         f"{escape(number.text())}</tspan>")
            rest = line.removeprefix(number.text())
            spans.append(f"<tspan>{escape(rest)}</tspan>" if rest else "")
        else:
            spans.append(f"<tspan {at}>{escape(line)}</tspan>")
    return (f'<text font-size="{FONT_SIZE}" font-family="{FONT}" fill="{TEXT_COLOUR}"{weight}>'
            f'{"".join(spans)}</text>')


def funnel_svg(figures: list[Figure], title: str, ids: tuple[str, str]) -> str:
    """Horizontal bars, one per figure, each under its value and label (wrapped to fit)."""
    bar, gap = 18, 14
    largest = max(float(f.value) for f in figures) or 1.0
    desc = "; ".join(f"{f.text()} {f.label}".strip() for f in figures) + "."
    rows: list[str] = []
    y = 0
    for figure in figures:
        lines = wrap(f"{figure.text()} {figure.label}".strip(), WIDTH)
        rows.append(_text(0, y + FONT_SIZE, lines, number=figure))
        top = y + FONT_SIZE + (len(lines) - 1) * LINE + 7
        width = max(2.0, round(WIDTH * float(figure.value) / largest, 1))
        rows.append(f'<rect class="snp-balk" x="0" y="{top}" width="{width}" height="{bar}" fill="{BAR_COLOUR}"/>')
        y = top + bar + gap
    height = y - gap
    return "".join(_svg_open(height, title, desc, ids) + rows + ["</svg>"])


def timeline_events(args: list[str], content: Content) -> list[tuple[PartialDate, str, str | None]]:
    """(date, text, news src_uri or None) for each date figure and, with 'nieuws', each milestone.

    Only news items with `mijlpaal: true`: an archive of a thousand items would make a chart
    (and a PDF page) nobody can read.
    """
    events: list[tuple[PartialDate, str, str | None]] = []
    for key in args:
        if key == "nieuws":
            events += [(item.date, item.title, item.src_uri) for item in content.news if item.milestone]
        else:
            figure = content.figures[key]
            date = _date_of(figure)
            if date is not None:
                events.append((date, figure.label or key, None))
    return sorted(events, key=lambda e: (e[0].sort_key(), e[1]))


def timeline_svg(events: list[tuple[PartialDate, str, str | None]], title: str, ids: tuple[str, str]) -> str:
    """A vertical line with a dot per event; the date above its text, long texts wrapped to fit."""
    x, gap = 24, 12
    desc = "; ".join(f"{d.dutch()}: {text}" for d, text, _ in events) + "."
    items: list[str] = []
    y = 0
    for date, text, _ in events:
        baseline = y + FONT_SIZE
        lines = wrap(text, WIDTH - x)
        items.append(f'<circle class="snp-balk" cx="8" cy="{baseline - 6}" r="6" fill="{BAR_COLOUR}"/>')
        items.append(_text(x, baseline, [date.dutch()], bold=True))
        items.append(_text(x, baseline + LINE, lines))
        y = baseline + len(lines) * LINE + gap
    height = y - gap + 6
    line = (f'<line class="snp-lijn" x1="8" y1="4" x2="8" y2="{height}" stroke="{BAR_COLOUR}" '
            'stroke-width="2"/>')
    return "".join(_svg_open(height, title, desc, ids) + [line] + items + ["</svg>"])


def render(args: list[str], context: CodeContext) -> str:
    """A <figure> with the SVG, then a table with the same data (one line of HTML, no blank lines)."""
    kind, keys = args[0], args[1:]
    content = context.content
    ids = _ids(args)
    if kind == "trechter":
        figures = [content.figures[k] for k in keys]
        title = "Van brief tot vrijwilliger" if len(figures) > 1 else figures[0].label
        svg = funnel_svg(figures, title, ids)
        rows = "".join(f"<tr><th scope=\"row\">{escape(f.label)}</th><td>{_number(f)}</td></tr>" for f in figures)
        table = (f'<table class="snp-grafiek-tabel"><caption>{escape(title)}: de cijfers</caption><thead><tr>'
                 f'<th scope="col">Stap</th><th scope="col">Aantal</th></tr></thead><tbody>{rows}</tbody></table>'
                 + figures_source_html(figures, context))
    else:
        events = timeline_events(keys, content)
        title = "Tijdlijn"
        svg = timeline_svg(events, title, ids)
        cells = []
        for date, text, src in events:
            label = escape(text)
            if src:
                label = f'<a href="{escape(context.link_to_page(src))}">{label}</a>'
            cells.append(f"<tr><td>{escape(date.dutch())}</td><td>{label}</td></tr>")
        table = (f'<table class="snp-grafiek-tabel"><caption>{title}: de gebeurtenissen</caption><thead><tr>'
                 f'<th scope="col">Wanneer</th><th scope="col">Wat</th></tr></thead><tbody>{"".join(cells)}</tbody>'
                 "</table>")
    return f'<figure class="snp-grafiek snp-{kind}">{svg}</figure>\n\n{table}\n'

