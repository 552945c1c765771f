"""`snp nieuw-initiatief`: a new project folder for another initiative, ready to build.

Why: the generator serves any initiative that describes an approach for gemeenten; what names
one lives in mkdocs.yml and content/ only. This writes both for a new name: settings with its
name, colour and toolkit title, a home page, one methodiek chapter, a news timeline with one
item, one partner and a data file, a README on installing and building, and a copy of the
generator's theme files (overrides/). Every text is a placeholder that says what to write; none
carries a digit, a name or an address that the content checks would call unsourced, so the folder
builds with --strict at once.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from snp_site.dates import build_date
from snp_site.slugs import slugify

DEFAULT_COLOUR = "#2f5d50"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5
"""WCAG 2.1 AA for normal text: the header's white text on the chosen colour."""


class InitiativeProblem(ValueError):
    """Why no folder was made; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Initiative:
    name: str
    colour: str
    url: str

    @property
    def slug(self) -> str:
        return slugify(self.name)


def theme_files() -> Path | None:
    """The generator's overrides/ (beside src/ in a checkout installed with pip install -e)."""
    folder = Path(__file__).resolve().parents[2] / "overrides"
    return folder if (folder / "main.html").is_file() else None


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white on colour (#rrggbb)."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def _mix(colour: str, other: str, share: float) -> str:
    parts = [round(int(colour[i:i + 2], 16) * (1 - share) + int(other[i:i + 2], 16) * share) for i in (1, 3, 5)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def check(name: str, colour: str, url: str, folder: Path) -> Initiative:
    """The initiative to write, or an InitiativeProblem saying what to change."""
    name = " ".join(name.split())
    if not slugify(name):
        raise InitiativeProblem('--naam is leeg of heeft geen letters; geef de naam van het initiatief, '
                                'bijvoorbeeld --naam "Samen tegen eenzaamheid".')
    if not _HEX.match(colour):
        raise InitiativeProblem(f"--kleur '{colour}' is geen kleur als #2f5d50 (een # en zes tekens 0-9 of a-f).")
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise InitiativeProblem(f"--kleur {colour} is te licht: witte tekst erop heeft een contrast van "
                                f"{ratio:.1f}:1, en {MIN_CONTRAST}:1 is nodig om goed leesbaar te zijn. "
                                "Kies een donkerdere kleur.")
    if not re.match(r"^https?://[^/\s]+", url):
        raise InitiativeProblem(f"--adres '{url}' is geen webadres; schrijf het als https://www.voorbeeld.nl/.")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitiativeProblem(f"de map {folder} bestaat al en is niet leeg; er is niets overschreven. "
                                "Kies een nieuwe map.")
    return Initiative(name, colour.lower(), url if url.endswith("/") else url + "/")


def create(folder: Path, name: str, colour: str = DEFAULT_COLOUR,
           url: str = "https://www.voorbeeld.invalid/") -> list[Path]:
    """Write the new project into folder (new or empty); return the files written."""
    initiative = check(name, colour, url, folder)
    theme = theme_files()
    if theme is None:
        raise InitiativeProblem("de themabestanden van de generator (de map overrides/) zijn niet te vinden. "
                                "Installeer de generator vanuit een kopie van de repository met pip install -e "
                                "(zie de README van de generator).")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rel, text in files(initiative).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    shutil.copytree(theme, folder / "overrides")
    return written


def _q(text: str) -> str:
    """A YAML string (JSON strings are valid YAML): quotes and colons in a name need no care."""
    return json.dumps(text, ensure_ascii=False)


def files(i: Initiative) -> dict[str, str]:
    """Every text file of the new project by its path."""
    today = build_date().date().isoformat()
    news = f"nieuws/{today}-de-site-is-begonnen.md"
    return {
        "mkdocs.yml": _settings(i),
        "README.md": _readme(i),
        ".gitignore": "site/\n.cache/\n.site.bouw-*\n",
        "content/index.md": _page(i.name, f"Wat {i.name} is en hoe uw gemeente ermee begint.",
                                  f"Zeg hier in een paar korte zinnen wat {i.name} is, voor wie het "
                                  "is en wat het oplevert.\n\n"
                                  "Lees [hoe het werkt](methodiek/01-aanpak.md), het [nieuws](nieuws/index.md) "
                                  "en [wie meedoen](partners/eerste-partner.md)."),
        "content/methodiek/01-aanpak.md": _page("Aanpak", "Hoe de aanpak werkt, stap voor stap.",
                                                "Beschrijf hier de aanpak: wat er gebeurt, wie het doet "
                                                "en wat daarvoor nodig is. Dit hoofdstuk staat ook in de toolkit "
                                                "(de PDF).\n\n## Wie doet mee\n\nNoem hier de organisaties die "
                                                "meedoen en wat ieder doet.", toolkit=True),
        "content/nieuws/index.md": _page("Nieuws", f"Nieuws over {i.name}.",
                                         f"Hier leest u het nieuws over {i.name}. Het nieuwste bericht "
                                         "staat bovenaan."),
        f"content/{news}": _news(i, today),
        "content/partners/eerste-partner.md": _partner(),
        "content/data/kerncijfers.yml": _data(),
        "content/assets/stylesheets/kleuren.css": _colours(i.colour),
    }


def _page(title: str, description: str, body: str, toolkit: bool = False) -> str:
    """A page whose heading is its title."""
    extra = "toolkit: true\n" if toolkit else ""
    return f"---\ntitle: {_q(title)}\ndescription: {_q(description)}\n{extra}---\n\n# {title}\n\n{body}\n"


def _news(i: Initiative, date: str) -> str:
    return (f"---\ntitle: {_q('De site is begonnen')}\n"
            f"description: {_q(f'De kennissite van {i.name} staat online.')}\n"
            f"date: {date}\npartners: [eerste-partner]\n---\n\n# De site is begonnen\n\n"
            f"De kennissite van {i.name} staat online. Vervang dit bericht door uw eerste echte nieuws; "
            "de README zegt hoe u een nieuw bericht begint.\n")


def _partner() -> str:
    return ("---\ntitle: Naam van de partner\n"
            "description: Wat deze partner doet, in één zin.\n"
            "name: Naam van de partner\nrole: Wat deze partner doet.\n---\n\n"
            "# Naam van de partner\n\nVertel hier wie deze partner is en wat die doet. Geef het bestand de naam "
            "van de partner, in kleine letters met streepjes.\n")


def _data() -> str:
    return ("# Elk cijfer staat hier één keer, met zijn bron. Een pagina toont het met\n"
            "# [[cijfer kerncijfers.voorbeeld]]. Vervang dit voorbeeld door een echt cijfer.\n"
            "voorbeeld:\n  waarde: 1\n  label: voorbeeld, vervang door een echt cijfer\n"
            "  bron: Schrijf hier de bron van het cijfer (document, datum en bladzijde)\n")


def _colours(colour: str) -> str:
    return ("/* De kleur van het initiatief (snp nieuw-initiatief --kleur). Witte tekst erop heeft minstens\n"
            "   4,5:1 contrast; kies bij een andere kleur er ook een die dat haalt. */\n"
            ":root {\n"
            f"  --md-primary-fg-color: {colour};\n"
            f"  --md-primary-fg-color--light: {_mix(colour, '#ffffff', 0.15)};\n"
            f"  --md-primary-fg-color--dark: {_mix(colour, '#000000', 0.3)};\n"
            f"  --md-accent-fg-color: {colour};\n"
            "}\n")


def _settings(i: Initiative) -> str:
    return f"""# De instellingen van de site. Alles wat het initiatief noemt, staat hier of in content/.
site_name: {_q(i.name)}
site_description: {_q(f"Kennis en handreiking voor gemeenten die met {i.name} willen beginnen.")}
# Het adres waar de site komt te staan; de nieuwsfeed heeft het nodig.
site_url: {i.url}
docs_dir: content
site_dir: site
copyright: {_q(i.name)}

theme:
  name: material
  language: nl
  custom_dir: overrides
  # Geen webfonts: de browser van een bezoeker laadt niets van een andere site.
  font: false
  palette:
    scheme: default
    primary: custom
    accent: custom
  features:
    - navigation.sections
    - navigation.footer
    - navigation.top
    - toc.follow

extra:
  generator: false

extra_css:
  - assets/stylesheets/snp.css
  - assets/stylesheets/kleuren.css

plugins:
  - search:
      lang: nl
  - snp:
      toolkit:
        file: downloads/toolkit-{i.slug}.pdf
        title: {_q("Toolkit " + i.name)}

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
      permalink_title: Link naar dit onderdeel
  - pymdownx.tasklist:
      custom_checkbox: false

nav:
  - Home: index.md
  - Methodiek:
      - methodiek/01-aanpak.md
  - Nieuws: nieuws/index.md
  - Partners:
      - partners/eerste-partner.md
"""


def _readme(i: Initiative) -> str:
    return f"""# {i.name}: kennissite en toolkit

Deze map is de site van {i.name}. De tekst staat als Markdown in `content/`; de instellingen in
`mkdocs.yml`. De generator bouwt er een toegankelijke website en een toolkit (PDF) van.

## De generator installeren

De generator staat in een eigen repository (de map met `pyproject.toml` en `constraints.txt`).
Zet een kopie van die repository naast deze map, bijvoorbeeld als `generator/`, en installeer hem
één keer met de vaste versies:

```sh
python3 -m venv .venv
.venv/bin/pip install -c ../generator/constraints.txt -e ../generator
```

Installeer hem met `-e`: dan vindt `snp nieuw-initiatief` de themabestanden. De PDF heeft een paar
systeempakketten nodig; op Debian of Ubuntu installeert `../generator/scripts/install-system-deps` ze.

## Bouwen en bekijken

```sh
.venv/bin/properdocs build --strict -f mkdocs.yml   # de site en de toolkit in site/
.venv/bin/properdocs serve -f mkdocs.yml           # bekijken terwijl u schrijft
.venv/bin/snp controleer                           # alle inhoud controleren, zonder te bouwen
.venv/bin/snp nieuw "Titel van het bericht"        # een nieuw nieuwsbericht
```

Een build met een fout verandert niets aan `site/`, en zegt welk bestand, welke regel en wat u moet doen.

## Wat u invult

- `mkdocs.yml`: het echte adres van de site (`site_url`), en later elke nieuwe pagina in `nav`.
- `content/index.md`, `content/methodiek/`: wat het initiatief is en hoe het werkt. Hoofdstukken met
  `toolkit: true` komen ook in de PDF.
- `content/nieuws/`: één bestand per bericht, met een datum.
- `content/partners/`: één bestand per partner.
- `content/data/`: elk cijfer één keer, met zijn bron.
- `content/assets/stylesheets/kleuren.css`: de kleur van de site.

Meer uitleg staat in de generator: `docs/eigen-initiatief.md` en `docs/redactiehandleiding.md`.
"""
