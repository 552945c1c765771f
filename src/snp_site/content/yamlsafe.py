"""Stage 0 of loading: turn editor-written YAML into Python data with line numbers.

Editors write YAML by hand, so this loader is stricter and kinder than PyYAML's default:
dates stay strings (we parse them ourselves, with Dutch errors, instead of PyYAML raising on
2017-02-30), anchors and aliases are refused (they are how "YAML bombs" expand), nesting is
capped, and every error becomes a `ContentError` with the file's own line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from snp_site.errors import ContentError, reporter

MAX_DEPTH = 8
"""Front matter and data files need three levels; deeper input is a mistake or an attack."""

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# libyaml's parser when PyYAML was built with it (about ten times faster), same behaviour otherwise.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _EditorLoader(_BASE):  # type: ignore[misc, valid-type]
    """SafeLoader without implicit timestamps: a date is a string until our parser reads it."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# PyYAML's problems in English, with what an editor should do about them.
_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "Gebruik spaties om in te springen, geen tabs."),
    ("mapping values are not allowed", "Staat er een dubbele punt in een waarde? Zet de waarde dan "
     "tussen aanhalingstekens, bijvoorbeeld title: \"Tilburg: de eerste stap\"."),
    ("could not find expected ':'", "Elke regel heeft de vorm naam: waarde. Controleer of de dubbele "
     "punt er staat, en of een lange waarde tussen aanhalingstekens staat."),
    ("found unexpected end of stream", "Er mist een afsluitend aanhalingsteken."),
    ("while scanning a quoted scalar", "Er mist een afsluitend aanhalingsteken."),
    ("did not find expected key", "Controleer het inspringen: zet elke naam op dezelfde plek als "
     "de naam erboven, en begin lijstjes met '- '."),
)
_DEFAULT_HINT = ("Controleer deze regel en de regel erboven: elke regel heeft de vorm naam: waarde, "
                 "met spaties (geen tabs) om in te springen.")


@dataclass
class YamlDoc:
    """Parsed YAML plus the line of every mapping key, so later checks can point at a line."""

    data: Any
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    """Line in the file of each key path, e.g. ('brieven', 'bron') -> 4."""

    def line(self, *path: str) -> int | None:
        """Line of the deepest known key on `path` (falls back to its parents)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def load_yaml(text: str, display_path: str, first_line: int) -> tuple[YamlDoc | None, list[ContentError]]:
    """Parse `text`, whose first line is line `first_line` of `display_path`."""

    refused: list[ContentError] = []
    report = reporter(display_path, refused)
    offset = first_line - 1
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_EditorLoader):
            line = event.start_mark.line + 1 + offset
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                report(line, "yaml-anker", "deze regel gebruikt een YAML-anker (&) of "
                       "verwijzing (*); dat is hier niet toegestaan.",
                       "Schrijf de waarde voluit in plaats van met & of *.")
                return None, refused
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    report(line, "yaml-te-diep", f"de gegevens zijn dieper genest dan "
                           f"{MAX_DEPTH} niveaus.", "Maak de structuur platter; "
                           "front matter heeft meestal maar één niveau nodig.")
                    return None, refused
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        loader = _EditorLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # For an unclosed quote the useful line is where the quote opens, not the end of the file.
        quoted = "quoted scalar" in (exc.context or "")
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = f"{exc.context or ''} {exc.problem or ''}"
        if exc.problem_mark and _char_at(text, exc.problem_mark.line, exc.problem_mark.column) == "\t":
            problem += " '\\t'"  # libyaml does not name the character; a tab is the usual cause
        hint = next((h for key, h in _HINTS if key in problem), _DEFAULT_HINT)
        report(line, "yaml-syntax", "dit is geen geldige YAML.", hint)
        return None, refused
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        report(first_line, "yaml-syntax", f"dit is geen geldige YAML ({type(exc).__name__}).",
               _DEFAULT_HINT)
        return None, refused

    doc = YamlDoc(data)
    errors: list[ContentError] = []
    if node is not None:
        doc.lines[()] = node.start_mark.line + 1 + offset
        _collect_lines(node, (), offset, doc.lines, errors, display_path)
    return (None, errors) if errors else (doc, [])


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _collect_lines(node: yaml.Node, path: tuple[str, ...], offset: int,
                   lines: dict[tuple[str, ...], int], errors: list[ContentError], display_path: str) -> None:
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1 + offset
        if key in seen:
            errors.append(ContentError(display_path, line, "dubbele-sleutel",
                                       f"'{key}' staat twee keer in hetzelfde blok.",
                                       f"Houd één regel met '{key}' over en verwijder de andere."))
        seen.add(key)
        lines[path + (key,)] = line
        _collect_lines(value_node, path + (key,), offset, lines, errors, display_path)


def load_yaml_file(raw: bytes, display_path: str) -> tuple[YamlDoc | None, list[ContentError]]:
    """A whole YAML file (data, sources): decoded as UTF-8 like Markdown, then parsed from line 1."""
    from snp_site.content.source import decode  # source.py imports this module

    text, errors = decode(raw, display_path)
    if text is None:
        return None, errors
    return load_yaml(text, display_path, first_line=1)
