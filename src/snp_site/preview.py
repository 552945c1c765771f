"""Live preview with errors: what `mkdocs serve` shows an editor while content has mistakes.

MkDocs' own serve keeps showing the last good site and prints a traceback when a rebuild
fails. Instead, while serving, a build with content errors succeeds with every page replaced
by one Dutch page that lists the errors; livereload then refreshes the browser, and the next
save that fixes the content brings the real pages back by itself.
"""

from __future__ import annotations

from html import escape

from snp_site.errors import ContentError, summary


_STYLE = ("body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}"
          "main{max-width:46rem;margin:0 auto;padding:1.5rem}h1{font-size:1.6rem;line-height:1.25}"
          "li{margin-bottom:1rem;padding-left:.75rem;border-left:.25rem solid #b00020}li p{margin:.25rem 0}")


def error_page(errors: list[ContentError], site_name: str) -> str:
    """A small self-contained HTML page: no scripts or requests of its own (the site's assets may be
    what is broken), only a few lines of style so it reads like a page and not like a crash."""
    items = "".join(
        f"<li><p><strong>{escape(e.path)}{f', regel {e.line}' if e.line else ''}</strong>: "
        f"{escape(e.message)}</p><p>Oplossing: {escape(e.fix)}</p></li>"
        for e in errors)
    return (
        "<!doctype html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Fouten in de inhoud - {escape(site_name)}</title>\n<style>{_STYLE}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"<h1>De pagina kan niet worden gebouwd: {escape(summary(errors))}</h1>\n"
        "<p>Verbeter de fouten hieronder en sla het bestand op. Deze pagina ververst dan vanzelf.</p>\n"
        f"<ol>{items}</ol>\n</main>\n</body>\n</html>\n")
