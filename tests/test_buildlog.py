"""The build log an editor reads: the engine's own INFO lines in Dutch or left out (buildlog.py)."""

from __future__ import annotations

import logging

import pytest

from snp_site import buildlog, engine

ROOT = engine.root_logger().name


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.mark.parametrize(("logger", "english", "dutch"), [
    ("commands.build", "Cleaning site directory", None),
    ("commands.build", "Building documentation to directory: /ergens/.site.bouw-abc", None),
    ("commands.build", "Documentation built in 3.21 seconds", "De site is gebouwd in 3.21 seconden."),
    ("commands.serve", "Building documentation...", "De site wordt gebouwd ..."),
    ("livereload", "[10:04:31] Serving on http://127.0.0.1:8000/overdracht/",
     "[10:04:31] Bekijk de site op http://127.0.0.1:8000/overdracht/"),
    ("livereload", "[10:04:31] Watching paths for changes: 'content', 'mkdocs.yml'", None),
    ("livereload", "[10:04:35] Reloading browsers", "[10:04:35] Klaar: de browser laadt de pagina opnieuw."),
    ("structure.nav", 'The following pages exist in the docs directory, but are not included in the "nav" '
     "configuration:\n  - partners/wijz.md",
     "Deze pagina's staan niet in het menu (nav in mkdocs.yml); bezoekers vinden ze alleen via een link:\n"
     "  - partners/wijz.md"),
    ("commands.build", "A line the table does not know", "A line the table does not know"),
])
def test_engine_info_lines_become_dutch_or_go(logger: str, english: str, dutch: str | None) -> None:
    buildlog.install()
    buildlog.install()  # serve loads the plugin again: still one filter, one rewrite
    keep = _Keep()
    target = logging.getLogger(f"{ROOT}.{logger}")
    target.addHandler(keep)
    level, target.level = target.level, logging.DEBUG
    try:
        target.info(english)
        target.warning(english)  # warnings are never touched: strict mode counts them
    finally:
        target.removeHandler(keep)
        target.setLevel(level)
    assert keep.lines == ([dutch] if dutch else []) + [english]
