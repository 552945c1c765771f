"""The grammar of our content, and the broken variants of each of its elements.

A case is a set of files an editor (or a git checkout) could leave in a project, with the file
(and line) the build must name. The generator reads what it varies from the code: the `[[...]]`
codes from their registry, the page kinds and their fields from the front-matter schemas. So a code,
a page kind or a field that a later change adds gets its broken variants without an edit here.

Cases that are not mistakes (valid Markdown or content that renders as the editor would expect) are
`Accepted`, each with the reason and a text the published page must show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from snp_site.content.kinds import KINDS
from snp_site.content.schema import Field


@dataclass(frozen=True)
class Symlink:
    """A symbolic link in the project, pointing at `target` (as written into the link)."""

    target: str


@dataclass(frozen=True)
class Folder:
    """A folder where the build expects a file; it holds one harmless file."""


Entry = str | bytes | Symlink | Folder


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    files: dict[str, Entry]
    """Path relative to the project (content/...) -> what is there."""
    where: str
    """The file the message must name."""
    line: int | None = None
    """The line it must name, where a mistake has one."""
    also: tuple[str, ...] = ()
    """Other files the build may rightly name for this mistake (a page that links to the broken one)."""


@dataclass(frozen=True)
class Accepted:
    kind: str
    name: str
    files: dict[str, Entry]
    url: str
    """The page (site path) that shows what the editor meant."""
    shows: str
    """Text the page's article must contain."""
    reason: str
    hides: tuple[str, ...] = field(default=("[[", "]("))
    """Text the article must not show."""


def code_names() -> list[str]:
    """Every `[[...]]` code of the build, from its registry (wherever the code keeps it)."""
    from snp_site.codes.registry import CODES

    return sorted(CODES)


def takes_no_arguments(name: str) -> bool:
    """A code whose bare form is right on its own (such as [[contact]]): its check, asked on empty
    content, finds nothing wrong with no arguments, so '[[name]]' is no mistake to generate."""
    from snp_site.codes.registry import CODES
    from snp_site.content.models import Content

    return CODES[name].check([], Content()) is None


VALID_CODE = {
    "cijfer": "[[cijfer proef.brieven]]",
    "grafiek": "[[grafiek trechter proef.brieven proef.gebeld]]",
    "schatting": "[[schatting proef.inwoners proef.maanden proef.brieven proef.gebeld proef.afspraken "
                 "proef.koppelingen]]",
    "download": "[[download toolkit]]",
}
"""A correct use of each code whose correct use we know: placed in odd spots it must still work."""

BODY_LINE = 8
"""The first body line of a page made by `page` (front matter, blank, heading, blank)."""


def _words(name: str) -> str:
    """A title from a case name: the fact check refuses loose digits in a text, so letters only."""
    letters = {str(d): w for d, w in enumerate("nul een twee drie vier vijf zes zeven acht negen".split())}
    return " ".join(letters.get(part, part) for part in re.split(r"[-_]", name) if part)


def page(name: str, body: str) -> str:
    return (f"---\ntitle: Proef {_words(name)}\ndescription: Een proefpagina voor het geval {_words(name)}.\n"
            f"---\n\n# Proef {_words(name)}\n\n{body}\n")


def _page_case(kind: str, name: str, body: str, line: int | None = BODY_LINE, **extra: object) -> Case:
    path = f"content/fout/{kind}-{name}.md"
    return Case(kind, f"{kind}-{name}", {path: page(f"{kind}-{name}", body)}, path, line, **extra)  # type: ignore[arg-type]


def _accepted(kind: str, name: str, body: str, shows: str, reason: str, **extra: object) -> Accepted:
    slug = f"{kind}-{name}"
    return Accepted(kind, slug, {f"content/goed/{slug}.md": page(slug, body)}, f"goed/{slug}/", shows, reason,
                    **extra)  # type: ignore[arg-type]


# --- codes -------------------------------------------------------------------------------------------


