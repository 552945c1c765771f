"""Stage 2 of loading: check front matter against the schema of its page kind (content/kinds.py).

The schemas are data (one `Field` per allowed key); the checks are one function per kind of
value. Every message an editor can get about a front-matter field is worded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from snp_site.content.source import Source
from snp_site.dates import DateProblem, parse_date
from snp_site.errors import ContentError
from snp_site.suggest import closest, did_you_mean

DESCRIPTION_MAX = 160
TITLE_MAX = 120


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    """text | bool | date | names | url | hide (see _CHECKS)."""
    required: bool = False
    max_len: int | None = None


COMMON = (
    Field("title", "text", required=True, max_len=TITLE_MAX),
    Field("description", "text", required=True, max_len=DESCRIPTION_MAX),
    Field("hide", "hide"),
    Field("updated", "date"),
)

# Dutch words editors are likely to type for an English field name.
_ALIASES = {"titel": "title", "datum": "date", "beschrijving": "description", "omschrijving": "description",
            "samenvatting": "description", "naam": "name", "rol": "role", "gemeente": "gemeenten",
            "partner": "partners", "afbeelding": "logo", "alt": "logo_alt", "site": "website"}

_HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")


def type_name(value: Any) -> str:
    """How an editor would call the YAML value they wrote."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee (true/false)"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met namen en waarden"
    return "een tekst"


def _check_text(f: Field, value: Any) -> tuple[str, str] | None:
    if not isinstance(value, str):
        return (f"'{f.name}' moet een tekst zijn, maar is {type_name(value)}.",
                f"Schrijf één regel tekst achter {f.name}:, tussen aanhalingstekens als er een "
                "dubbele punt in staat.")
    if not value.strip():
        return (f"'{f.name}' is leeg.", f"Vul een tekst in achter {f.name}:.")
    if "\n" in value.strip():
        return (f"'{f.name}' loopt over meer regels.", f"Schrijf {f.name} op één regel.")
    if f.max_len and len(value) > f.max_len:
        return (f"'{f.name}' is {len(value)} tekens lang; het maximum is {f.max_len}.",
                f"Maak {f.name} korter." + (" Het wordt de beschrijving in zoekmachines: één of twee "
                                            "korte zinnen zijn genoeg." if f.name == "description" else ""))
    return None


def _check_bool(f: Field, value: Any) -> tuple[str, str] | None:
    if not isinstance(value, bool):
        return (f"'{f.name}' moet true of false zijn, maar is {type_name(value)} ({value!r}).",
                f"Schrijf {f.name}: true of {f.name}: false.")
    return None


def _check_date(f: Field, value: Any) -> tuple[str, str] | None:
    fix = ("Schrijf een datum als 2018-01-15, of alleen jaar en maand als 2018-01 als de dag niet "
           "bekend is.")
    if not isinstance(value, str):
        return (f"'{f.name}' is {type_name(value)} ({value!r}), geen datum.", fix)
    try:
        parse_date(value)
    except DateProblem as exc:
        return (f"'{f.name}' is \"{value}\": {exc}.", fix)
    return None


def _check_names(f: Field, value: Any) -> tuple[str, str] | None:
    fix = f"Schrijf een lijst, bijvoorbeeld {f.name}: [Tilburg, Zwolle], of één naam per regel met '- '."
    if not isinstance(value, list):
        return (f"'{f.name}' moet een lijst zijn, maar is {type_name(value)}.", fix)
    for item in value:
        if not isinstance(item, str) or not item.strip():
            return (f"'{f.name}' bevat {type_name(item)} ({item!r}); elk item moet een naam zijn.", fix)
    if len(set(value)) != len(value):
        return (f"'{f.name}' noemt een naam twee keer.", "Noem elke naam één keer.")
    return None


def _check_url(f: Field, value: Any) -> tuple[str, str] | None:
    fix = f"Schrijf het volledige adres, beginnend met https://."
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        return (f"'{f.name}' is geen webadres.", fix)
    return None


def _check_hide(f: Field, value: Any) -> tuple[str, str] | None:
    if not isinstance(value, list) or any(v not in _HIDE_VALUES for v in value):
        return (f"'{f.name}' moet een lijst zijn met een of meer van: {', '.join(_HIDE_VALUES)}.",
                "Schrijf bijvoorbeeld hide: [toc], of laat het veld weg.")
    return None


def _check_document(f: Field, value: Any) -> tuple[str, str] | None:
    if value is True or value is False or (isinstance(value, str) and value.strip()):
        return None
    return (f"'{f.name}' moet true, false of de tekst van een kop op deze pagina zijn.",
            "Schrijf document: true voor de hele pagina, of document: De brief voor alleen het deel onder "
            "de kop 'De brief'.")


_CHECKS: dict[str, Callable[[Field, Any], tuple[str, str] | None]] = {
    "text": _check_text, "bool": _check_bool, "date": _check_date, "names": _check_names,
    "url": _check_url, "hide": _check_hide, "document": _check_document,
}


def guess(unknown: str, known: list[str]) -> str | None:
    """The known name an editor most likely meant: a Dutch alias or a close spelling."""
    alias = _ALIASES.get(unknown.lower())
    if alias in known:
        return alias
    return closest(unknown.lower(), known)


def suggest(unknown: str, known: list[str], what: str = "velden") -> str:
    """'Bedoelde u 'date'?' for a typo or a Dutch field name, else the list of known names."""
    guess_ = guess(unknown, known)
    listing = f"Bekende {what}: {', '.join(known) or 'geen'}."
    return f"{did_you_mean(guess_)} {listing}" if guess_ else f"Verwijder het veld. {listing}"


def validate(source: Source, kind: str, schema: tuple[Field, ...]) -> list[ContentError]:
    """All front-matter errors of one file of this kind (its Dutch name and fields), each on the line of the field."""
    fields = {f.name: f for f in schema}
    data, doc = source.meta.data, source.meta
    errors: list[ContentError] = []
    meant = {guess(str(key), list(fields)) for key in data if str(key) not in fields}
    for key in data:
        if str(key) not in fields:
            errors.append(ContentError(source.path, doc.line(str(key)), "onbekend-veld",
                                       f"'{key}' is geen bekend veld voor een {kind}.",
                                       suggest(str(key), list(fields))))
    for f in fields.values():
        if f.name not in data:
            if f.required and f.name not in meant:
                errors.append(ContentError(source.path, 1, "veld-ontbreekt",
                                           f"het verplichte veld '{f.name}' ontbreekt.",
                                           f"Voeg in de front matter een regel {f.name}: ... toe."))
            continue
        problem = _CHECKS[f.kind](f, data[f.name])
        if problem:
            code = {"date": "verkeerde-datum"}.get(f.kind, "verkeerde-waarde")
            errors.append(ContentError(source.path, doc.line(f.name), code, *problem))
    return errors
