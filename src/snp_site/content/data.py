"""Stage 1b of loading: the data files in content/data/, where every figure lives once.

A figure file maps names to a value and its source:

    brieven:
      waarde: 73
      label: brieven verstuurd
      bron: Kamerbrief 23 juni 2017 (2017-0000104182), blz. 1

Pages refer to it as [[cijfer pilot.brieven]] when the file is pilot.yml. `bron` may instead be the
key of an entry in content/bronnen/, with `citaat:` the words (or, for a law, the place) it rests
on; snp_site.sources.cite checks those once the sources are loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from snp_site.content.schema import suggest, type_name
from snp_site.content.source import decode
from snp_site.content.yamlsafe import load_yaml
from snp_site.errors import ContentError, reporter
from snp_site.content.models import Figure

_NAME = re.compile(r"^[a-z0-9_]+$")
_FIGURE_FIELDS = ["waarde", "bron", "label", "citaat"]
DATA_SUFFIXES = (".yml", ".yaml")


def load_figure_file(path: Path, display_path: str) -> tuple[dict[str, Figure], set[str], list[ContentError]]:
    """All figures of one data file keyed 'stem.name', plus the keys that exist but are wrong
    ('stem.*' when the whole file is unreadable), so pages using them get no second error."""
    text, errors = decode(path.read_bytes(), display_path)
    if text is None:
        return {}, {f"{path.stem}.*"}, errors
    doc, errors = load_yaml(text, display_path, first_line=1)
    if doc is None:
        return {}, {f"{path.stem}.*"}, errors

    err = reporter(display_path, errors)

    example = "Schrijf per cijfer een blok met waarde: en bron:, zoals in de andere gegevensbestanden."
    if not isinstance(doc.data, dict) or not doc.data:
        err(1, "gegevens-vorm", "het gegevensbestand heeft geen cijfers in de vorm naam: blok.", example)
        return {}, {f"{path.stem}.*"}, errors
    figures: dict[str, Figure] = {}
    for name, entry in doc.data.items():
        name = str(name)
        line = doc.line(name)
        if not _NAME.match(name):
            err(line, "gegevens-naam", f"'{name}' is geen geldige naam voor een cijfer.",
                "Gebruik alleen kleine letters, cijfers en _ (zoals brieven_verstuurd).")
            continue
        if not isinstance(entry, dict):
            err(line, "gegevens-vorm", f"'{name}' is {type_name(entry)}, geen blok met waarde: en bron:.",
                example)
            continue
        for key in entry:
            if str(key) not in _FIGURE_FIELDS:
                err(doc.line(name, str(key)), "onbekend-veld", f"'{key}' is geen bekend veld voor een "
                    "cijfer.", suggest(str(key), _FIGURE_FIELDS))
        value, bron = entry.get("waarde"), entry.get("bron")
        if not isinstance(value, (int, float, str)) or isinstance(value, bool) or value == "":
            err(doc.line(name, "waarde"), "cijfer-waarde", f"cijfer '{name}' heeft geen waarde "
                f"(gevonden: {type_name(value)}).", f"Zet onder {name}: een regel waarde: met het getal.")
            continue
        if not isinstance(bron, str) or not bron.strip():
            err(doc.line(name, "bron"), "cijfer-zonder-bron", f"cijfer '{name}' heeft geen bron.",
                "Zet onder het cijfer een regel bron: met het document en de plaats waar het staat, "
                "bijvoorbeeld bron: Kamerbrief 23 juni 2017, blz. 1.")
            continue
        label, citaat = entry.get("label", ""), entry.get("citaat", "")
        figures[f"{path.stem}.{name}"] = Figure(f"{path.stem}.{name}", value, bron.strip(),
                                                label if isinstance(label, str) else str(label),
                                                " ".join(str(citaat).split()), display_path,
                                                doc.line(name, "citaat") if citaat else doc.line(name, "bron"))
    bad = {f"{path.stem}.{name}" for name in doc.data} - set(figures)
    return figures, bad, errors
