"""Charts as SVG, drawn at build time from content/data/, for the site and the PDF alike.

[[grafiek trechter a.b c.d ...]] draws a funnel of figures (largest first), [[grafiek tijdlijn
a.b ... nieuws]] a timeline of date figures plus, with 'nieuws', each news item marked mijlpaal. Each chart is
an image with a text alternative that states every value, followed by a table of the same data;
no script runs in the visitor's browser. Numbers carry data-cijfer so checks can find their source.
"""

from __future__ import annotations

import hashlib
from html import escape

from snp_site.content.figures_tag import unknown_figure
from snp_site.content.models import Content, Figure
from snp_site.dates import DateProblem, PartialDate, parse_date

KINDS = ("trechter", "tijdlijn")
BAR_COLOUR = "#2b4a6f"
"""Default fill (the PDF uses it); the site's stylesheet sets its own colour per palette."""
WIDTH = 400
"""Drawing width: at 15 px text this scales to about 1:1 on a phone; the stylesheet caps it on wide screens."""
FONT = "'Open Sans', sans-serif"
"""The PDF's typeface, as an attribute: the site's stylesheet overrides it with the page font."""
_USAGE = ("Schrijf [[grafiek trechter pilot.brieven pilot.afspraken]] of "
          "[[grafiek tijdlijn pilot.start pilot.einde nieuws]].")


def check_chart(args: list[str], content: Content) -> tuple[str, str, str] | None:
    if not args or args[0] not in KINDS:
        return ("grafiek-soort", f"'[[grafiek {' '.join(args)}]]' noemt geen soort grafiek.",
                f"Kies trechter of tijdlijn. {_USAGE}")
    keys = [a for a in args[1:] if not (args[0] == "tijdlijn" and a == "nieuws")]
    if not args[1:]:
        return ("grafiek-leeg", f"de grafiek '{args[0]}' noemt geen cijfers.", _USAGE)
    for key in keys:
        problem = unknown_figure(key, content)
        if problem:
            return problem
        figure = content.figures.get(key)
        if figure is None:
            continue
        if args[0] == "trechter" and not figure.is_number:
            return ("grafiek-geen-getal", f"het cijfer '{key}' is geen getal en past niet in een trechter.",
                    "Kies cijfers met een getal als waarde.")
        if args[0] == "tijdlijn" and _date_of(figure) is None:
            return ("grafiek-geen-datum", f"het cijfer '{key}' is geen datum en past niet op een tijdlijn.",
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


def funnel_svg(figures: list[Figure], title: str, ids: tuple[str, str]) -> str:
    """Horizontal bars, one row per figure, each labelled with its value and label."""
    row, bar = 46, 18
    height = row * len(figures)
    largest = max(float(f.value) for f in figures) or 1.0
    desc = "; ".join(f"{f.text()} {f.label}".strip() for f in figures) + "."
    parts = [f'<svg class="snp-grafiek-svg" role="img" aria-labelledby="{ids[0]} {ids[1]}" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ids[0]}">{escape(title)}</title><desc id="{ids[1]}">{escape(desc)}</desc>']
    for i, figure in enumerate(figures):
        y = i * row
        width = max(2.0, round(WIDTH * float(figure.value) / largest, 1))
        parts.append(f'<text x="0" y="{y + 16}" font-size="15" font-family="{FONT}" fill="currentColor">'
                     f'<tspan font-weight="bold" class="snp-cijfer" data-cijfer="{escape(figure.key)}">'
                     f'{escape(figure.text())}</tspan> {escape(figure.label)}</text>')
        parts.append(f'<rect class="snp-balk" x="0" y="{y + 22}" width="{width}" height="{bar}" '
                     f'fill="{BAR_COLOUR}"/>')
    parts.append("</svg>")
    return "".join(parts)


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
    """A vertical line with a dot per event; the date above its text, so long texts fit on a phone."""
    row = 48
    height = row * len(events) + 8
    desc = "; ".join(f"{d.dutch()}: {text}" for d, text, _ in events) + "."
    parts = [f'<svg class="snp-grafiek-svg" role="img" aria-labelledby="{ids[0]} {ids[1]}" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ids[0]}">{escape(title)}</title><desc id="{ids[1]}">{escape(desc)}</desc>',
             f'<line class="snp-lijn" x1="8" y1="10" x2="8" y2="{height - 10}" stroke="{BAR_COLOUR}" '
             'stroke-width="2"/>']
    for i, (date, text, _) in enumerate(events):
        y = i * row + 18
        parts.append(f'<circle class="snp-balk" cx="8" cy="{y - 5}" r="6" fill="{BAR_COLOUR}"/>')
        parts.append(f'<text x="24" y="{y}" font-size="14" font-weight="bold" font-family="{FONT}" '
                     f'fill="currentColor">{escape(date.dutch())}</text>')
        parts.append(f'<text x="24" y="{y + 19}" font-size="14" font-family="{FONT}" fill="currentColor">'
                     f'{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_chart(args: list[str], context) -> str:
    """A <figure> with the SVG, then a table with the same data (one line of HTML, no blank lines)."""
    kind, keys = args[0], args[1:]
    content: Content = context.content
    ids = _ids(args)
    if kind == "trechter":
        figures = [content.figures[k] for k in keys]
        title = "Van brief tot vrijwilliger" if len(figures) > 1 else figures[0].label
        svg = funnel_svg(figures, title, ids)
        rows = "".join(f"<tr><th scope=\"row\">{escape(f.label)}</th><td>{_number(f)}</td></tr>" for f in figures)
        table = (f'<table class="snp-grafiek-tabel"><caption>{escape(title)}: de cijfers</caption><thead><tr>'
                 f'<th scope="col">Stap</th><th scope="col">Aantal</th></tr></thead><tbody>{rows}</tbody></table>')
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

