"""The publish stage: a build goes to a fresh folder beside site/ and replaces it in one step.

So site/ is always a complete old or a complete new site, whatever happens during the build
(an editor's mistake, a crash, a kill). On Linux the swap is one atomic renameat2 exchange;
elsewhere two renames with a moment in between.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".site.bouw-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _prefix() -> str:
    """The staging prefix with this process's id: another build running beside this one (a second
    output folder in the same project) must not take our folder for a leftover."""
    return f"{STAGING_PREFIX}{os.getpid()}-"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def _left_over(folder: Path) -> bool:
    """A staging folder of a build that no longer runs: of a process that ended, of an earlier build
    of this process (serve builds one at a time), or of a version without ids."""
    owner = folder.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
    return not owner.isdigit() or int(owner) == os.getpid() or not _running(int(owner))


def staging_dir(site_dir: Path) -> Path:
    """A new empty folder beside site_dir; leftovers of killed builds are removed first."""
    parent = site_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{STAGING_PREFIX}*"):
        if _left_over(stale):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=_prefix(), dir=parent))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make `staging` the new site_dir and delete the old site."""
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it.
    if site_dir.exists() and _exchange(staging, site_dir):
        shutil.rmtree(staging)
        return
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=_prefix(), dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old)


def discard(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
