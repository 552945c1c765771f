"""The build log an editor reads: the engine's English INFO lines in Dutch, or left out.

Why: `make site` and `make serve` print what ProperDocs (or MkDocs) says about itself, such as the
staging folder it builds into or the news pages that are not in the menu. An editor can act on none
of that, and not in English. Each line the engine logs at INFO is matched here by its logger and its
text; a line with no Dutch text is dropped, a line not in the table is left as it is (a new engine
line shows up rather than vanishing). Warnings and errors are never touched: strict mode counts them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from snp_site import engine


@dataclass(frozen=True)
class Line:
    logger: str
    """Below the engine's root logger, e.g. 'commands.build'."""
    pattern: re.Pattern[str]
    dutch: str | None
    """The Dutch line (may use the pattern's groups as {name}); None: leave the line out."""


LINES = [
    Line("commands.build", re.compile(r"Cleaning site directory$"), None),
    # The folder is the staging folder (publish.py), not site/: only confusing.
    Line("commands.build", re.compile(r"Building documentation to directory: "), None),
    Line("commands.build", re.compile(r"Documentation built in (?P<s>[\d.]+) seconds$"),
         "De site is gebouwd in {s} seconden."),
    Line("commands.serve", re.compile(r"Building documentation\.\.\.$"), "De site wordt gebouwd ..."),
    Line("commands.serve", re.compile(r"Shutting down\.\.\.$"), "De voorvertoning stopt."),
    Line("livereload", re.compile(r"Watching paths for changes: "), None),
    Line("livereload", re.compile(r"Serving on (?P<url>\S+)"), "Bekijk de site op {url}"),
    Line("livereload", re.compile(r"Detected file changes$"), "Een bestand is gewijzigd."),
    Line("livereload", re.compile(r"Reloading browsers$"), "Klaar: de browser laadt de pagina opnieuw."),
    Line("livereload", re.compile(r"Browser connected: "), None),
    Line("structure.nav", re.compile(r"The following pages exist in the docs directory, but are not included "
                                     r'in the "nav" configuration:\n(?P<pages>.*)', re.S),
         "Deze pagina's staan niet in het menu (nav in mkdocs.yml); bezoekers vinden ze alleen via een link:\n"
         "{pages}"),
]


_STAMP = re.compile(r"^(\[\d\d:\d\d:\d\d\] )?(.*)$", re.S)
"""The live preview's lines start with the time ([10:04:31] ); it stays in front of the Dutch line."""


class _Dutch(logging.Filter):
    """Rewrites or drops the INFO lines of one engine logger."""

    def __init__(self, lines: list[Line]) -> None:
        super().__init__()
        self.lines = lines

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO:
            return True
        stamp, text = _STAMP.match(record.getMessage()).groups()
        for line in self.lines:
            found = line.pattern.match(text)
            if found is None:
                continue
            if line.dutch is None:
                return False
            record.msg, record.args = (stamp or "") + line.dutch.format(**found.groupdict()), None
            return True
        return True


def install() -> None:
    """Put the filters on the engine's loggers; idempotent (serve loads the plugin more than once)."""
    root = engine.root_logger().name
    for name in sorted({line.logger for line in LINES}):
        logger = logging.getLogger(f"{root}.{name}")
        for old in [f for f in logger.filters if isinstance(f, _Dutch)]:
            logger.removeFilter(old)
        logger.addFilter(_Dutch([line for line in LINES if line.logger == name]))
