"""What overrides/main.html and our scripts assume of Material: each assumption can fail the build
(theme.py), and in Chromium the late bundle starts without running anyone's listener twice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, build, make_project
from snp_site import theme



def _material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def _broken_theme(tmp_path: Path, name: str, pattern: re.Pattern[str]) -> theme.Theme:
    """A custom_dir in front of Material with one file whose assumed text is taken out."""
    material = _material_templates()
    custom = tmp_path / "overrides"
    (custom / name).parent.mkdir(parents=True)
    text = (material / name).read_text(encoding="utf-8", errors="replace")
    broken = pattern.sub("", text)
    assert broken != text, f"the pattern does not match Material's own {name}"
    (custom / name).write_text(broken, encoding="utf-8")
    return theme.Theme([custom, material], tmp_path)


def test_material_as_pinned_meets_every_assumption() -> None:
    material = theme.Theme([_material_templates()], _material_templates())
    assert theme.check(material) == []
    assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", theme.bundle(material) or "")


CASES = [(a.file.format(bundle=theme.bundle(theme.Theme([_material_templates()], Path("."))) or "?"),
          a.pattern, a.what) for a in theme.ASSUMPTIONS]


@pytest.mark.parametrize(("name", "pattern", "what"), CASES, ids=[c[0] + ":" + c[2][:30] for c in CASES])
def test_each_changed_detail_is_a_dutch_error_naming_it(tmp_path: Path, name: str, pattern: re.Pattern[str],
                                                        what: str) -> None:
    errors = theme.check(_broken_theme(tmp_path, name, pattern))
    assert [(e.path, e.code) for e in errors] == [(f"overrides/{name}", "thema-gewijzigd")]
    assert what in errors[0].message and "Oplossing" in errors[0].format()


def test_a_changed_scripts_block_is_an_error(tmp_path: Path) -> None:
    broken = _broken_theme(tmp_path, "base.html", re.compile(r"\{% for script in config\.extra_javascript %\}"))
    assert theme.bundle(broken) is None
    errors = theme.check(broken)
    assert [e.path for e in errors] == ["overrides/base.html"]
    assert "het blok scripts" in errors[0].message  # one error: the rows about the bundle are skipped


def test_a_build_on_a_changed_theme_fails_with_the_dutch_error(tmp_path: Path) -> None:
    """The check is wired into the build: a strict build on a changed theme stops and names it."""
    project = make_project(tmp_path / "project")
    assumption = theme.ASSUMPTIONS[0]
    original = (_material_templates() / assumption.file).read_text(encoding="utf-8")
    changed = assumption.pattern.sub("", original)
    assert changed != original
    (project / "overrides" / assumption.file).write_text(changed, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"overrides/{assumption.file}: dit bestand van het thema heeft niet meer {assumption.what}" \
        in result.stderr, result.stderr
    assert not (project / "site").exists()  # nothing written on a failed build


@pytest.fixture(scope="module")
def own_script_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture with an initiative's own script in extra_javascript, built once."""
    project = make_project(tmp_path_factory.mktemp("eigen-script") / "project", FIXTURES / "site",
                           FIXTURES / "eigen-script")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript:\n  - assets/javascripts/eigen.js\n",
                      encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.browser
def test_late_bundle_runs_no_listener_twice_and_own_scripts_at_once(own_script_site: Path, browser) -> None:
    import sitecheck

    with sitecheck.serve(own_script_site / "site", sitecheck.site_prefix(own_script_site)) as served:
        browsing = sitecheck.open_context(browser, served.origin, viewport={"width": 1280, "height": 900})
        try:
            page = browsing.context.new_page()
            sitecheck.visit(page, served.url(""), interact=False)
            before = page.evaluate("[window.eigenScript, window.eigenKlaar]")
            assert before == [1, 1], "extra_javascript runs on arrival, not deferred with the bundle"
            assert not any("/bundle." in u for u in browsing.requests)
            page.mouse.move(640, 40)
            # Material's documented hook for own scripts: document$ emits once the bundle has started,
            # which it does from its DOMContentLoaded listener.
            # Polled from here: wait_for_function evaluates a string in the page, which the page's own
            # CSP (no 'unsafe-eval') rightly refuses.
            for _ in range(200):
                if page.evaluate("typeof window.document$ !== 'undefined'"):
                    break
                page.wait_for_timeout(50)
            else:
                raise AssertionError("Material's bundle did not start after the first move")
            page.evaluate("new Promise(done => window.document$.subscribe(() => done(true)))")
            assert page.evaluate("[window.eigenScript, window.eigenKlaar]") == [1, 1]
            assert browsing.off_host == []
        finally:
            browsing.context.close()
