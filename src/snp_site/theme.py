"""What our overrides assume of Material, checked before a page is rendered.

Why: overrides/main.html loads Material's script bundle late and zoeken-later.js holds its search
back; both lean on details of Material that no documentation promises (a file name, a few
attributes, how the bundle starts). If an upgrade of Material changes one of them, the site would
not break loudly: search would load on every page again, or no page would get its bundle. So each
assumption is a row below, checked at every build against the theme files the build really uses
(a custom_dir first, as Jinja finds them); a changed detail is a Dutch build error naming it. The
upgrade checklist in docs/architectuur.md lists the same rows.

Hands on: `check` gives the errors; `bundle` the bundle's path, which main.html writes itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from snp_site.errors import ContentError

_SCRIPTS_BLOCK = re.compile(r"\{%-?\s*block scripts\s*-?%\}(?P<body>.*?)\{%-?\s*endblock\s*-?%\}", re.S)
_MATERIAL_SCRIPTS = re.compile(
    r"<script src=\"\{\{ '(?P<bundle>assets/javascripts/bundle\.[0-9a-f]+\.min\.js)' \| url \}\}\"></script> "
    r"\{% for script in config\.extra_javascript %\} \{\{ script \| script_tag \}\} \{% endfor %\}")
"""Material 9.8.1's scripts block, whitespace folded: the bundle, then extra_javascript. main.html
writes this block itself (the bundle as a data block), so anything else here would be lost."""
_FIX = ("Pas {user} aan de nieuwe versie van Material aan (de lijst 'Material bijwerken' in "
        "docs/architectuur.md zegt wat u moet nalopen), of zet mkdocs-material terug op de versie "
        "uit constraints.txt.")


@dataclass(frozen=True)
class Assumption:
    """One detail of a theme file that our code relies on."""

    file: str
    """Theme file, relative to the theme folder; '{bundle}' stands for the bundle's path."""
    pattern: re.Pattern[str]
    what: str
    """Dutch: what the file must still contain."""
    user: str
    """Which of our files relies on it."""


ASSUMPTIONS = [
    Assumption("base.html", re.compile(r"id=\"__config\"[\s\S]*\"search\":\s*\"assets/javascripts/workers/"
                                       r"search\.[0-9a-f]+\.min\.js\"\s*\|\s*url"),
               "het adres van de zoek-worker als \"search\" in het blok met id=\"__config\"",
               "overrides/assets/javascripts/zoeken-later.js"),
    Assumption("partials/search.html", re.compile(r"data-md-component=\"search-query\""),
               "het zoekveld met data-md-component=\"search-query\"",
               "overrides/assets/javascripts/zoeken-later.js"),
    Assumption("partials/header.html", re.compile(r"<label[^>]*for=\"__search\""),
               "de knop die het zoeken opent (een label met for=\"__search\")",
               "overrides/assets/javascripts/zoeken-later.js"),
    Assumption("{bundle}", re.compile(r"\"DOMContentLoaded\""),
               "dat de bundel start op het event DOMContentLoaded",
               "overrides/assets/javascripts/materiaal-later.js"),
    Assumption("{bundle}", re.compile(r"search/search_index\.json"),
               "dat de bundel de zoekindex als search/search_index.json ophaalt",
               "overrides/assets/javascripts/zoeken-later.js"),
    Assumption("{bundle}", re.compile(r"XMLHttpRequest"),
               "dat de bundel haar bestanden (zoals de zoekindex) met XMLHttpRequest ophaalt",
               "overrides/assets/javascripts/zoeken-later.js"),
    Assumption("{bundle}", re.compile(r"new Worker\("),
               "dat de bundel de zoek-worker met new Worker( start",
               "overrides/assets/javascripts/zoeken-later.js"),
]


@dataclass(frozen=True)
class Theme:
    """The folders Jinja searches, in its order, and how to name a file for an editor."""

    dirs: list[Path]
    root: Path
    """The project folder (where mkdocs.yml is): files inside it are shown relative to it."""

    def find(self, name: str) -> Path | None:
        return next((d / name for d in self.dirs if (d / name).is_file()), None)

    def shown(self, name: str) -> str:
        """A file of the project as its path (a custom_dir's override), else Material's with its version."""
        found = self.find(name)
        if found is not None and found.resolve().is_relative_to(self.root.resolve()):
            return found.resolve().relative_to(self.root.resolve()).as_posix()
        return f"mkdocs-material {_material_version()}: {name}"


def _material_version() -> str:
    try:
        return version("mkdocs-material")
    except PackageNotFoundError:  # pragma: no cover - Material is a dependency
        return "?"


def bundle(theme: Theme) -> str | None:
    """The bundle's path as Material's scripts block names it; None if the block changed."""
    source = theme.find("base.html")
    if source is None:
        return None
    block = _SCRIPTS_BLOCK.search(source.read_text(encoding="utf-8"))
    found = block and _MATERIAL_SCRIPTS.fullmatch(" ".join(block["body"].split()))
    return found["bundle"] if found and theme.find(found["bundle"]) else None


def check(theme: Theme) -> list[ContentError]:
    """Every assumption the theme no longer meets, as a Dutch error naming the theme file."""
    errors: list[ContentError] = []

    def fail(name: str, what: str, user: str) -> None:
        errors.append(ContentError(theme.shown(name), None, "thema-gewijzigd",
                                   f"dit bestand van het thema heeft niet meer {what}; {user} rekent daarop.",
                                   _FIX.format(user=user)))

    path = bundle(theme)
    if path is None:
        fail("base.html", "het blok scripts met alleen de bundel (assets/javascripts/bundle.….min.js) en "
             "extra_javascript", "overrides/main.html")
    texts: dict[str, str | None] = {}
    for assumption in ASSUMPTIONS:
        name = assumption.file.format(bundle=path) if path or "{bundle}" not in assumption.file else None
        if name is None:
            continue  # no bundle to read: reported once above
        if name not in texts:
            found = theme.find(name)
            texts[name] = found.read_text(encoding="utf-8", errors="replace") if found else None
        if texts[name] is None or not assumption.pattern.search(texts[name]):
            fail(name, assumption.what, assumption.user)
    return errors


def of(config: MkDocsConfig) -> Theme | None:
    """The build's theme folders; None for a theme other than Material (then nothing is assumed)."""
    if config.theme.name != "material":
        return None
    return Theme([Path(d) for d in config.theme.dirs], Path(config.config_file_path or "mkdocs.yml").parent)


def errors_for(config: MkDocsConfig) -> list[ContentError]:
    """The check of this build's theme (nothing to check for a theme other than Material)."""
    material = of(config)
    return check(material) if material else []


def bundle_for(config: MkDocsConfig) -> str | None:
    """The bundle's path for main.html (snp_bundle); None for another theme."""
    material = of(config)
    return bundle(material) if material else None
