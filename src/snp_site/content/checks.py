"""The check stage: what pages point at must exist (pages, anchors, images, figures).

Runs on the loaded model before anything is written. Anchors can only be checked once MkDocs
has rendered the pages (only then are heading ids known), so `check_refs` hands back the
anchor checks for `check_anchors` to finish after rendering.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from snp_site.content.models import Content, Page
from snp_site.content.rawhtml import check_raw_html, dangerous_url
from snp_site.content.refs import open_fence, scan
from snp_site.codes.registry import check_code
from snp_site.errors import ContentError, reporter
from snp_site.suggest import closest, did_you_mean

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_WEB_SCHEMES = {"http", "https", "mailto", "tel"}
"""What a link on a web page may start with (file:, about: and the like lead nowhere for a visitor)."""
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass(frozen=True)
class AnchorCheck:
    path: str
    line: int
    target_src: str
    anchor: str
    target_text: str


def _close(word: str, options: list[str], relative_to: str | None = None) -> str:
    """' Bedoelde u 'x'?' for the closest option; paths are shown relative to `relative_to`."""
    match = closest(word, options)
    if match is None:
        return ""
    shown = posixpath.relpath(match, relative_to or ".") if relative_to is not None else match
    return " " + did_you_mean(shown)


def _resolve(page: Page, target: str) -> str:
    """Target relative to the page, as a src_uri; starts with '..' when it leaves content/."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), target))


def check_refs(content: Content, pages: dict[str, Page], all_files: set[str],
               broken: set[str]) -> list[ContentError]:
    """Check the bodies of `pages` (valid and partial ones) against everything in content/."""
    return _walk_refs(content, pages, all_files, broken)[0]


def anchor_checks(content: Content, pages: dict[str, Page], all_files: set[str],
                  broken: set[str]) -> list[AnchorCheck]:
    """The links to a heading: only checkable once MkDocs has rendered the pages (`check_anchors`)."""
    return _walk_refs(content, pages, all_files, broken)[1]


def _walk_refs(content: Content, pages: dict[str, Page], all_files: set[str],
               broken: set[str]) -> tuple[list[ContentError], list[AnchorCheck]]:
    errors: list[ContentError] = []
    anchors: list[AnchorCheck] = []
    for page in sorted(pages.values(), key=lambda p: p.src_uri):
        errors += check_raw_html(page.body, page.path, page.body_line)
        fence = open_fence(page.body)
        if fence is not None:
            errors.append(ContentError(page.path, page.body_line + fence, "codeblok-open",
                                       "dit codeblok wordt niet gesloten: de rest van de pagina wordt code.",
                                       "Zet onder de code een regel met dezelfde tekens als erboven (``` of ~~~)."))

        err = reporter(page.path, errors)

        for ref in scan(page.body, page.body_line):
            if ref.kind == "code":
                problem = check_code(ref.target, ref.args, content)
                if problem:
                    err(ref.line, *problem)
                continue
            target = ref.target.split("?", 1)[0]
            if ref.kind == "image":
                _check_image(page, ref.text, target, ref.line, all_files, err)
            else:
                anchor = _check_link(page, target, ref.line, pages, all_files, broken, err)
                if anchor:
                    anchors.append(anchor)
    return errors, anchors


def _check_image(page: Page, alt: str, target: str, line: int, all_files: set[str], err) -> None:
    if not alt.strip():
        err(line, "alt-ontbreekt", f"de afbeelding '{target}' heeft geen alt-tekst.",
            "Schrijf tussen de rechte haken wat er op de afbeelding te zien is, bijvoorbeeld "
            "![Logo van de gemeente](../assets/logo.png).")
    why = dangerous_url(target, "img", "src")
    if why:
        err(line, "adres-verboden", f"de afbeelding '{target[:40]}': {why}.",
            "Zet de afbeelding als bestand in content/assets/ en verwijs daarnaar.")
        return
    if _SCHEME.match(target) or target.startswith("//"):
        if not target.startswith("data:"):
            err(line, "externe-afbeelding", f"de afbeelding '{target}' staat op een andere website.",
                "Bezoekers mogen niets van andere websites laden. Zet het bestand in content/assets/ "
                "en verwijs daarnaar.")
        return
    resolved = _resolve(page, target)
    if resolved.startswith(".."):
        err(line, "pad-buiten-content", f"de afbeelding '{target}' ligt buiten de map content/.",
            "Zet het bestand in content/assets/ en verwijs daarnaar.")
    elif resolved not in all_files:
        err(line, "afbeelding-ontbreekt", f"de afbeelding '{target}' bestaat niet.",
            "Controleer de naam en de map; afbeeldingen staan in content/assets/."
            + _close(posixpath.basename(resolved), sorted(posixpath.basename(f) for f in all_files)))


