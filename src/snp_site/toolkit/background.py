"""While serving: the pages first, the toolkit after them.

`mkdocs serve` rebuilds and reloads the pages without waiting for the PDF. A toolkit the cache does
not have is made by a worker process (typeset and PDF/UA-checked, as in a build), started once the
pages are written: a worker that starts up beside the rebuild slows it (the two share the
machine's cores), and the editor is waiting for the page. Meanwhile the download links say it is
being made. When the worker is done, it touches a file that the server
watches: that rebuild finds the finished toolkit here (same chapters, same key) and shows it, or
shows its problems on the error page (preview.py), as any content error.

MkDocs makes a new plugin for every rebuild, so what must outlive one build lives in this module,
per config file. A save that changes the toolkit again stops the worker of the old version. While
any rebuild runs, a worker still making a toolkit is paused (`pause`, `resume`): beside the rebuild
it took the cores the editor waits for, and an editor saves again before the PDF is done.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from snp_site.toolkit import ToolkitRun
from snp_site.toolkit.produce import Job, Toolkit
from snp_site.worker import Worker, answer_or_run


@dataclass
class _Run:
    key: str
    job: Job
    worker: Worker | None = None
    started: bool = False
    made: Toolkit | None = None
    done: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()


log = logging.getLogger("mkdocs.plugins.snp")

_runs: dict[str, _Run] = {}
_signals: dict[str, Path] = {}
_lock = threading.Lock()


def _site(config: MkDocsConfig) -> str:
    return str(Path(config.config_file_path or "mkdocs.yml").resolve())


def watch(server: Any, config: MkDocsConfig) -> None:
    """Give the server a folder to watch that only we write in: a change there asks for a rebuild."""
    config_file = _site(config)
    folder = Path(tempfile.mkdtemp(prefix="snp-toolkit-klaar-"))
    signal = folder / "klaar"
    signal.write_text("0", encoding="ascii")
    server.watch(str(folder))
    _signals[config_file] = signal


def follow(toolkit: ToolkitRun, config: MkDocsConfig) -> None:
    """Make `toolkit` ready when this version of it was made in the background; else ask for it to be
    made once the pages are written (`start`), unless that is under way already, and leave it unready:
    the links then say download.MAKING."""
    config_file = _site(config)
    with _lock:
        run = _runs.get(config_file)
        if run is not None and run.key == toolkit.key:
            if run.done.is_set() and run.made is not None:
                toolkit.accept(run.made)
            return
        if run is not None:
            run.stop()  # an older version: its PDF is of no use any more
        assert toolkit.job is not None
        _runs[config_file] = _Run(toolkit.key, toolkit.job)


def pause(config: MkDocsConfig) -> None:
    """A rebuild begins: the worker making this site's toolkit waits until it is over."""
    with _lock:
        run = _runs.get(_site(config))
        if run is not None and run.worker is not None and not run.done.is_set():
            run.worker.pause()


def resume_all() -> None:
    """The rebuild is over, or failed: every paused worker goes on (one that `follow` stopped is gone)."""
    with _lock:
        for run in _runs.values():
            if run.worker is not None:
                run.worker.resume()


def start(config: MkDocsConfig) -> None:
    """Start the worker for the toolkit `follow` asked for, or let it go on: the rebuild's pages are
    written by now."""
    config_file = _site(config)
    with _lock:
        run = _runs.get(config_file)
        if run is not None and run.started and run.worker is not None:
            run.worker.resume()
        if run is None or run.started:
            return
        run.started = True
        log.info("De toolkit wordt op de achtergrond gemaakt; tot hij klaar is, zeggen de downloadlinks dat.")
        run.worker = Worker.start(nice=10)
        if run.worker is not None:
            run.worker.submit("toolkit", "toolkit", run.job)
            run.worker.close_input()
    threading.Thread(target=_wait, args=(run, config_file), daemon=True).start()


def _wait(run: _Run, config_file: str) -> None:
    made = answer_or_run(run.worker, "toolkit", "toolkit", run.job)
    with _lock:
        if _runs.get(config_file) is not run:
            return  # a newer save replaced this version
        run.made = made
        run.done.set()
    signal = _signals.get(config_file)
    if signal is not None and signal.parent.is_dir():
        signal.write_text(run.key, encoding="ascii")


def stop_all() -> None:
    """The server stops: no worker or watched folder outlives it."""
    with _lock:
        for run in _runs.values():
            run.stop()
        _runs.clear()
        for signal in _signals.values():
            shutil.rmtree(signal.parent, ignore_errors=True)
        _signals.clear()
