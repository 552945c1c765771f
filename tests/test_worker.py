"""The build's worker (snp_site/worker.py): a speed-up that must never change the PDF or a card, nor
leave a process behind.

Whole builds through the worker are tested in test_toolkit (byte-identical to a cached build; a
problem found after the pages were written publishes nothing) and test_sharing (the cards). Here: the
worker and the build's own process make the same bytes, and a worker that dies or talks nonsense
leaves the work to the build.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import subprocess
import sys
import time

import pikepdf
import pytest

from snp_site.toolkit import ToolkitRun
from snp_site.cache import Cache
from snp_site.toolkit.assemble import Edition, ToolkitChapter, document
from snp_site.toolkit.produce import Job, Toolkit, produce
from snp_site.sharing.cards import DEFAULT
from snp_site.worker import Worker, answer_or_run, run_here

SITE_URL = "https://toolkit.invalid/"
CHAPTERS = [ToolkitChapter("methodiek/a.md", "Aanleiding", "Methodiek", SITE_URL + "methodiek/a/",
                           '<h1 id="aanleiding">Aanleiding</h1><p>Een korte alinea over de proef.</p>'),
            ToolkitChapter("methodiek/b.md", "Aanpak", "Methodiek", SITE_URL + "methodiek/b/",
                           '<h1 id="aanpak">Aanpak</h1><ul><li>Eerst bellen.</li><li>Dan langsgaan.</li></ul>')]
CARD = ("Proefsite", "Een pagina met een lange titel over steun na het verlies van een partner", DEFAULT)
EDITION = Edition("Proefsite", "Toolkit Proefsite", "14 juli 2017", "2017-07-14T02:40:00Z")


@pytest.fixture(scope="module")
def job() -> Job:
    return Job(document(CHAPTERS, EDITION), SITE_URL, {})


@pytest.fixture(scope="module")
def made_here(job: Job) -> Toolkit:
    return produce(job)


def test_the_worker_makes_the_same_pdf_and_cards_as_the_build_itself(job: Job, made_here: Toolkit) -> None:
    assert made_here.pdf.startswith(b"%PDF-") and made_here.pages > 1
    assert not (made_here.warnings or made_here.font_problems or made_here.accessibility)
    card = CARD
    worker = Worker.start()
    assert worker is not None
    worker.submit("toolkit", "toolkit", job)
    worker.submit("kaart", "kaart", card)
    worker.close_input()
    assert worker.result("kaart") == run_here("kaart", card)  # answers are asked for in any order
    assert worker.result("toolkit") == made_here
    assert worker.result("nooit gevraagd") is None
    assert worker.process.wait(timeout=60) == 0  # its input ended: it exits by itself
    worker.stop()


def test_a_dead_worker_leaves_the_pdf_to_the_build(made_here: Toolkit, caplog: pytest.LogCaptureFixture) -> None:
    worker = Worker.start()
    assert worker is not None
    worker.process.kill()
    with worker:
        run = ToolkitRun(worker)
        run.start(CHAPTERS, EDITION, SITE_URL, {})
        assert not run.ready
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.snp.worker"):
            result = run.result()
            assert answer_or_run(worker, "kaart", "kaart", CARD) == run_here("kaart", CARD)
        assert run.worker is None  # the run is done with the worker once it had its answer
    assert caplog.text.count("Het hulpproces gaf geen antwoord") == 1  # said once, not per task
    assert result.errors == []
    assert result.pdf == made_here.pdf


def test_an_answer_that_is_not_a_result_is_not_trusted(job: Job) -> None:
    talks_nonsense = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read(); print('onzin')"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    worker = Worker(talks_nonsense)
    worker.submit("toolkit", "toolkit", job)
    worker.close_input()
    assert worker.result("toolkit") is None
    worker.stop()


def test_a_worker_without_a_job_ends_by_itself_or_when_stopped() -> None:
    idle = Worker.start()
    assert idle is not None
    idle.close_input()  # the build needed nothing from it: the worker finishes its imports and exits
    assert idle.process.wait(timeout=120) == 0
    idle.stop()

    unneeded = Worker.start()
    assert unneeded is not None
    unneeded.stop()
    assert unneeded.process.returncode is not None


def test_the_preview_worker_gives_way_to_the_build_and_still_makes_the_same_pdf(job: Job, made_here: Toolkit) -> None:
    """The preview's worker (nice 10) lowers its own priority and answers as a build's worker does."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    with Worker.start(nice=10) as worker:
        assert worker is not None
        worker.submit("toolkit", "toolkit", job)
        wanted, deadline = min(own + 10, 19), time.monotonic() + 30
        while os.getpriority(os.PRIO_PROCESS, worker.process.pid) != wanted and time.monotonic() < deadline:
            time.sleep(0.01)  # the worker lowers it itself, first thing after it starts
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == wanted
        assert answer_or_run(worker, "toolkit", "toolkit", job).pdf == made_here.pdf


