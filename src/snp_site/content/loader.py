"""The load stage: read every file of content/ into the typed model, collecting all errors.

Nothing is written here and nothing raises for an editor's mistake: `load` returns the
`Content` it could build and the list of `ContentError`s, so one run reports every mistake.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from snp_site.content import editions, schema
from snp_site.content.files import UNREADABLE, check_files
from snp_site.content.data import DATA_SUFFIXES, load_figure_file
from snp_site.content.kinds import (ADOPTION_FILE, DATA_DIR, EDITIONS_FILE, NEWS, PARTNER, SOURCES_DIR, SOURCES_PAGE, PageKind,
                                   kind_of)
from snp_site.content.models import Chapter, Content, Page
from snp_site.content.source import Source, read_source
from snp_site.errors import ContentError
from snp_site.sources.entries import load_entries

@dataclass
class Loaded:
    content: Content
    errors: list[ContentError] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)
    """src_uris of pages that exist but could not be read; links to them are not reported again."""
    partial: dict[str, Page] = field(default_factory=dict)
    """Pages whose front matter failed its schema: their bodies are still checked and rendered,
    so one build reports the mistakes in the body too."""

    def bodies(self) -> dict[str, Page]:
        """Every page whose body can be checked, valid or not."""
        return {**self.partial, **self.content.pages}


def walk(docs_dir: Path) -> list[str]:
    """Every file below docs_dir as a src_uri, sorted, skipping hidden ones as MkDocs does."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith("."):
                found.append((Path(root) / name).relative_to(docs_dir).as_posix())
    return sorted(found)


def load(docs_dir: Path, display_root: Path) -> Loaded:
    """Read content/: pages through their schema, data files into figures."""
    loaded = Loaded(Content())
    prefix = docs_dir.resolve().relative_to(display_root.resolve()).as_posix()

    loaded.errors += check_files(docs_dir, prefix)
    unreadable = {e.path for e in loaded.errors if e.code in UNREADABLE}
    loaded.content.sources, loaded.content.broken_sources, errors = load_entries(
        docs_dir / SOURCES_DIR, f"{prefix}/{SOURCES_DIR}")
    loaded.errors += errors
    for src_uri in walk(docs_dir):
        path = docs_dir / src_uri
        display = f"{prefix}/{src_uri}"
        if src_uri == ADOPTION_FILE:
            continue  # read by the news stage, with its own schema
        if src_uri.startswith(SOURCES_DIR + "/"):
            continue  # read above, as source entries
        if display in unreadable:
            loaded.broken.add(src_uri)
        elif src_uri == EDITIONS_FILE:
            loaded.content.editions, errors = editions.load(path, display)
            loaded.errors += errors
        elif src_uri.startswith(DATA_DIR + "/") and src_uri.endswith(DATA_SUFFIXES):
            figures, bad, errors = load_figure_file(path, display)
            loaded.content.figures.update(figures)
            loaded.content.broken_figures |= bad
            loaded.errors += errors
        elif src_uri.endswith(".md"):
            page, errors = _load_page(path.read_bytes(), src_uri, display)
            loaded.errors += errors
            if page is None:
                loaded.broken.add(src_uri)
            elif errors:
                loaded.partial[src_uri] = page
            else:
                loaded.content.pages[src_uri] = page

    if SOURCES_PAGE in loaded.bodies():
        loaded.content.sources_page = SOURCES_PAGE
    partner_slugs = {uri.rsplit("/", 1)[-1].removesuffix(".md") for uri in loaded.bodies().keys() | loaded.broken
                     if kind_of(uri) is PARTNER}
    loaded.errors += _cross_checks(loaded, partner_slugs)
    return loaded


def _load_page(raw: bytes, src_uri: str, display: str) -> tuple[Page | None, list[ContentError]]:
    source, errors = read_source(raw, display)
    if source is None:
        return None, errors
    kind = kind_of(src_uri)
    errors = schema.validate(source, kind.name, kind.fields) + kind.check_name(src_uri, display)
    if errors:
        title = source.meta.data.get("title")
        return Page(src_uri, display, title if isinstance(title, str) else "", "", source.body,
                    source.body_line, meta=dict(source.meta.data), kind=kind.name,
                    lines={p[0]: n for p, n in source.meta.lines.items() if len(p) == 1}), errors
    return _build_model(source, src_uri, kind), []


def _build_model(source: Source, src_uri: str, kind: PageKind) -> Page:
    meta = dict(source.meta.data)
    common = dict(src_uri=src_uri, path=source.path, title=meta["title"].strip(),
                  description=meta["description"].strip(), body=source.body, body_line=source.body_line,
                  meta=meta, kind=kind.name,
                  lines={path[0]: line for path, line in source.meta.lines.items() if len(path) == 1},
                  toolkit=bool(meta.get("toolkit", False)))
    return kind.model(common, meta, src_uri)


def _cross_checks(loaded: Loaded, partner_slugs: set[str]) -> list[ContentError]:
    """Checks that need more than one file: partner slugs in news, chapter numbers.

    Partner references are checked on news items with other mistakes too, and against every
    partner file, readable or not, so one mistake does not cause a second message."""
    errors: list[ContentError] = []
    content = loaded.content
    for item in loaded.bodies().values():
        slugs = item.meta.get("partners") if item.kind == NEWS.name else None
        for slug in slugs if isinstance(slugs, list) else ():
            if isinstance(slug, str) and slug not in partner_slugs:
                errors.append(ContentError(
                    item.path, item.line_of("partners"), "onbekende-partner",
                    f"partner '{slug}' bestaat niet.",
                    schema.suggest(slug, sorted(partner_slugs), "partners")
                    + " Een partner is de naam van een bestand in partners/ zonder .md."))
    seen: dict[tuple[str, int], Chapter] = {}
    for chapter in content.chapters:
        other = seen.setdefault((chapter.section, chapter.order), chapter)
        if other is not chapter:
            errors.append(ContentError(chapter.path, None, "dubbel-volgnummer",
                                       f"volgnummer {chapter.order:02d} wordt ook gebruikt door {other.path}.",
                                       "Geef elk hoofdstuk in deze map een eigen volgnummer."))
    return errors