def code_cases() -> Iterator[Case | Accepted]:
    for n in code_names():
        bad = f"[[{n} onbekend.sleutel]]"
        variants = {
            "open": f"[[{n} proef.brieven",
            "open-zonder-argument": f"Tekst [[{n}",
            "een-haak": f"[[{n} proef.brieven]",
            "zonder-argument": f"[[{n}]]",
            "onbekende-sleutel": bad,
            "getal": f"[[{n} 12]]",
            "tekst-tussen-aanhalingstekens": f'[[{n} "een paar woorden"]]',
            "te-veel": f"[[{n} proef.brieven proef.gebeld proef.afspraken proef.koppelingen proef.inwoners "
                       f"proef.maanden proef.start proef.einde extra]]",
            "hoofdletters": f"[[{n.upper()} proef.brieven]]",
            "tikfout": f"[[{n}x proef.brieven]]",
            "over-twee-regels": f"[[{n}\nproef.brieven]]",
            "genest": f"[[{n} [[cijfer proef.brieven]]]]",
            "in-link": f"Zie [{bad}](../index.md).",
            "als-linkadres": f"Zie [de tekst]({bad}).",
            "in-kop": f"## Over {bad}",
            "in-lijst": f"- eerste punt\n- {bad}",
            "in-citaat": f"> {bad}",
            "in-tabel": f"| Wat | Hoeveel |\n| --- | --- |\n| brieven | {bad} |",
        }
        if takes_no_arguments(n):
            del variants["zonder-argument"]
        for name, body in variants.items():
            line = BODY_LINE + (2 if name == "in-tabel" else 1 if name == "in-lijst" else 0)
            yield _page_case("code", f"{n}-{name}", body, line)
        valid = VALID_CODE.get(n)
        if valid and n == "cijfer":
            shows = "73"
            for spot, body, why in (
                    ("in-kop", f"## Er zijn {valid} brieven", "a code in a heading fills in the heading"),
                    ("in-lijst", f"- eerste punt\n- {valid} brieven", "a code in a list item"),
                    ("in-tabel", f"| Wat | Hoeveel |\n| --- | --- |\n| brieven | {valid} |", "a code in a table cell"),
                    ("in-linktekst", f"Zie [{valid} brieven](../index.md).", "a code as link text"),
                    ("met-spaties", "[[ cijfer  proef.brieven ]]", "spaces inside the brackets are allowed"),
                    ("in-code", "Schrijf `[[cijfer proef.brieven]]` in de tekst.", "in code a code stays text")):
                shown = "[[cijfer proef.brieven]]" if spot == "in-code" else shows
                yield _accepted("code", f"{n}-geldig-{spot}", body, shown, why)
    for name, body in {"leeg": "[[]]", "alleen-spatie": "[[ ]]", "getal": "[[12]]", "streepje": "[[-]]",
                       "onbekend": "[[onbekend proef.brieven]]"}.items():
        yield _page_case("code", name, body)
    yield _accepted("code", "drie-haken", "[[[cijfer proef.brieven]]]", "[73]",
                    "a code in one more pair of brackets: the figure is filled in, the outer brackets are text")
    yield _accepted("code", "letterlijk", "Schrijf &#91;&#91;cijfer&#93;&#93; als u de haken wilt tonen.",
                    "[[cijfer]]", "the documented escape for a literal [[ (redactiehandleiding)", hides=("](",))


# --- links -------------------------------------------------------------------------------------------

