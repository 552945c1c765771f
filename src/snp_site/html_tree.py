"""Reading HTML: every stage that reads a page or a piece of one parses it here, with one parser.

The parser is libxml2's, through lxml (C: on our pages some fifty times faster than a pure-Python
HTML5 parser); the tree it hands on is made of the standard library's `xml.etree.ElementTree` elements,
so readers use one element type and `ET.tostring` writes an element back the same way everywhere.
Inside `<svg>` the names SVG writes in camelCase (`viewBox`, `linearGradient`) get their case back,
as an HTML5 parser does: libxml2 lower-cases every name, and a drawing written out again needs them.

The rule: reading goes through html_tree. A step that rewrites a written page and must keep every
other byte of it (markup.py, images.py, headers.py, codes/download.py) is a targeted substitution,
never a parse and serialise, which would change bytes nobody meant to touch. Raw HTML an editor
types in Markdown is no page yet: content/rawhtml.py reads its tags as written, with their lines.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping

import lxml.etree

_SVG_NAMES = (
    # Element names (HTML standard, "adjust SVG tag names" in foreign content).
    "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform",
    "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
    "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
    "feTurbulence", "foreignObject", "glyphRef", "linearGradient", "radialGradient", "textPath",
)
_SVG_ATTRIBUTES = (
    # Attribute names (HTML standard, "adjust SVG attributes").
    "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode", "clipPathUnits",
    "diffuseConstant", "edgeMode", "filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
    "kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
    "limitingConeAngle", "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
    "numOctaves", "pathLength", "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX",
    "pointsAtY", "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
    "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
    "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles", "surfaceScale",
    "systemLanguage", "tableValues", "targetX", "targetY", "textLength", "viewBox", "viewTarget",
    "xChannelSelector", "yChannelSelector", "zoomAndPan",
)
_SVG_TAG = {name.lower(): name for name in _SVG_NAMES}
_SVG_ATTRIBUTE = {name.lower(): name for name in _SVG_ATTRIBUTES}


class _Builder(ET.TreeBuilder):
    """The standard library's elements, built from libxml2's events."""

    def __init__(self) -> None:
        super().__init__(insert_comments=True, insert_pis=True)

    def start(self, tag: str, attrs: Mapping[str, str]) -> ET.Element:  # type: ignore[override]
        return super().start(tag, attrs or {})  # lxml hands on an immutable mapping for no attributes


def _svg_case(root: ET.Element) -> None:
    for svg in root.iter("svg"):
        for el in svg.iter():
            if isinstance(el.tag, str):
                el.tag = _SVG_TAG.get(el.tag, el.tag)
            if any(name in _SVG_ATTRIBUTE for name in el.attrib):
                el.attrib = {_SVG_ATTRIBUTE.get(name, name): value for name, value in el.attrib.items()}


def parse_document(text: str) -> ET.Element:
    """A whole page: its <html> element, with the <head> and <body> it has or the parser implies."""
    parser = lxml.etree.HTMLParser(encoding="utf-8", target=_Builder(), no_network=True)
    parser.feed(text.encode("utf-8"))
    root = parser.close()
    if root is None:  # nothing but white space
        root = ET.Element("html")
        ET.SubElement(root, "body")
    _svg_case(root)
    return root


def parse_fragment(text: str) -> ET.Element:
    """A piece of a page (a chapter as MkDocs rendered it, a table): a <body> element holding it."""
    body = parse_document(f"<body>{text}</body>").find("body")
    assert body is not None
    return body


def text_of(el: ET.Element) -> str:
    """All text inside the element, as it stands (comments left out)."""
    return "".join(el.itertext())


def classes(el: ET.Element) -> set[str]:
    """The names in the element's class attribute."""
    return set((el.get("class") or "").split())
