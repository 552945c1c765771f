"""Tools of the browser suite: serve a built site on 127.0.0.1, list its pages, run the checkers.

Every check returns a list of problems as readable sentences (page URL first), so a test can
assert the list is empty on a good site and show what is wrong; the tests on the broken
fixture page assert the same functions do find each planted mistake.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from helpers import ROOT, engine, env, tool
from snp_site.dist import site_prefix  # noqa: F401 - the path the site is served under, as in production

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
# As the machine notes say: without the background-networking flags Chromium tries to reach
# Google's hosts at every start; --no-sandbox because tests run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__buiten-de-site__")
        return super().translate_path("/" + route[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        pass

    def end_headers(self) -> None:
        # linkchecker waits 0.1-0.6 s between requests to one host unless the host answers with this
        # header (then its maxrequestspersecond counts): 80 s of sleeping on the real site otherwise.
        if "LinkChecker" in self.headers.get("User-Agent", ""):
            self.send_header("LinkChecker", "eigen testserver")
        super().end_headers()


@dataclass
class Served:
    site: Path
    origin: str
    prefix: str

    @property
    def base(self) -> str:
        return self.origin + self.prefix

    def url(self, rel: str) -> str:
        return self.base + rel


@contextmanager
def serve(site: Path, prefix: str) -> Iterator[Served]:
    """An HTTP server on 127.0.0.1 (free port) for `site` under `prefix`, stopped afterwards."""
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site, f"http://127.0.0.1:{server.server_address[1]}", prefix)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def live_preview(project: Path, log: Path, seconds: float = 180, **environ: str) -> Iterator[Served]:
    """`mkdocs serve` of project on a free port, as an editor runs it, until the first page answers.

    Its stderr goes to `log`, not a pipe, so a long session cannot fill the pipe and stall the
    server; read the log afterwards (a test asserts it holds no traceback). The `site` of what it
    yields is the project: MkDocs builds into a folder of its own."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(engine("serve", "-a", f"127.0.0.1:{port}"), cwd=project,
                                   env=env(**environ), stdout=subprocess.DEVNULL, stderr=stderr)
    served = Served(project, origin, site_prefix(project))
    try:
        end = time.monotonic() + seconds
        while not _answers(served.base):
            if process.poll() is not None or time.monotonic() > end:
                raise RuntimeError("mkdocs serve never answered:\n" + log.read_text(encoding="utf-8"))
            time.sleep(0.3)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)


def html_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL relative to the site root, found by walking it."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def sitemap_pages(site: Path, site_url: str) -> list[str]:
    """The pages sitemap.xml lists, relative to the site root."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    return sorted(loc[len(site_url):] if loc.startswith(site_url) else loc for loc in locs)


@dataclass
class Browsing:
    """One browser context with a request guard: records every request, blocks other hosts."""

    context: object
    origin: str
    requests: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)

    def guard(self, route, request) -> None:
        url = request.url
        self.requests.append(url)
        if url.startswith(("data:", "blob:")) or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            # Never let a test send traffic off this machine: record and refuse.
            self.off_host.append(url)
            route.abort()


def open_context(browser, origin: str, **options) -> Browsing:
    context = browser.new_context(**options)
    browsing = Browsing(context, origin)
    context.route("**/*", browsing.guard)
    return browsing


_BUNDLE_STARTED = """() => {
  const bundle = document.querySelector('script[src*="javascripts/bundle."]');
  return !document.querySelector('script[data-snp-later]') && (!bundle || 'component$' in window);
}"""
"""Material's bundle has loaded and made its components (it sets window.component$ last)."""


def visit(page, url: str, interact: bool = True, settle: bool = True) -> None:
    """Load the page as a visitor does; with `interact`, also move the mouse once.

    Material's bundle loads on the visitor's first interaction (materiaal-later.js), so a check
    of the page as people use it needs that move; interact=False sees the page as it arrives.
    With `settle`, each step waits until the network has been quiet for half a second: what the
    request and CSP checks need, which must see every request. Checks of the page itself (axe, the
    keyboard, chart sizes) pass settle=False and wait only until the bundle has started.
    """
    page.goto(url, wait_until="load")
    if settle:
        page.wait_for_load_state("networkidle")
    if interact:
        page.mouse.move(5, 5)
        page.mouse.move(40, 40)
        if settle:
            page.wait_for_load_state("networkidle")
        else:
            page.wait_for_function(_BUNDLE_STARTED)


