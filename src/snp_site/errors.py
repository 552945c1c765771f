"""Editor-facing errors: one type, worded in Dutch, carrying file, line and fix.

Every stage that finds a mistake in content returns `ContentError` values instead of raising,
so a build can report all mistakes at once. `ContentErrors` is the single exception the
plugin and the CLI raise when the list is not empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one file, with what an editor needs to fix it."""

    path: str
    """Path as the editor sees it, relative to the folder with mkdocs.yml (e.g. content/index.md)."""
    line: int | None
    code: str
    """Stable name of the kind of mistake; fixtures and the handleiding refer to it."""
    message: str
    fix: str

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}, regel {self.line}"
        return f"{where}: {self.message}\n  Oplossing: {self.fix}"


Report = Callable[[int | None, str, str, str], None]
"""report(line, code, message, fix): one mistake in the file a reporter was made for."""


def reporter(path: str, errors: list[ContentError]) -> Report:
    """A `report` that adds errors about the file at `path` to `errors`: the one way a stage words
    a mistake while it walks one file."""

    def report(line: int | None, code: str, message: str, fix: str) -> None:
        errors.append(ContentError(path, line, code, message, fix))

    return report


def unless_strict(errors: list[ContentError], strict: bool, log: logging.Logger) -> list[ContentError]:
    """Errors in a strict build (`make site`, `snp controleer`, CI); in any other, such as the preview
    an editor saves into every minute, the same mistakes as warnings: told, not blocked."""
    if strict:
        return errors
    for error in errors:
        log.warning(error.format())
    return []


def summary(errors: Iterable[ContentError]) -> str:
    """One Dutch line such as '3 fouten in 2 bestanden'."""
    errors = list(errors)
    files = len({e.path for e in errors})
    noun = "fout" if len(errors) == 1 else "fouten"
    place = "bestand" if files == 1 else "bestanden"
    return f"{len(errors)} {noun} in {files} {place}"


class ContentErrors(PluginError):
    """Raised once, with every error of a build, before anything is published."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line or 0, e.code, e.message))
        body = "\n".join(e.format() for e in self.errors)
        super().__init__(f"De site is niet gebouwd ({summary(self.errors)}); site/ is niet veranderd.\n"
                         f"{body}")
