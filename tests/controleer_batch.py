"""Run `snp controleer` on many projects in one Python process; write each run's result as JSON.

Why: a fresh process per check spends most of its time importing MkDocs, Material and our plugin.
Each project is still checked by its own `snp controleer` (the CLI's main, in the project's folder),
and its exit code, standard output and standard error are kept apart, so every case proves its own
message. An exception that escapes the CLI is recorded as a traceback, which the tests refuse.

Usage: python controleer_batch.py RESULT.json PROJECT...
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback
from pathlib import Path


def check_one(project: Path) -> dict[str, object]:
    """`snp controleer` in project, as an editor runs it there."""
    from snp_site.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: object = main(["controleer"])
            except SystemExit as exc:
                code = exc.code
            except BaseException:  # noqa: BLE001 - the test must see what escaped, not this script dying
                traceback.print_exc(file=err)
                code = None
    finally:
        os.chdir(cwd)
    return {"returncode": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def main(argv: list[str]) -> int:
    target, projects = Path(argv[0]), [Path(p) for p in argv[1:]]
    results = {str(project): check_one(project) for project in projects}
    target.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
