"""Load stage for sources: each content/bronnen/KEY.yml becomes a validated `SourceEntry`.

An entry is what the project may hold about a document it did not write: who made it, when,
its reference number, its public address where the document itself gives one, and the
verification index made by `snp bron toevoegen` (never the text). A source without an index (a
law, a guideline) is cited by its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from snp_site.content.schema import suggest, type_name
from snp_site.content.yamlsafe import YamlDoc, load_yaml_file
from snp_site.dates import DateProblem, parse_date
from snp_site.errors import ContentError, reporter
from snp_site.sources import fingerprint
from snp_site.sources.cite import KEY

_YEAR = re.compile(r"^\d{4}$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")

TEXT_FIELDS = ("titel", "soort", "auteur", "uitgever", "kenmerk", "toelichting")
FIELDS = ["titel", "soort", "auteur", "datum", "uitgever", "kenmerk", "adres", "toelichting", "index"]
REQUIRED = ("titel",)
TEXT_MAX = 300


@dataclass(frozen=True)
class SourceEntry:
    key: str
    path: str
    """As the editor sees it: content/bronnen/KEY.yml."""
    titel: str
    soort: str = ""
    """What kind of document it is (Kamerbrief, website, intern plan, wet, richtlijn)."""
    auteur: str = ""
    datum: str = ""
    """In Dutch, no more precise than the source: '23 juni 2017', 'oktober 2016', '2016'."""
    uitgever: str = ""
    kenmerk: str = ""
    adres: str = ""
    toelichting: str = ""
    index: fingerprint.Index | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def anchor(self) -> str:
        """Its id on the Bronnen page (and in the toolkit's list of sources)."""
        return self.key

    def label(self) -> str:
        """Kind and title, as a note names the source: 'Kamerbrief: Resultaten pilot ...'."""
        return f"{self.soort}: {self.titel}" if self.soort else self.titel


def dutch_date(value: str) -> str:
    """'2017-06-23' -> '23 juni 2017', '2016-10' -> 'oktober 2016', '2016' -> '2016'; DateProblem else."""
    value = value.strip()
    if _YEAR.match(value):
        return value
    return parse_date(value).dutch()


def load_entry(path: Path, display: str) -> tuple[SourceEntry | None, list[ContentError]]:
    """One entry, or None with the reasons; the file name (without .yml) is the key."""
    key = path.stem
    doc, errors = load_yaml_file(path.read_bytes(), display)
    if doc is None:
        return None, errors

    err = reporter(display, errors)

    if not KEY.match(key):
        err(None, "bron-sleutel", f"'{key}' is geen geldige sleutel voor een bron.",
            "Geef het bestand een naam van kleine letters, cijfers en streepjes, zoals kamerbrief.yml: "
            "die naam gebruikt u in [[bron kamerbrief \"...\"]].")
    data = doc.data
    if not isinstance(data, dict):
        err(1, "bron-vorm", "dit bronbestand is geen lijst van naam: waarde-regels.",
            "Begin met titel: en vul daaronder auteur:, datum: en uitgever: in.")
        return None, errors
    for name in data:
        if str(name) not in FIELDS:
            err(doc.line(str(name)), "onbekend-veld", f"'{name}' is geen bekend veld voor een bron.",
                suggest(str(name), FIELDS))
    values: dict[str, str] = {}
    for name in TEXT_FIELDS + ("datum", "adres"):
        value = data.get(name)
        if value is None:
            if name in REQUIRED:
                err(1, "bron-veld-ontbreekt", f"het veld '{name}' ontbreekt.",
                    f"Zet een regel {name}: met de {name} van het document in dit bestand.")
            continue
        if isinstance(value, int) and not isinstance(value, bool) and name in ("datum", "kenmerk"):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            err(doc.line(name), "bron-veld-vorm", f"'{name}' is {type_name(value)}, geen tekst.",
                f"Schrijf achter {name}: een tekst, of laat de regel weg.")
            continue
        value = " ".join(value.split())
        if len(value) > TEXT_MAX:
            err(doc.line(name), "bron-veld-te-lang", f"'{name}' is langer dan {TEXT_MAX} tekens.",
                "Houd de gegevens van een bron kort; de tekst van de bron hoort niet in dit bestand.")
            continue
        values[name] = value
    if "datum" in values:
        try:
            values["datum"] = dutch_date(values["datum"])
        except DateProblem as problem:
            err(doc.line("datum"), "bron-datum", f"'datum' is \"{values.pop('datum')}\": {problem}.",
                "Schrijf de datum zo precies als de bron hem geeft: 2017-06-23, 2016-10 of 2016.")
    if "adres" in values and not _URL.match(values["adres"]):
        err(doc.line("adres"), "bron-adres", f"'adres' is \"{values.pop('adres')}\", geen webadres.",
            "Schrijf het openbare adres dat de bron zelf noemt, beginnend met https://, of laat de regel weg.")
    index = _index(doc, data.get("index"), key, err)
    if errors:
        return None, errors
    return SourceEntry(key, display, index=index, lines={str(k): doc.line(str(k)) or 1 for k in data},
                       **values), []


def _index(doc: YamlDoc, raw: Any, key: str, err) -> fingerprint.Index | None:
    if raw is None:
        return None
    fix = (f"Maak de index opnieuw met: snp bron toevoegen {key} BESTAND (BESTAND is uw kopie van "
           "het document); pas de index niet met de hand aan.")
    if not isinstance(raw, dict) or not isinstance(raw.get("alineas"), list):
        err(doc.line("index"), "bron-index", "de index van deze bron is beschadigd.", fix)
        return None
    if raw.get("versie") != fingerprint.VERSION:
        err(doc.line("index", "versie"), "bron-index-versie",
            f"de index van deze bron is gemaakt met een andere versie ({raw.get('versie')}) dan deze "
            f"build gebruikt ({fingerprint.VERSION}).", fix)
        return None
    if not all(isinstance(p, dict) for p in raw["alineas"]):
        err(doc.line("index", "alineas"), "bron-index", "de index van deze bron is beschadigd.", fix)
        return None
    return fingerprint.from_data(raw)


def load_entries(folder: Path, display_prefix: str) -> tuple[dict[str, SourceEntry], set[str], list[ContentError]]:
    """Every entry of the folder, the keys of entries that exist but are wrong, and the errors."""
    entries: dict[str, SourceEntry] = {}
    broken: set[str] = set()
    errors: list[ContentError] = []
    if not folder.is_dir():
        return entries, broken, errors
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        display = f"{display_prefix}/{path.name}"
        if path.suffix not in (".yml", ".yaml"):
            errors.append(ContentError(display, None, "bron-bestand", "in de map bronnen/ horen alleen "
                                       ".yml-bestanden, één per bron.",
                                       "Zet het document zelf niet in content/: bewaar het buiten de site "
                                       "en maak de index met snp bron toevoegen."))
            continue
        entry, found = load_entry(path, display)
        errors += found
        if entry is None:
            broken.add(path.stem)
        else:
            entries[entry.key] = entry
    return entries, broken, errors
