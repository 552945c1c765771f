"""Make the toolkit PDF in a second process, on the machine's second core.

Why: without a cached PDF, checking it (outloud, PDF/UA) is most of a build; Typst itself takes
tenths of a second. A build starts the worker first thing; the worker imports the checker while
MkDocs reads and renders the pages, then typesets and checks while MkDocs writes them. While
serving, a worker makes the PDF after the pages are shown (background.py).

The worker is only a speed-up. When it cannot start, dies or answers nonsense, `result` gives None
and the build makes the PDF itself, with the same code (produce.py) and so the same bytes. Nothing of
the worker outlives the build: without a job it exits when its input closes, and `stop` kills it.

Protocol: the parent writes one pickled Job to the worker's stdin and closes it; the worker writes
one pickled Toolkit to its stdout and exits 0. Anything else the worker prints goes to stderr.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from snp_site.toolkit.produce import Job, Toolkit, preload, produce

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""The folder that holds snp_site: the worker must import the same code as the build."""
_NO_PDF_UA = "--no-pdf-ua"


class Worker:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._sender: threading.Thread | None = None

    @classmethod
    def start(cls, nice: int = 0, pdf_ua: bool = True) -> Worker | None:
        """`nice` above 0 lets the build's own process go first (the preview's pages before its PDF);
        without `pdf_ua` the worker does not load the checker (its job will not ask for it)."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH")) if p)
        try:
            command = [sys.executable, "-m", "snp_site.toolkit.worker"] + ([] if pdf_ua else [_NO_PDF_UA])
            process = subprocess.Popen(command, env=env,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL,
                                       preexec_fn=(lambda: os.nice(nice)) if nice else None)
        except OSError:
            return None
        return cls(process)

    def submit(self, job: Job) -> None:
        """Hand over the job without waiting: the worker reads it only once its imports are done,
        and a pipe holds less than one toolkit."""
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=self._send, args=(data,), daemon=True)
        self._sender.start()

    def _send(self, data: bytes) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(data)
            stdin.close()
        except OSError:
            pass  # the worker died; result() says so

    def result(self) -> Toolkit | None:
        """The worker's answer, waiting for it; None when there is none to trust."""
        stdout = self.process.stdout
        assert stdout is not None
        try:
            data = stdout.read()
        except OSError:
            data = b""
        code = self.process.wait()
        if self._sender is not None:
            self._sender.join()
        stdout.close()
        if code != 0 or not data:
            return None
        try:
            made = pickle.loads(data)
        except Exception:  # a half-written answer: the build makes the PDF itself
            return None
        return made if isinstance(made, Toolkit) else None

    def stop(self) -> None:
        """End a worker that is not needed (the PDF came from the cache, or the build failed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass


def _serve(source: BinaryIO, answer: BinaryIO, pdf_ua: bool) -> int:
    preload(pdf_ua)
    data = source.read()
    if not data:
        return 0  # the build needed no PDF from us
    made = produce(pickle.loads(data))
    answer.write(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    answer.flush()
    return 0


def main() -> int:
    # The answer goes to the stdout we were given; a library that prints writes to stderr instead.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with answer:
        return _serve(sys.stdin.buffer, answer, _NO_PDF_UA not in sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