LINK_TARGETS = {
    "pagina-bestaat-niet": "bestaat-niet.md",
    "pagina-zonder-md": "../index",
    "anker-hoofdletters": "../index.md#Proefsite",
    "anker-ontbreekt-hier": "#bestaat-niet",
    "anker-ontbreekt-daar": "../index.md#bestaat-niet",
    "anker-dubbel": "#kop_2",
    "download-bestaat-niet": "../downloads/bestaat-niet.pdf",
    "gegevensbestand": "../data/proef.yml",
    "verborgen-bestand": ".verborgen.txt",
    "map": "../assets/",
    "map-zonder-slash": "../assets",
    "buiten-content": "../../mkdocs.yml",
    "ver-buiten-content": "../../../../../etc/passwd",
    "eigen-site-voluit": "https://proef.invalid/site/methodiek/01-eerste/",
    "eigen-site-voluit-kapot": "https://proef.invalid/site/bestaat-niet/",
    "javascript": "javascript:alert(1)",
    "javascript-hoofdletters": "JaVaScRiPt:alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data": "data:text/html,hallo",
    "bestand-op-schijf": "file:///etc/passwd",
    "about": "about:blank",
    "chrome": "chrome://settings",
    "spatie-in-adres": "../index .md",
    "html-bestand": "../index.html",
}
"""What an editor might write between the round brackets of a link on content/fout/<case>.md. Targets
are pages no other case breaks (bestand-nav-is-map turns methodiek/01-eerste.md into a folder)."""

ACCEPTED_LINKS = {
    "afbeelding": ("../assets/logo.png", "a link may point at an image in content/"),
    "anker-tweede-kop": ("#kop_1", "the second heading with the same text has the anchor kop_1"),
    "anker-elders": ("../methodiek/01-eerste.md#tweede-kop", "an anchor that exists on another page"),
    "met-punthaken": ("<../index.md>", "CommonMark's angle brackets around an address"),
    "andere-site": ("https://voorbeeld.invalid/pagina", "a link to another site (the visitor clicks it)"),
}


def link_cases() -> Iterator[Case | Accepted]:
    for name, target in LINK_TARGETS.items():
        body = f"Lees [de tekst]({target}) eerst.\n\n## Kop\n\nTekst.\n\n## Kop\n\nMeer tekst."
        files: dict[str, Entry] = {}
        case = _page_case("link", name, body)
        if name == "verborgen-bestand":
            files["content/fout/.verborgen.txt"] = "verborgen\n"
        yield Case(case.kind, case.name, {**case.files, **files}, case.where, case.line)
    reference = "Lees [de tekst][bron] eerst.\n\n[bron]: bestaat-niet.md"
    yield _page_case("link", "verwijzing-naar-niets", reference, None)
    yield _page_case("link", "verwijzing-ontbreekt", "Lees [de tekst][bron] eerst.")
    yield _page_case("link", "html-link-kapot", '<a href="bestaat-niet.html">de tekst</a>')
    yield _page_case("link", "voetnoot-ontbreekt", "Een zin met een voetnoot[^een].")
    for name, (target, why) in ACCEPTED_LINKS.items():
        body = f"Lees [de tekst]({target}) eerst.\n\n## Kop\n\nTekst.\n\n## Kop\n\nMeer tekst."
        yield _accepted("link", name, body, "de tekst", why)


# --- files -------------------------------------------------------------------------------------------