def _state(pid: int) -> str:
    """The process state Linux reports: 'T' for one that was stopped."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def _becomes(pid: int, stopped: bool) -> bool:
    """Whether the process is (or is no longer) stopped within 30 s: a signal is delivered a moment
    after it is sent."""
    deadline = time.monotonic() + 30
    while (_state(pid) == "T") != stopped and time.monotonic() < deadline:
        time.sleep(0.01)
    return (_state(pid) == "T") == stopped


def test_a_worker_paused_for_a_rebuild_takes_no_time_and_then_finishes_the_same_pdf(job: Job, made_here: Toolkit) -> None:
    """The preview pauses a toolkit still being made while it rebuilds the pages (background.py)."""
    with Worker.start(nice=10) as worker:
        assert worker is not None
        worker.submit("toolkit", "toolkit", job)
        worker.pause()
        assert _becomes(worker.process.pid, stopped=True)
        time.sleep(0.3)
        assert not worker.answered("toolkit")  # a stopped process answers nothing
        worker.resume()
        assert _becomes(worker.process.pid, stopped=False)
        assert answer_or_run(worker, "toolkit", "toolkit", job).pdf == made_here.pdf
    worker.resume()  # on a worker that ended: nothing happens


def started(cache: Cache, chapters: list[ToolkitChapter] = CHAPTERS, edition: Edition = EDITION,
            worker: Worker | None = None) -> ToolkitRun:
    run = ToolkitRun(worker, cache)
    run.start(chapters, edition, SITE_URL, {})
    return run


def test_a_cached_toolkit_asks_nothing_of_the_worker_and_any_change_misses(made_here: Toolkit, tmp_path) -> None:
    cache = Cache(tmp_path / "cache")
    assert started(cache).result().pdf == made_here.pdf  # made in this process and stored
    with Worker.start() as worker:
        again = started(cache, worker=worker)
        assert again.ready and again.result().pdf == made_here.pdf and again.worker is None
        worker.close_input()
        assert worker.result("toolkit") is None  # it was never handed the job

    edited = [CHAPTERS[0], dataclasses.replace(CHAPTERS[1], html=CHAPTERS[1].html.replace("bellen", "mailen"))]
    changed = started(cache, edited)
    assert not changed.ready and changed.result().pdf != made_here.pdf
    assert not started(cache, edition=dataclasses.replace(EDITION, date_text="15 juli 2017")).ready


def test_leaving_the_worker_stops_it_whatever_happened() -> None:
    """build.Build.stop_worker leaves it the same way, at the end of every build and when one fails."""
    with pytest.raises(RuntimeError), Worker.start() as worker:
        ToolkitRun(worker).start(CHAPTERS, EDITION, SITE_URL, {})
        raise RuntimeError("de build faalt halverwege")
    assert worker.process.returncode is not None


def without_language(pdf: bytes) -> bytes:
    """The PDF with a mistake the PDF/UA checker refuses (no /Lang), as a wrong typesetter would make it."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        del doc.Root["/Lang"]
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_an_everyday_run_leaves_out_the_pdf_ua_check_and_a_publishing_run_makes_up_for_it(
        made_here: Toolkit, tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    """docs/toolkit.md: everyday builds typeset without the checker; a run that must check (publishing,
    snp's own builds, the preview) checks a cached PDF that was never checked, and refuses a bad one."""
    cache = Cache(tmp_path / "cache")
    with Worker.start(pdf_ua=False) as worker, caplog.at_level(logging.INFO, logger="mkdocs.plugins.snp.toolkit"):
        everyday = ToolkitRun(worker, cache, pdf_ua=False)
        everyday.start(CHAPTERS, EDITION, SITE_URL, {})
        unchecked = everyday.result()
    assert unchecked.pdf == made_here.pdf and not unchecked.pdf_ua_checked and unchecked.errors == []
    assert "niet met de PDF/UA-controle nagekeken" in caplog.text

    publishing = ToolkitRun(None, cache, pdf_ua=True)
    publishing.start(CHAPTERS, EDITION, SITE_URL, {})
    checked = publishing.result()  # the same bytes from the cache, now read by the checker
    assert checked.pdf == made_here.pdf and checked.pdf_ua_checked and checked.errors == []
    assert cache.get("toolkit", publishing.key).meta["pdf_ua"] is True

    # A cached PDF that was never checked and would fail: the publishing run refuses it.
    cache.put("toolkit", everyday.key, without_language(made_here.pdf), {"pages": made_here.pages, "pdf_ua": False})
    again = ToolkitRun(None, cache, pdf_ua=True)
    again.start(CHAPTERS, EDITION, SITE_URL, {})
    refused = again.result()
    assert [e.code for e in refused.errors] == ["toolkit-toegankelijkheid"]
    assert "DOC-013" in refused.errors[0].message and "catalog has no /Lang" in refused.errors[0].message
