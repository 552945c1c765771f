"""Stage 3 of the toolkit: read the PDF back and check what the typesetter cannot promise by itself.

Fonts must be embedded and be the typeface the stylesheet asks for (a fallback font means the font
package is missing), and the PDF/UA checker `outloud` must find no errors. Hands back Dutch problem
texts; the caller turns them into build errors.

Of the two PDF/UA checkers on PyPI, `outloud` is kept: on the same toolkit `pdfua` 0.1.3 ran 12
checks and passed, while `outloud` also found link annotations without the Print flag and content
painted out of tag order (see docs/toolkit.md).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pikepdf

FONT_NAME = "OpenSans"
"""PostScript family name of the embedded typeface (Open Sans, package fonts-open-sans)."""


def font_problems(pdf: bytes) -> list[str]:
    problems = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for name, embedded in sorted(fonts(doc)):
            if FONT_NAME not in name.replace("-", ""):
                problems.append(f"het lettertype {name} is gebruikt in plaats van Open Sans")
            if not embedded:
                problems.append(f"het lettertype {name} is niet in de PDF opgenomen")
    return problems


def fonts(doc: pikepdf.Pdf) -> set[tuple[str, bool]]:
    """(BaseFont name, embedded?) of every font on every page."""
    found = set()
    for page in doc.pages:
        for _, font in page.resources.get("/Font", {}).items():
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            descriptor = target.get("/FontDescriptor", {})
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font.get("/BaseFont", "")).lstrip("/"), embedded))
    return found


SKIPPED_RULES: dict[str, str] = {}
"""Checker rules we do not hold the toolkit to, with why. None: TBL-010 ("header cells look
shredded") was skipped for WeasyPrint's row headers; Typst writes those as data cells (docs/toolkit.md)."""


def accessibility_problems(pdf: bytes) -> tuple[list[str], list[str]]:
    """Errors of the PDF/UA checker, and its warnings (to log; not fatal)."""
    import outloud  # type: ignore[import-untyped]  # imported here: a build whose PDF is cached never needs it

    with tempfile.TemporaryDirectory(prefix="snp-toolkit-") as tmp:
        path = Path(tmp) / "toolkit.pdf"
        path.write_bytes(pdf)
        result = outloud.check(str(path))
    if result.error:
        return [f"de PDF/UA-controle kon het bestand niet lezen ({result.error})"], []
    # The checker words its findings in English: the log gets one Dutch line with the rules' codes,
    # and docs/toolkit.md says what each means for our toolkit.
    rules = sorted({f.rule for f in result.findings if f.severity == "warning"})
    warnings = [f"PDF/UA-controle: geen fouten, wel {len(rules)} soort(en) waarschuwing ({', '.join(rules)}); "
                "ze houden de build niet tegen, uitleg in docs/toolkit.md."] if rules else []
    return [f"{f.rule}{'' if f.page is None else f' (pagina {f.page})'}: {f.message}" for f in result.findings
            if f.severity == "error" and f.rule not in SKIPPED_RULES], warnings
