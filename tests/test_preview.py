"""Live preview: a served fixture shows a Dutch error page while content is wrong, then recovers."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import apply, env, make_project, tool, FIXTURES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen([tool("mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/site/methodiek/01-eerste/"
    try:
        wait_for(lambda: "Eerste hoofdstuk" in fetch(url))
        yield project, url
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        assert "Traceback" not in stderr


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Poll until the condition holds: the server rebuilds on its own time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("the served site never reached the expected state")


def test_errors_replace_the_page_and_the_fix_brings_it_back(served: tuple[Path, str]) -> None:
    project, url = served
    chapter = project / "content" / "methodiek" / "01-eerste.md"
    good = chapter.read_text(encoding="utf-8")
    apply(project, FIXTURES / "invalid" / "vijf-fouten-tegelijk" / "project")

    wait_for(lambda: "De pagina kan niet worden gebouwd" in fetch(url))
    page = fetch(url)
    assert "5 fouten in 2 bestanden" in page
    assert "content/nieuws/2017-06-23-bericht.md, regel 4" in page and "maand 13 bestaat niet" in page
    assert "livereload" in page, "the error page must reload itself when the content is fixed"

    chapter.write_text(good, encoding="utf-8")
    news = project / "content" / "nieuws" / "2017-06-23-bericht.md"
    news.write_text((FIXTURES / "site" / "content" / "nieuws" / "2017-06-23-bericht.md").read_text(encoding="utf-8"),
                    encoding="utf-8")
    wait_for(lambda: "Tekst van het eerste hoofdstuk" in fetch(url))