def _check_link(page: Page, target: str, line: int, pages: dict[str, Page], all_files: set[str],
                broken: set[str], err) -> AnchorCheck | None:
    if not target:
        err(line, "lege-link", "een link heeft geen adres.", "Zet tussen de ronde haken waar de link heen gaat.")
        return None
    why = dangerous_url(target, "a", "href")
    if why:
        err(line, "adres-verboden", f"de link '{target[:40]}': {why}.",
            "Link naar een pagina in content/ of naar een gewoon webadres (https://...).")
        return None
    if _SCHEME.match(target) and target.split(":", 1)[0].lower() not in _WEB_SCHEMES:
        err(line, "link-schema", f"de link '{target[:40]}' werkt niet voor een bezoeker van de site.",
            "Link naar een pagina in content/ of naar een gewoon webadres (https://...).")
        return None
    if _SCHEME.match(target) or target.startswith("//"):
        return None
    if target.startswith("/"):
        err(line, "absolute-link", f"de link '{target}' begint met een /.",
            "Verwijs met een relatief pad naar het .md-bestand, bijvoorbeeld ../nieuws/index.md; "
            "dan werkt de link ook als de site in een submap staat.")
        return None
    path, _, anchor = target.partition("#")
    if not path:
        return AnchorCheck(page.path, line, page.src_uri, anchor, target)
    resolved = _resolve(page, path)
    if resolved.startswith(".."):
        err(line, "pad-buiten-content", f"de link '{target}' gaat naar een plek buiten de map content/.",
            "Verwijs alleen naar pagina's en bestanden in content/.")
        return None
    known = sorted(pages) + sorted(broken)
    if resolved.endswith(".md"):
        if resolved not in pages and resolved not in broken:
            err(line, "link-kapot", f"de link '{target}' gaat naar een pagina die niet bestaat.",
                "Controleer de bestandsnaam en de map."
                + _close(resolved, known, posixpath.dirname(page.src_uri)))
            return None
        return AnchorCheck(page.path, line, resolved, anchor, target) if anchor and resolved in pages else None
    if resolved not in all_files:
        index = posixpath.join(resolved, "index.md")
        hint = f" Schrijf de link naar het bestand: {posixpath.relpath(index, posixpath.dirname(page.src_uri))}." \
            if index in pages else _close(resolved, known, posixpath.dirname(page.src_uri))
        err(line, "link-kapot", f"de link '{target}' gaat naar iets dat niet bestaat.",
            "Verwijs naar het .md-bestand van de pagina." + hint)
    return None


def page_ids(html: str) -> set[str]:
    """Every id in rendered page content: the anchors a link may point at."""
    return set(_ID.findall(html))


def check_anchors(checks: list[AnchorCheck], ids: dict[str, set[str]]) -> list[ContentError]:
    errors = []
    for check in checks:
        known = ids.get(check.target_src, set())
        if check.anchor not in known:
            errors.append(ContentError(check.path, check.line, "anker-kapot",
                                       f"de link '{check.target_text}' wijst naar '#{check.anchor}', maar "
                                       "die kop bestaat niet op die pagina.",
                                       "Gebruik het anker van een bestaande kop: kleine letters, spaties "
                                       "worden streepjes." + _close(check.anchor, sorted(known))))
    return errors


def duplicate_urls(urls: dict[str, str], display_prefix: str) -> list[ContentError]:
    """Two Markdown files published at one address (nieuws/a.md and nieuws/a/index.md).

    `urls` maps each src_uri to its final address, after the news stage moved items to their slug."""
    by_url: dict[str, list[str]] = defaultdict(list)
    for src_uri in sorted(urls):
        by_url[urls[src_uri]].append(src_uri)
    errors = []
    for url, sources in sorted(by_url.items()):
        for other in sources[1:]:
            errors.append(ContentError(f"{display_prefix}/{other}", None, "dubbele-url",
                                       f"deze pagina krijgt hetzelfde adres ({url or '/'}) als "
                                       f"{display_prefix}/{sources[0]}.",
                                       "Hernoem of verwijder een van de twee bestanden."))
    return errors


def missing_nav_pages(nav: object, pages: set[str], config_file: Path) -> list[ContentError]:
    """Every page the menu (nav: in mkdocs.yml) names that content/ does not have: MkDocs would only
    warn, in English, and leave the entry out of the menu."""
    text = config_file.read_text(encoding="utf-8", errors="replace").split("\n")
    errors = []
    for entry in _nav_entries(nav):
        if _SCHEME.match(entry) or entry.startswith("/") or entry in pages:
            continue
        line = next((n for n, row in enumerate(text, start=1) if entry in row), None)
        errors.append(ContentError(config_file.name, line, "menu-pagina-ontbreekt",
                                   f"het menu (nav) noemt '{entry}', maar dat is geen pagina in content/.",
                                   "Controleer de naam en de map, of haal de regel uit het menu."
                                   + _close(entry, sorted(pages))))
    return errors


def _nav_entries(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [entry for value in node.values() for entry in _nav_entries(value)]
    if isinstance(node, list):
        return [entry for item in node for entry in _nav_entries(item)]
    return []