def file_cases() -> Iterator[Case | Accepted]:
    d = "content/fout"
    good = page("bestand-goed", "Tekst.")
    simple: dict[str, tuple[str, Entry, int | None]] = {
        "leeg": (f"{d}/bestand-leeg.md", "", None),
        "alleen-witruimte": (f"{d}/bestand-witruimte.md", "\n \n\t\n", None),
        "binair": (f"{d}/bestand-binair.md", bytes(range(256)) * 4, None),
        "latin": (f"{d}/bestand-latin.md", page("bestand-latin", "Één café.").encode("latin-1"), None),
        "utf": (f"{d}/bestand-utf.md", page("bestand-utf", "Tekst.").encode("utf-16"), None),
        "nul-teken": (f"{d}/bestand-nul.md", page("bestand-nul", "Tekst\0met een nul."), None),
        "enorm": (f"{d}/bestand-enorm.md", page("bestand-enorm", ("Een zin. " * 12 + "\n\n") * 22000), None),
        "png-is-tekst": ("content/assets/tekst.png", "dit is geen plaatje\n", None),
        "svg-is-tekst": ("content/assets/tekst.svg", "dit is geen tekening\n", None),
        "jpg-leeg": ("content/assets/leeg.jpg", b"", None),
        "gegevens-binair": ("content/data/binair.yml", bytes(range(256)), None),
        "gegevens-leeg": ("content/data/leeg.yml", "", None),
        "md-is-map": (f"{d}/bestand-map.md", Folder(), None),
        "gegevens-is-map": ("content/data/map.yml", Folder(), None),
        "markdown-extensie": (f"{d}/bestand-extensie.markdown", page("bestand-extensie", "[[cijfer onbekend.x]]"),
                              None),
        "symlink-naar-map": (f"{d}/bestand-link-map", Symlink("../methodiek"), None),
        "symlink-naar-buiten": (f"{d}/bestand-link-buiten.md", Symlink("../../mkdocs.yml"), None),
        "symlink-absoluut": (f"{d}/bestand-link-absoluut.md", Symlink("/etc/hostname"), None),
        "symlink-naar-niets": (f"{d}/bestand-link-niets.md", Symlink("bestaat-niet.md"), None),
        "symlink-naar-zichzelf": (f"{d}/bestand-link-zelf.md", Symlink("bestand-link-zelf.md"), None),
        "symlink-map-naar-buiten": (f"{d}/bestand-link-map-buiten", Symlink("/etc"), None),
        "symlink-gegevens-kringloop": ("content/data/kring.yml", Symlink("kring.yml"), None),
        "symlink-gegevens-buiten": ("content/data/buiten.yml", Symlink("../../mkdocs.yml"), None),
        "symlink-afbeelding-kringloop": ("content/assets/kring.png", Symlink("kring.png"), None),
        "symlink-afbeelding-buiten": ("content/assets/link-buiten.png", Symlink("/usr/share/pixmaps/debian-logo.png"),
                                      None),
    }
    for name, (path, entry, line) in simple.items():
        yield Case("bestand", f"bestand-{name}", {path: entry}, path, line)
    yield Case("bestand", "bestand-symlink-keten-naar-niets",
               {f"{d}/bestand-keten-a.md": Symlink("bestand-keten-b.md"),
                f"{d}/bestand-keten-b.md": Symlink("bestaat-niet.md")}, f"{d}/bestand-keten-a.md")
    yield Case("bestand", "bestand-symlink-kringloop",
               {f"{d}/bestand-kring-a.md": Symlink("bestand-kring-b.md"),
                f"{d}/bestand-kring-b.md": Symlink("bestand-kring-a.md")}, f"{d}/bestand-kring-a.md")
    yield Case("bestand", "bestand-nav-is-map", {"content/methodiek/01-eerste.md": Folder()},
               "content/methodiek/01-eerste.md", also=("mkdocs.yml", "content/index.md"))
    yield Case("bestand", "bestand-symlink-binnen-andere-map", {f"{d}/bestand-link-index.md": Symlink("../index.md")},
               f"{d}/bestand-link-index.md")
    yield Accepted("bestand", "bestand-crlf", {"content/goed/bestand-crlf.md": good.replace("\n", "\r\n")},
                   "goed/bestand-crlf/", "Tekst.", "Windows line ends (a checkout with autocrlf) are plain text")
    yield Accepted("bestand", "bestand-bom", {"content/goed/bestand-bom.md": "\ufeff" + good},
                   "goed/bestand-bom/", "Tekst.", "a UTF-8 byte order mark, as Notepad writes it")
    yield Accepted("bestand", "bestand-symlink-zelfde-map",
                   {"content/goed/bestand-doel.md": page("bestand-doel", "Tekst van het doel."),
                    "content/goed/bestand-link.md": Symlink("bestand-doel.md")}, "goed/bestand-link/",
                   "Tekst van het doel.", "a link to a page in the same folder: the same page at a second address")


# --- Markdown blocks ---------------------------------------------------------------------------------

