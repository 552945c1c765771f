"""Live preview with errors: what `mkdocs serve` shows an editor while content has mistakes.

MkDocs' own serve keeps showing the last good site and prints a traceback when a rebuild
fails. Instead, while serving, a build with content errors succeeds with every page replaced
by one Dutch page that lists the errors; livereload then refreshes the browser, and the next
save that fixes the content brings the real pages back by itself.
"""

from __future__ import annotations

import os
import time
from html import escape
from pathlib import Path
from typing import Any

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


FASTEST_POLL, SLOWEST_POLL = 0.05, 0.5
"""How often the preview looks for saved files: at most twenty times a second, at least as often as
the engine itself (every 0.5 s)."""
POLL_SHARE = 0.02
"""The share of one core that looking may take: a big site (thousands of news items) is looked at
less often than a small one."""
SETTLE_SECONDS = 0.05
"""How long it waits after a save for more saves before it rebuilds (the engine's: 0.1 s)."""


def poll_seconds(folder: Path) -> float:
    """How often to look at `folder`, from the time one look takes (listing and stat-ing every file,
    as the engine's watcher does)."""
    started = time.perf_counter()
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                os.stat(os.path.join(root, name))
            except OSError:
                pass
    return pace(time.perf_counter() - started)


def pace(look: float) -> float:
    """Seconds between looks that take `look` seconds each: POLL_SHARE of a core, between
    FASTEST_POLL and SLOWEST_POLL."""
    return min(SLOWEST_POLL, max(FASTEST_POLL, look / POLL_SHARE))


def watch_closely(server: Any, seconds: float) -> bool:
    """Let a save reach the rebuild sooner: the engine polls the watched folders every half second
    and then waits a tenth, so an editor waited 0.35 s on average before the rebuild even started.

    Looking every `seconds` (poll_seconds: 0.05 s for our content, where one look takes 0.3 ms) and
    waiting SETTLE_SECONDS cuts that to about 0.08 s. The engine has no option for this: the knobs are
    its server's `build_delay` and the timeout of its watchdog polling observer and emitters. Where a
    version of the engine lacks them, the preview keeps the engine's pace (False)."""
    observer = getattr(server, "observer", None)
    emitters = getattr(observer, "emitters", None)
    if not hasattr(server, "build_delay") or not hasattr(observer, "_timeout") or emitters is None:
        return False
    if not all(hasattr(emitter, "_timeout") for emitter in emitters):
        return False
    server.build_delay = min(server.build_delay, SETTLE_SECONDS)
    observer._timeout = seconds  # for folders watched from now on
    for emitter in emitters:
        emitter._timeout = seconds
    return True