def type_search(page, word: str) -> None:
    """Type into Material's search field key by key, as a visitor does. Material reads the field on
    keyup, which fill() never sends: a word filled in after the index is ready is never searched
    (a race that a fast server such as nginx loses about one time in four)."""
    field = page.locator("[data-md-component=search-query]")
    field.fill("")
    field.press_sequentially(word)


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_problems(page, url: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the loaded page, in every colour scheme it offers."""
    # A hover or focus colour still fading in (Material's buttons take 125 ms) gives axe a blend of two
    # colours and a false contrast failure: let finite transitions end first (at most two seconds).
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null))),
        new Promise(done => setTimeout(done, 2000))])""")
    # Run through DevTools, not as a <script> tag: the pages' meta policy rightly blocks an inline
    # script it has no hash for.
    page.evaluate(_axe_source())
    schemes = page.evaluate(
        "() => [...new Set([document.body.getAttribute('data-md-color-scheme') || 'default',"
        " ...[...document.querySelectorAll('input[data-md-color-scheme]')]"
        ".map(e => e.getAttribute('data-md-color-scheme'))])]")
    problems = []
    for scheme in schemes:
        result = page.evaluate(
            """async ([scheme, tags]) => {
                 document.body.setAttribute('data-md-color-scheme', scheme);
                 return (await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']})).violations;
               }""", [scheme, WCAG_TAGS])
        for violation in result:
            for node in violation["nodes"]:
                detail = (node.get("failureSummary") or "").replace("\n", " ")
                problems.append(f"{url} [{scheme}]: axe {violation['id']} ({violation['help']}) "
                                f"op {' '.join(map(str, node['target']))}: {detail}")
    return problems


def vnu_problems(site: Path) -> list[str]:
    """Errors of the Nu Html Checker over every HTML file of the site."""
    if not list(site.rglob("*.html")):
        # vnu exits 0 on a folder without HTML: that must not pass as "valid".
        return [f"{site}: geen HTML-bestanden om te controleren"]
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only",
                             "--format", "json", str(site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = []
    for m in messages:
        # Known false positive: Material gives its drawer/search toggle checkboxes
        # autocomplete="off" on purpose (Firefox would otherwise restore their checked state
        # after "back"); the HTML spec does not list autocomplete for checkboxes.
        if "autocomplete" in m.get("message", "") and 'type="checkbox"' in m.get("extract", ""):
            continue
        where = Path(urlsplit(m.get("url", "")).path).relative_to(site) if m.get("url") else "?"
        problems.append(f"{where}, regel {m.get('lastLine')}: vnu {m.get('type')}: {m.get('message')}")
    return problems


_LINKCHECKER_AS_IS = ("import sys, linkcheck.command.linkchecker as cli; cli.drop_privileges = lambda: None; "
                      "sys.argv[0] = 'linkchecker'; sys.exit(cli.linkchecker())")
"""linkchecker without its switch from root to user nobody. After that switch it loads its plugins,
and where nobody cannot read the venv (a clone in a private folder) the anchor check silently
fails to load, so broken anchors pass. It only reads our local server, so root is harmless here."""


def linkchecker_problems(start_url: str, site_base: str) -> list[str]:
    """Broken links and anchors found by linkchecker from `start_url`; external links not followed.

    Every URL under `site_base` counts as internal, so links from a start page deeper in the
    site to other pages of it are checked too (linkchecker's default is the start URL's folder).
    linkchecker does not check anchors within the same page; our build checks those.

    linkchecker runs without its switch to user nobody (see _LINKCHECKER_AS_IS); the report comes
    back on stdout. It reports a missing anchor as a warning on a
    valid URL, so every warning counts.
    """
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o755)
        config = Path(folder) / "linkcheckerrc"
        config.write_text(f"[checking]\nmaxrequestspersecond=1000\n"
                          f"[filtering]\ncheckextern=0\ninternlinks=^{re.escape(site_base)}\n"
                          "[AnchorCheck]\n", encoding="utf-8")
        config.chmod(0o644)
        result = subprocess.run([sys.executable, "-c", _LINKCHECKER_AS_IS, "-f", str(config), "--no-status",
                                 "-o", "csv", start_url], capture_output=True, text=True, timeout=300, cwd=folder)
    problems = []
    rows = list(csv.DictReader((line for line in result.stdout.splitlines(keepends=True)
                                if not line.startswith("#")), delimiter=";"))
    for row in rows:
        if row.get("valid") == "False" or row.get("warningstring"):
            why = " ".join(filter(None, [row.get("result"), row.get("warningstring")]))
            problems.append(f"{row.get('parentname')}: link '{row.get('urlname')}' is kapot: {why}")
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        problems.append(f"linkchecker faalde ({result.returncode}): {result.stderr[-2000:]}")
    return problems


@dataclass
class Site:
    name: str
    project: Path
    served: Served
    pages: list[str]

    @property
    def site(self) -> Path:
        return self.served.site

    def content_pages(self) -> list[str]:
        """Pages an editor wrote (the sitemap's), as opposed to 404.html."""
        return [p for p in self.pages if p != "404.html"]

    def containing(self, marker: str, prefer: str | None = None) -> str | None:
        """The page whose HTML contains `marker` (a class name): `prefer` if it does, else the first."""
        found = [p for p in self.content_pages() if marker in self.html(p)]
        return prefer if prefer in found else next(iter(found), None)

    def html(self, rel: str) -> str:
        path = self.site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
        return path.read_text(encoding="utf-8")

    def first(self, section: str) -> str | None:
        return next((p for p in self.content_pages() if p.startswith(section + "/") and p != section + "/"),
                    None)
