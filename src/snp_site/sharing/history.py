"""When each page last changed, from the page itself or from git: the date search engines and
readers see ("laatst gewijzigd", the sitemap's lastmod).

The order: `updated` in the front matter, else the day of the last commit that changed the file,
else the build date. Commit dates are fixed for a commit, so a build of the same commit gives the
same dates. A file with changes that are not committed yet (an editor's live preview) gets the
build date: its last commit no longer describes it. One `git log` for the whole folder, not one
per file: the archive may hold thousands of news items.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from snp_site.dates import DateProblem, PartialDate, parse_date, today

log = logging.getLogger("mkdocs.plugins.snp.sharing")

_TIMEOUT = 30


def commit_dates(folder: Path) -> dict[str, PartialDate]:
    """The day of the last commit that touched each file below `folder`, by path relative to it.

    Empty when the folder is not in a git checkout, git is missing, or the history is unreadable:
    then every page falls back to the build date, which is what a build from an archive should do.
    """
    log_lines = _git(folder, "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", ".")
    if log_lines is None:
        return {}
    # Files not committed at all are not in the log; these are committed but changed since.
    changed = _git(folder, "diff", "--name-only", "--relative", "--no-renames", "HEAD", "--", ".") or ""
    dirty = {line for line in changed.splitlines() if line}
    found: dict[str, PartialDate] = {}
    day: PartialDate | None = None
    for line in log_lines.splitlines():
        if line.startswith("\0"):
            day = parse_date(line[1:])
            continue
        if line and day is not None and line not in found:
            found[line] = day
    return {path: date for path, date in found.items() if path not in dirty}


def page_date(updated: object, src_uri: str, commits: dict[str, PartialDate]) -> PartialDate:
    """The page's own date: front matter, else its last commit, else the build date. A page whose
    front matter failed its check still renders (so its body is checked too): a wrong `updated`
    was reported there, and is passed over here."""
    if isinstance(updated, str) and updated:
        try:
            return parse_date(updated)
        except DateProblem:
            pass
    if src_uri in commits:
        return commits[src_uri]
    return today()


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(folder), *args], capture_output=True, text=True,
                              timeout=_TIMEOUT, check=False, env=_quiet_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _quiet_env() -> dict[str, str]:
    """Paths exactly as stored (no octal escapes of accents), and no pager or prompts."""
    import os

    env = dict(os.environ)
    env.update({"GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    return env
