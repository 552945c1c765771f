"""Staging folders beside site/: a build removes the leftovers of killed builds, never the folder of a
build that is still running beside it (two output folders in one project, at the same time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from snp_site import publish


def test_leftovers_go_and_a_running_builds_folder_stays(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # a process id that has ended
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = tmp_path / f"{publish.STAGING_PREFIX}{gone}-abc"
        running = tmp_path / f"{publish.STAGING_PREFIX}{alive.pid}-def"
        old_style = tmp_path / f"{publish.STAGING_PREFIX}xyz"
        ours_before = tmp_path / f"{publish._prefix()}ghi"  # an earlier build of this process (serve)
        for folder in (dead, running, old_style, ours_before):
            folder.mkdir()
        made = publish.staging_dir(tmp_path / "site")
        assert not dead.exists() and not old_style.exists() and not ours_before.exists()
        assert running.exists()
        assert made.exists() and made.name.startswith(publish._prefix())
    finally:
        alive.kill()
        alive.wait()
