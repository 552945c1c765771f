"""Never half-published: huge input, killed builds, reproducible bytes, fuzzed front matter."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import build, digest_tree, engine, env, generate_news, real_project, tool
from snp_site.content import schema
from snp_site.content.kinds import KINDS, PageKind
from snp_site.content.source import read_source
from snp_site.errors import ContentError


def test_ten_megabyte_page_is_refused_and_site_kept(base_copy: Path) -> None:
    before = digest_tree(base_copy / "site")
    page = base_copy / "content" / "methodiek" / "02-groot.md"
    page.write_text("---\ntitle: Groot\ndescription: Heel groot.\n---\n\n" + "Tekst. " * 1_500_000, encoding="utf-8")
    result = build(base_copy)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/methodiek/02-groot.md: het bestand is 10 MB" in result.stderr
    assert digest_tree(base_copy / "site") == before


def _changed_copy(built: Path, dest: Path) -> Path:
    project = Path(shutil.copytree(built, dest, symlinks=True))
    index = project / "content" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("# Proefsite", "# Proefsite, nieuwe versie"),
                     encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def changed_build(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Digest of the site a finished build of the changed project gives."""
    reference = _changed_copy(built_base, tmp_path_factory.mktemp("reference") / "project")
    assert build(reference).returncode == 0
    return digest_tree(reference / "site")


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.6, 0.9, 1.2, 1.6])
def test_killed_build_leaves_a_complete_site(built_base: Path, changed_build: dict[str, str],
                                             tmp_path: Path, delay: float) -> None:
    """SIGKILL at several moments: site/ is always the whole old or the whole new build."""
    old, new = digest_tree(built_base / "site"), changed_build
    assert old != new

    project = _changed_copy(built_base, tmp_path / "killed")
    process = subprocess.Popen(engine("build", "--strict"), cwd=project, env=env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    was_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()

    after = digest_tree(project / "site")
    assert after in (old, new), "site/ is a mix of two builds"
    if was_running and after == old:
        # The next build cleans up what the killed one left behind.
        assert build(project).returncode == 0
        assert digest_tree(project / "site") == new
        assert not list(project.glob(".site.bouw-*"))


def test_two_clean_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    first, second = real_project(tmp_path / "een"), real_project(tmp_path / "twee" / "dieper")
    # No build cache: both builds typeset everything, so equal bytes prove the build is deterministic.
    assert build(first, SNP_CACHE="uit").returncode == 0 and build(second, SNP_CACHE="uit").returncode == 0
    a, b = digest_tree(first / "site"), digest_tree(second / "site")
    differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
    assert differing == [], f"files that differ between two builds: {differing}"
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= a.keys()


_FIELD = st.sampled_from(["title", "description", "date", "gemeenten", "partners", "toolkit", "titel", "x"])
_VALUE = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                   st.lists(st.text(max_size=10), max_size=3), st.just("2017-02-30"), st.just("2018-01"))


@st.composite
def front_matter(draw: st.DrawFn) -> bytes:
    """Front matter that is plausible YAML as often as not, with random damage."""
    lines = [f"{draw(_FIELD)}: {draw(_VALUE)!r}" for _ in range(draw(st.integers(0, 6)))]
    text = "---\n" + "\n".join(lines) + "\n---\n\n# Kop\n"
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=5)) + text[at:]
    return text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")


@pytest.mark.full
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter(), st.sampled_from(KINDS))
def test_fuzzed_front_matter_gives_a_model_or_our_own_errors(raw: bytes, kind: PageKind) -> None:
    source, errors = read_source(raw, "content/nieuws/x.md")
    if source is not None:
        errors = schema.validate(source, kind.name, kind.fields)
    lines = raw.count(b"\n") + 1
    for error in errors:
        assert isinstance(error, ContentError) and error.path == "content/nieuws/x.md"
        assert error.line is None or 1 <= error.line <= lines
        assert error.message and error.fix


@pytest.mark.full
def test_ten_thousand_news_items_build(base_copy: Path) -> None:
    news = base_copy / "content" / "nieuws"
    generate_news(news, 10_000)
    # 10,000 pages take minutes, and far longer on a busy machine (300 s was once not enough while
    # other builds shared the cores): the limit is only there to stop a hang.
    result = build(base_copy, timeout=1800)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = list((base_copy / "site" / "nieuws").glob("*/index.html"))
    assert len(pages) == 10_001


def test_headers_file_allows_exactly_the_inline_scripts_of_the_pages(built_base: Path) -> None:
    import base64
    import hashlib

    from bs4 import BeautifulSoup

    site = built_base / "site"
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    headers = dict(line.strip().split(": ", 1) for line in lines[1:])
    csp = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["frame-ancestors"] == ["'none'"] and directives["default-src"] == ["'self'"]
    assert headers["X-Content-Type-Options"] == "nosniff" and "max-age=" in headers["Strict-Transport-Security"]
    needed = set()
    for page in site.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"):
            # Data blocks (JSON, the late bundle's text/plain tag) never run: they need no hash.
            if not script.get("src") and script.get("type", "text/javascript") in ("text/javascript", "module"):
                digest = hashlib.sha256(script.string.encode("utf-8")).digest()
                needed.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    assert needed and set(directives["script-src"]) == needed | {"'self'"}


def test_every_page_carries_the_policy_as_meta_before_anything_it_governs(built_base: Path) -> None:
    """Hosts without our headers (GitHub and GitLab Pages) still get the policy: each page has it
    as <meta http-equiv>, the header's policy without what a meta cannot carry, and nothing that
    loads or runs comes before it (a meta policy governs only what follows it)."""
    from bs4 import BeautifulSoup

    site = built_base / "site"
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()[1:]
    header = dict(line.strip().split(": ", 1) for line in lines)["Content-Security-Policy"]
    expected = [d for d in header.split("; ") if not d.startswith("frame-ancestors")]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        metas = head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, page
        assert metas[0]["content"].split("; ") == expected, page
        before = [e for e in metas[0].find_all_previous() if e.name not in ("meta", "head", "html")]
        assert before == [], (page, [e.name for e in before])
        assert head.find("meta", charset=True) in metas[0].find_all_previous("meta"), page
        assert [m["content"] for m in head.find_all("meta", attrs={"name": "referrer"})] == [
            dict(line.strip().split(": ", 1) for line in lines)["Referrer-Policy"]], page
