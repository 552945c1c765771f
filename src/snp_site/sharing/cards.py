"""Preview cards: a 1200 x 630 PNG per page, drawn by the build, for link previews in chat and mail.

Material's own social plugin downloads fonts at build time; we draw with Pillow and the Open Sans
files the toolkit already embeds, so nothing is fetched. A card is a 16-colour palette image (the
background, the text colour and the anti-aliasing steps between them): small, and the same bytes
for the same title. The colours are the site's own (`--md-primary-fg-color` in its stylesheet),
checked for AA contrast against the text before anything is drawn.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
LEVELS = 16
"""Palette steps from background to text colour: enough for smooth anti-aliased letters."""

FONT_DIR = Path("/usr/share/fonts/truetype/open-sans")
TITLE_FONT = "OpenSans-Semibold.ttf"
SITE_FONT = "OpenSans-Regular.ttf"
TITLE_SIZES = (72, 64, 56, 48, 42)
"""Largest first; the first size at which the title fits in MAX_LINES lines is used."""
MAX_LINES = 4
COMPRESSION = 3
"""zlib level: 3 packs a card in a third of the time level 6 takes (about 2 against 7 ms, the larger
part of drawing one), for about 12 KB instead of 8: a cold build draws a card for every page."""

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
_VAR = re.compile(r"--md-(primary|accent)-fg-color\s*:\s*(#[0-9a-fA-F]{6})\s*;")


@dataclass(frozen=True)
class Colours:
    background: str
    text: str
    accent: str

    def contrast(self) -> float:
        return contrast_ratio(self.background, self.text)


DEFAULT = Colours("#4051b5", "#ffffff", "#526cfe")
"""Material's own indigo, for a site whose stylesheet sets no colours."""


def site_colours(stylesheets: list[Path]) -> Colours:
    """The primary and accent colour a site's own stylesheets set, in the order MkDocs loads them."""
    found: dict[str, str] = {}
    for sheet in stylesheets:
        try:
            text = sheet.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the file check reports a broken stylesheet
        for name, value in _VAR.findall(text):
            found.setdefault(name, value.lower())
    background = found.get("primary", DEFAULT.background)
    return Colours(background, "#ffffff", found.get("accent", DEFAULT.accent))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def draw_card(argument: tuple[str, str, Colours]) -> bytes:
    """draw() with its arguments as one value: a task of the build's worker (worker.py)."""
    return draw(*argument)


def preload() -> None:
    """Import what draw() needs: the worker does this while the build reads the pages."""
    from PIL import Image, ImageDraw, ImageFont, PngImagePlugin  # noqa: F401


def draw(site_name: str, title: str, colours: Colours) -> bytes:
    """The card as PNG bytes: site name above, the title wrapped to fit, an accent bar below."""
    from PIL import Image, ImageDraw, ImageFont

    coverage = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(coverage)
    site_font = _font(SITE_FONT, 36)
    pen.text((MARGIN, MARGIN), site_name, font=site_font, fill=255)
    pen.rectangle((MARGIN, MARGIN + 64, MARGIN + 120, MARGIN + 70), fill=255)
    size, lines = _fit(title, lambda s: _font(TITLE_FONT, s))
    font = _font(TITLE_FONT, size)
    line_height = round(size * 1.25)
    top = MARGIN + 120
    for n, line in enumerate(lines):
        pen.text((MARGIN, top + n * line_height), line, font=font, fill=255)
    # Letters were drawn as coverage 0..255; map them onto LEVELS palette steps.
    steps = coverage.point([round(v * (LEVELS - 1) / 255) for v in range(256)])
    palette = _palette(colours.background, colours.text)
    steps.putpalette(palette + [0] * (768 - len(palette)))
    card = steps
    bar = Image.new("P", (WIDTH, 24), LEVELS)
    card.paste(bar, (0, HEIGHT - 24))
    accent = [int(colours.accent[i:i + 2], 16) for i in (1, 3, 5)]
    palette_with_accent = palette + accent
    card.putpalette(palette_with_accent + [0] * (768 - len(palette_with_accent)))
    out = io.BytesIO()
    card.save(out, "PNG", optimize=False, compress_level=COMPRESSION)
    return out.getvalue()


@functools.lru_cache(maxsize=None)
def _font(name: str, size: int) -> Any:
    """A font read once per build and size: reading the file is half the time of drawing a card."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / name), size)


def _palette(background: str, text: str) -> list[int]:
    low = [int(background[i:i + 2], 16) for i in (1, 3, 5)]
    high = [int(text[i:i + 2], 16) for i in (1, 3, 5)]
    return [round(low[c] + (high[c] - low[c]) * step / (LEVELS - 1)) for step in range(LEVELS) for c in range(3)]


def _fit(title: str, font_of) -> tuple[int, list[str]]:
    """The largest size at which the title fits MAX_LINES lines of the card's width; the smallest
    size with the last line shortened by an ellipsis when even that does not fit."""
    room = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = font_of(size)
        lines = wrap(title, lambda text: font.getlength(text), room)
        if len(lines) <= MAX_LINES:
            return size, lines
    lines = lines[:MAX_LINES]
    last = lines[-1]
    while last and font.getlength(last + " …") > room:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return TITLE_SIZES[-1], lines


def wrap(text: str, width_of, room: float) -> list[str]:
    """Greedy word wrap by measured width; a single word wider than the room gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and width_of(candidate) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def valid_colour(value: str) -> bool:
    return bool(_HEX.match(value))
