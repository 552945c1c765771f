"""The adoption data file (content/data/gemeenten.yml): which gemeente works with SNP or prepares it.

Each gemeente names its status and the news item (by slug) that says so; the date and the link on
the overview come from that item, so nothing is typed twice, and the overview says when each
status was true instead of presenting it as today's:

    Tilburg:
      status: bereidt-voor
      bericht: tilburg-bereidt-een-aanbod-voor
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from snp_site.content.models import NewsItem
from snp_site.content.schema import suggest, type_name
from snp_site.content.yamlsafe import load_yaml_file
from snp_site.dates import PartialDate
from snp_site.errors import ContentError, reporter

STATUSES = {
    "werkt-met-snp": "Biedt {aanbod} aan",
    "bereidt-voor": "Bereidt een aanbod voor",
}
"""Status values in the order the overview shows them, with their label on the page; {aanbod} is
the initiative's name from mkdocs.yml (site_name), never written here."""

_FIELDS = ["status", "bericht"]


@dataclass(frozen=True)
class Adoption:
    gemeente: str
    status: str
    item: NewsItem

    def label(self, offer: str) -> str:
        return STATUSES[self.status].format(aanbod=offer)

    @property
    def as_of(self) -> PartialDate:
        """When the status was true, as far as the sources go: the date of its news item, as precise
        as that item is (a month-only item gives a month, never a made-up day)."""
        return self.item.date


@dataclass
class AdoptionFile:
    path: str
    gemeenten: dict[str, int]
    """Every gemeente the file lists, with its line."""
    rows: list[Adoption]


def load(path: Path, display: str, items: dict[str, NewsItem],
         existing: set[str]) -> tuple[AdoptionFile | None, list[ContentError]]:
    """Read the file; `items` are the valid news items by slug, `existing` the slugs of every news
    file, valid or not. None when the file does not exist."""
    if not path.is_file():
        return None, []
    doc, errors = load_yaml_file(path.read_bytes(), display)
    if doc is None:
        return None, errors
    example = ("Schrijf per gemeente een blok met status: en bericht:, bijvoorbeeld\n"
               "  Tilburg:\n    status: bereidt-voor\n    bericht: tilburg-bereidt-een-aanbod-voor")

    err = reporter(display, errors)

    if not isinstance(doc.data, dict):
        err(1, "gegevens-vorm", "het bestand noemt geen gemeenten in de vorm naam: blok.", example)
        return None, errors
    result = AdoptionFile(display, {}, [])
    for name, entry in doc.data.items():
        name, line = str(name), doc.line(str(name))
        result.gemeenten[name] = line or 1
        if not isinstance(entry, dict):
            err(line, "gegevens-vorm", f"'{name}' is {type_name(entry)}, geen blok met status: en bericht:.",
                example)
            continue
        for key in entry:
            if str(key) not in _FIELDS:
                err(doc.line(name, str(key)), "onbekend-veld", f"'{key}' is geen bekend veld voor een gemeente.",
                    suggest(str(key), _FIELDS))
        status, slug = entry.get("status"), entry.get("bericht")
        if status not in STATUSES:
            err(doc.line(name, "status"), "onbekende-status", f"'{name}' heeft status {status!r}.",
                f"Kies een van: {', '.join(STATUSES)}.")
            continue
        item = items.get(slug) if isinstance(slug, str) else None
        if item is None and isinstance(slug, str) and slug in existing:
            continue  # the item is there but has a mistake of its own: reported once, in its file
        if item is None:
            err(doc.line(name, "bericht"), "onbekend-bericht",
                f"'{name}' verwijst naar bericht {slug!r}, maar dat bericht bestaat niet.",
                suggest(str(slug), sorted(items), "berichten")
                + " Een bericht is de bestandsnaam in nieuws/ zonder datum en zonder .md.")
            continue
        if name not in item.gemeenten:
            err(doc.line(name, "bericht"), "bericht-zonder-gemeente",
                f"het bericht '{slug}' noemt '{name}' niet bij gemeenten.",
                f"Zet {name} bij gemeenten: in {item.path}, of kies het bericht dat over {name} gaat.")
            continue
        result.rows.append(Adoption(name, status, item))
    order = list(STATUSES)
    result.rows.sort(key=lambda r: (order.index(r.status), r.gemeente))
    return result, errors