BLOCKS = {
    "fence-open-einde": ("Tekst.\n\n```\nprint(een)", BODY_LINE + 2),
    "fence-open-voor-kop": ("```\nprint(een)\n\n## Kop\n\nTekst met [[cijfer onbekend.x]].", None),
    "tilde-open": ("~~~\nprint(een)", BODY_LINE),
    "tabel-zonder-scheiding": ("| Wat | Hoeveel |\n| brieven | veel |", BODY_LINE),
    "tabel-zonder-witregel": ("Tekst.\n| Wat | Hoeveel |\n| --- | --- |\n| brieven | veel |", None),
    "lijst-zonder-witregel": ("Tekst:\n- eerste punt\n- tweede punt", None),
    "vet-open": ("Tekst met **vet.", BODY_LINE),
    "link-open": ("Lees [de tekst](../index.md eerst.", BODY_LINE),
    "afbeelding-open": ("![Logo van de proef](../assets/logo.png", BODY_LINE),
    "link-haak-op-volgende-regel": ("Lees [de tekst]\n(../index.md) eerst.", None),
    "html-div-open": ("<div>\n\nTekst met **vet**.", None),
    "html-details-open-voor-kop": ("<details>\n<summary>Meer</summary>\n\n## Kop\n\nTekst.", None),
    "html-commentaar-open": ("Tekst.\n\n<!-- nog doen\n\n## Kop\n\nTekst die verdwijnt.", None),
}


def block_cases() -> Iterator[Case | Accepted]:
    for name, (body, line) in BLOCKS.items():
        yield _page_case("blok", name, body, line)
    yield _accepted("blok", "tabel", "| Wat | Hoeveel |\n| --- | --- |\n| brieven | veel |", "brieven",
                    "a table as the tables extension expects", hides=("|", "---"))
    yield _accepted("blok", "kader", "!!! note \"Let op\"\n\n    Inhoud van het kader.", "Inhoud van het kader",
                    "an admonition as the admonition extension expects", hides=("!!!",))
    yield _accepted("blok", "kader-zonder-witregel", "Tekst.\n!!! note \"Let op\"\n    Inhoud van het kader.",
                    "Inhoud van het kader", "the admonition extension needs no blank line above", hides=("!!!",))
    yield _accepted("blok", "kader-zonder-spatie", "!!!note\n    Inhoud van het kader.", "Inhoud van het kader",
                    "the admonition extension allows !!!note without a space", hides=("!!!",))
    yield _accepted("blok", "fence", "```\nprint(een)\n```", "print(een)", "a closed fence is code")


# --- accessibility of a page's text (content/lint.py) ------------------------------------------------


def accessibility_cases() -> Iterator[Case | Accepted]:
    """Every vague link text the lint knows (its own list), every heading level a page can jump to
    from its title, and a second title: Markdown renders each without a word, only the lint objects."""
    from snp_site.content.lint import VAGUE_LINK_TEXTS

    for text in sorted(VAGUE_LINK_TEXTS):
        yield _page_case("toegankelijkheid", "linktekst-" + text.replace(" ", "-"), f"Lees [{text}](../index.md).")
    for depth in range(3, 7):
        yield _page_case("toegankelijkheid", f"kop-een-naar-{depth}", f"Tekst.\n\n{'#' * depth} Te diep\n\nTekst.",
                         BODY_LINE + 2)
    yield _page_case("toegankelijkheid", "tweede-titel", "# Nog een titel\n\nTekst.")
    yield _accepted("toegankelijkheid", "koppen-op-volgorde", "## Twee\n\nTekst.\n\n### Drie\n\nTekst.", "Drie",
                    "each heading one level below the one before")
    yield _accepted("toegankelijkheid", "linktekst-die-zegt-waarheen", "Lees [de startpagina](../index.md).",
                    "de startpagina", "a link text that names where it goes")


# --- front matter of every page kind -----------------------------------------------------------------

_KIND_PLACE: dict[str, str] = {
    "hoofdstuk": "content/{folder}/{number:02d}-fm-{slug}.md",
    "nieuwsbericht": "content/{folder}/2016-01-{day:02d}-fm-{slug}.md",
}
"""Where a page of a kind lives when its file name must follow a rule; any other kind (a later one
too) gets content/<its folder>/fm-<case>.md, and a plain page content/fout/."""

