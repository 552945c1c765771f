"""The engine and what we import: ProperDocs builds, every import of src/ is declared and pinned."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from helpers import ROOT

SRC = ROOT / "src" / "snp_site"


def _top_level_imports() -> set[str]:
    names: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"__future__", "snp_site"}


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        found = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)==(\S+)\s*", line)
        if found:
            pins[re.sub(r"[-_.]+", "-", found[1]).lower()] = found[2]
    return pins


def test_every_import_is_declared_with_the_constrained_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _pins(project["dependencies"])
    constrained = _pins((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines())
    owners = importlib.metadata.packages_distributions()
    imported = _top_level_imports()
    assert {"PIL", "lxml", "jinja2", "mkdocs"} <= imported  # the check sees real imports
    missing = {}
    for module in sorted(imported):
        dists = [re.sub(r"[-_.]+", "-", d).lower() for d in owners.get(module, [])]
        assert dists, f"{module} comes from no installed distribution"
        if not any(d in declared for d in dists):
            missing[module] = dists
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"
    assert {n: v for n, v in declared.items() if constrained.get(n) != v} == {}


def test_properdocs_answers_every_mkdocs_import() -> None:
    """Our modules (and Material, loaded by them) run on ProperDocs, not on the old mkdocs package."""
    import snp_site.plugin
    import mkdocs.plugins

    assert mkdocs.plugins.__name__ == "properdocs.plugins"
    assert snp_site.plugin.BasePlugin.__module__ == "properdocs.plugins"
    assert importlib.metadata.version("properdocs") == "1.6.7"


def test_the_preview_looks_for_saves_often_but_a_big_site_less_often(tmp_path: Path) -> None:
    """preview.watch_closely on the engine's own livereload server: its folders already watched and
    those watched later are polled at the pace asked, and it waits 0.05 s for more saves; a server
    without these knobs (another engine version) is left as it is. poll_seconds gives a small folder
    the fastest pace and a folder that takes long to look at a slower one, never slower than the
    engine's own."""
    from properdocs.livereload import LiveReloadServer

    from snp_site import preview

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "content").mkdir()
    (tmp_path / "later").mkdir()
    server.watch(str(tmp_path / "content"))
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.5}
    assert preview.watch_closely(server, 0.07)
    server.watch(str(tmp_path / "later"))
    assert len(server.observer.emitters) == 2
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.07}
    assert server.build_delay == preview.SETTLE_SECONDS

    assert preview.pace(0.0003) == preview.FASTEST_POLL  # our content/: 61 files, 0.3 ms a look
    assert preview.pace(0.004) == 0.004 / preview.POLL_SHARE  # a few thousand files
    assert preview.pace(0.05) == preview.SLOWEST_POLL  # never slower than the engine
    (tmp_path / "content" / "index.md").write_text("# Start\n", encoding="utf-8")
    assert preview.FASTEST_POLL <= preview.poll_seconds(tmp_path / "content") <= preview.SLOWEST_POLL

    class OtherServer:
        build_delay = 0.1

    other = OtherServer()
    assert not preview.watch_closely(other, 0.07)
    assert other.build_delay == 0.1
