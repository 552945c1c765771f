"""Stage 2 of the toolkit: typeset the assembled document with Typst into PDF/UA-1 bytes.

Typst tags the PDF itself (headings, lists, tables with header cells, figures with their
alternative text, links, footnotes), marks running headers, footers and page backgrounds as
artifacts, and refuses to write a PDF/UA-1 file it knows to be wrong (no title, an image without
alternative text): such a refusal comes back as a warning, like every Typst warning, so the
caller fails the build instead of publishing a PDF with a gap.

Fonts: only the file fontconfig gives for "Open Sans" (Debian's fonts-open-sans) and its folder;
no system scan, no fonts built into Typst. A machine without the package gets another typeface,
which verify.font_problems reports.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

from snp_site.toolkit import typst_source

FAMILY = "Open Sans"


@dataclass
class Typeset:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    fetched: dict[str, str] = field(default_factory=dict)


@cache
def font_folders() -> tuple[str, ...]:
    """The folder of the font fontconfig picks for Open Sans (a fallback's folder when it is missing)."""
    try:
        found = subprocess.run(["fc-match", "--format=%{file}", f"{FAMILY}:style=Regular"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ()
    return (str(Path(found).parent),) if found else ()


def typeset(document: str, site_url: str, resolve: Callable[[str], Path | None]) -> Typeset:
    """Write the Typst source and its files into a temporary folder (Typst's root: it reads nothing
    outside it) and compile; equal input, equal bytes (the date comes from the document)."""
    import typst

    source = typst_source.write(document, site_url, resolve)
    created = _timestamp(source.created)
    with tempfile.TemporaryDirectory(prefix="snp-typst-") as tmp:
        root = Path(tmp)
        for name, data in source.files.items():
            (root / name).write_bytes(data)
        main = root / "toolkit.typ"
        main.write_text(source.text, encoding="utf-8")
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                            font_paths=list(font_folders()))
        compiler = typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)
        try:
            pdf, warnings = compiler.compile_with_warnings(input=str(main), format="pdf",
                                                           pdf_standards=["ua-1"], timestamp=created)
        except typst.TypstError as error:
            return Typeset(b"", 0, [*source.problems, f"Typst: {error.message}"], source.fetched)
    assert isinstance(pdf, bytes)
    packed, pages = _packed(pdf)
    return Typeset(packed, pages, [*source.problems, *(f"Typst: {w.message}" for w in warnings)],
                   source.fetched)


def _timestamp(iso: str) -> int:
    try:
        return int(datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())
    except ValueError:
        return 0


def _packed(pdf: bytes) -> tuple[bytes, int]:
    """Typst writes every structure element as a plain object: packing them into compressed object
    streams (PDF 1.5, allowed by PDF/UA-1) halves the file (about 290 KB -> 145 KB for the toolkit).
    The document id is derived from the content, so equal input stays equal bytes. Also the page count."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 deterministic_id=True)
        return out.getvalue(), len(doc.pages)
