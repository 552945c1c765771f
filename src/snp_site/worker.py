"""A second process for a build's heavy, pure work: the toolkit PDF, the editable documents, the share cards.

Why: a build runs in one process and the machines we build on have a second core. A build starts
the worker first thing; the worker imports Typst (and the PDF/UA checker when the build asks for it)
and the document writers while MkDocs reads the pages, then does its tasks in the order they arrive:
a page's DOCX and ODT as MkDocs renders it, the PDF handed over in on_env, a card for each page as
MkDocs writes it. The build's own process meanwhile does what only it can do.

The worker is only a speed-up. When it cannot start, dies or answers nonsense, `answer_or_run` does
the task in the build itself, with the same function and so the same bytes. Nothing of
the worker outlives the build: it exits when its input ends, and `stop` kills it.

Protocol: the parent writes pickled (name, task, argument) tuples to the worker's stdin and closes
it when no more will come; the worker answers each with a pickled (name, result) on its stdout, in
the order of the tasks, and exits 0 at the end of its input. Anything else it prints goes to stderr.
Two threads of the parent move the bytes (one writes, one reads), so neither side waits on a full pipe.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
"""The folder that holds snp_site: the worker must import the same code as the build."""
_NO_PDF_UA = "--no-pdf-ua"
_NICE = "--nice="
log = logging.getLogger("mkdocs.plugins.snp.worker")
_END = None
"""Put on the send queue: no more tasks; the worker's input is closed."""


@functools.cache
def _tasks() -> dict[str, tuple[Callable[[Any], Any], type]]:
    """What a worker can do, by name: each a plain function of plain data, also run in the build itself,
    with the type of an answer that can be trusted."""
    from snp_site import documents
    from snp_site.sharing.cards import draw_card
    from snp_site.toolkit.produce import Toolkit, produce

    return {"toolkit": (produce, Toolkit), "kaart": (draw_card, bytes), "documenten": (documents.write, dict)}


def run_here(task: str, argument: Any) -> Any:
    """Do a task in this process."""
    return _tasks()[task][0](argument)


def answer_or_run(worker: Worker | None, name: str, task: str, argument: Any) -> Any:
    """The worker's answer to the task `name`, or, when there is no worker or no answer to trust, the
    task done here with the same function, so the same bytes either way. The one place a stage takes
    what it handed the worker."""
    answer = worker.result(name) if worker is not None else None
    if isinstance(answer, _tasks()[task][1]):
        return answer
    if worker is not None and not worker.said_missing:  # worth a line: such a build is slower
        worker.said_missing = True
        log.info("Het hulpproces gaf geen antwoord; wat het nog moest maken, maakt de build nu zelf.")
    return run_here(task, argument)


class Worker:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._outbox: queue.Queue[tuple[str, str, Any] | None] = queue.Queue()
        self._answers: dict[str, Any] = {}
        self._answered = threading.Condition()
        self._ended = False
        self._input_closed = False
        self.said_missing = False
        """The log said once that this worker left work to the build."""
        self._sender = threading.Thread(target=self._send, daemon=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._sender.start()
        self._reader.start()

    @classmethod
    def start(cls, nice: int = 0, pdf_ua: bool = True) -> Worker | None:
        """`nice` above 0 lets the build's own process go first (the preview's pages before its PDF);
        without `pdf_ua` the worker does not load the PDF/UA checker (no task will ask for it)."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH")) if p)
        try:
            # The worker lowers its own priority: a preexec_fn would make Python copy the whole build
            # process (fork) instead of starting the new one directly, which costs the rebuild time.
            command = ([sys.executable, "-m", "snp_site.worker"] + ([] if pdf_ua else [_NO_PDF_UA])
                       + ([f"{_NICE}{nice}"] if nice else []))
            process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL)
        except OSError:
            return None
        return cls(process)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def submit(self, name: str, task: str, argument: Any) -> None:
        """Hand over a task without waiting; `name` is how `result` asks for its answer."""
        if not self._input_closed:
            self._outbox.put((name, task, argument))

    def close_input(self) -> None:
        """No more tasks: the worker finishes those it has and exits."""
        if not self._input_closed:
            self._input_closed = True
            self._outbox.put(_END)

    def answered(self, name: str) -> bool:
        """Whether the answer to `name` is in (without waiting)."""
        with self._answered:
            return name in self._answers

    def result(self, name: str) -> Any | None:
        """The answer to the task `name`, waiting for it; None when there is none to trust (the worker
        died, answered nonsense, or never got that task)."""
        with self._answered:
            while name not in self._answers and not self._ended:
                self._answered.wait()
            return self._answers.pop(name, None)

    def pause(self) -> None:
        """Take no processor time until `resume` (SIGSTOP; where there is none, it goes on)."""
        self._signal("SIGSTOP")

    def resume(self) -> None:
        self._signal("SIGCONT")

    def _signal(self, name: str) -> None:
        number = getattr(signal, name, None)
        if number is None or self.process.poll() is not None:
            return
        try:
            os.kill(self.process.pid, number)
        except OSError:
            pass  # it ended meanwhile

    def stop(self) -> None:
        """End the worker now, whatever it was doing (the build is over, or failed)."""
        self.close_input()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass

    def _send(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while (message := self._outbox.get()) is not _END:
                stdin.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
                stdin.flush()
            stdin.close()
        except (OSError, ValueError):
            pass  # the worker died or was stopped; result() says so

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while True:
                name, answer = pickle.load(stdout)
                with self._answered:
                    self._answers[str(name)] = answer
                    self._answered.notify_all()
        except Exception:  # the end of its output, a half-written answer or nonsense: nothing more to trust
            pass
        with self._answered:
            self._ended = True
            self._answered.notify_all()


def _serve(source: BinaryIO, answer: BinaryIO, pdf_ua: bool) -> int:
    from snp_site import documents
    from snp_site.sharing import cards
    from snp_site.toolkit.produce import preload

    documents.preload()  # first: the pages that have documents are rendered before on_env
    preload(pdf_ua)
    cards.preload()
    while True:
        try:
            name, task, argument = pickle.load(source)
        except EOFError:
            return 0
        pickle.dump((name, run_here(task, argument)), answer, protocol=pickle.HIGHEST_PROTOCOL)
        answer.flush()


def main() -> int:
    for argument in sys.argv[1:]:
        if argument.startswith(_NICE):
            os.nice(int(argument[len(_NICE):]))
    # The answers go to the stdout we were given; a library that prints writes to stderr instead.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with answer:
        return _serve(sys.stdin.buffer, answer, _NO_PDF_UA not in sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