WRONG = {"text": "[een, lijst]", "bool": "misschien", "date": "12", "names": "Zwolle", "url": "geen adres",
         "hide": "toc", "document": "12"}
"""A value of the wrong type for each kind of field (schema.Field.kind)."""

RIGHT = {"text": "Een korte tekst", "bool": "true", "date": "2016-01-01", "url": "https://voorbeeld.invalid/",
         "hide": "[toc]", "document": "true", "gemeenten": "[Zwolle]", "partners": "[wijz]"}
"""A right value for an optional field, by kind (names: by field name, they must name something that exists)."""


def front_matter_cases() -> Iterator[Case | Accepted]:
    """Every field of every page kind (read from the kinds table): missing, of the wrong type, empty, a
    block, duplicated, with an unknown neighbour, and (accepted) an optional one with a right value."""
    number = 10
    for kind in sorted(KINDS, key=lambda k: k.name):
        pattern = _KIND_PLACE.get(kind.name, "content/{folder}/fm-{slug}.md")
        for f in kind.fields:
            for variant in ("ontbreekt", "verkeerd-type", "leeg", "blok", "dubbel", "onbekende-buur", "geldig"):
                number += 1
                slug = _letters(f"{kind.name}-{f.name}-{variant}")
                day = number % 28 + 1
                path = pattern.format(folder=kind.folders[0] if kind.folders else "fout", slug=slug, number=number,
                                      day=day)
                meta = {"title": f"Proef {_words(slug)}", "description": "Een proefpagina."}
                for other in kind.fields:
                    if other.required and other.name not in meta:
                        meta[other.name] = f"2016-01-{day:02d}" if other.kind == "date" else RIGHT[other.kind]
                lines, line = _mutate(meta, f, variant)
                if lines is None:
                    continue
                text = "---\n" + "".join(f"{line_}\n" for line_ in lines) + f"---\n\n# {meta['title']}\n\nTekst.\n"
                name = f"fm-{kind.name}-{f.name}-{variant}"
                if line is None:
                    yield Accepted("front matter", name, {path: text}, _url(kind.name, path), "Tekst.",
                                   f"the optional field {f.name} " + ("left out" if variant == "ontbreekt" else
                                                                        "with a right value"))
                else:
                    yield Case("front matter", name, {path: text}, path, line)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z-]", "", text.replace("_", "-"))


def _url(kind: str, path: str) -> str:
    stem = path.removeprefix("content/").removesuffix(".md")
    if kind == "nieuwsbericht":
        return "nieuws/" + re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem.removeprefix("nieuws/")) + "/"
    return stem + "/"


def _mutate(meta: dict[str, str], f: Field, variant: str) -> tuple[list[str] | None, int | None]:
    """The front-matter lines of one variant and the line the build must name (None: accepted)."""
    lines = [f"{k}: {v}" for k, v in meta.items()]
    present = f.name in meta
    if variant == "ontbreekt":
        if not present:
            return None, None
        return [line for line in lines if not line.startswith(f"{f.name}:")], (1 if f.required else None)
    if variant == "geldig":
        value = RIGHT.get(f.name, RIGHT.get(f.kind))
        if present or value is None:
            return None, None
        return lines + [f"{f.name}: {value}"], None
    if variant == "onbekende-buur":
        return lines + [f"{f.name}x: {meta.get(f.name, 'waarde')}"], len(lines) + 2
    value = {"verkeerd-type": WRONG[f.kind], "leeg": "", "blok": "{a: b}"}.get(variant)
    if variant == "dubbel":
        if not present:
            return None, None
        return lines + [f"{f.name}: {meta[f.name]}"], len(lines) + 2
    kept = [line for line in lines if not line.startswith(f"{f.name}:")]
    return kept + [f"{f.name}: {value}".rstrip()], len(kept) + 2


def all_cases() -> list[Case | Accepted]:
    found = [*code_cases(), *link_cases(), *file_cases(), *block_cases(), *accessibility_cases(),
             *front_matter_cases()]
    names = [c.name for c in found]
    assert len(names) == len(set(names)), "two cases with one name"
    return found
