"""Publishing files that cannot run here: the CI workflows are linted, the archive is verified."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

from helpers import ROOT, env

_SETUP = (ROOT / "README.md").read_text(encoding="utf-8").split("## Op een nieuwe machine", 1)[1].split("```")[1]
README_COMMANDS = re.findall(r"^make (\w+)", _SETUP, re.MULTILINE)
"""The commands in the README's set-up block: a fresh machine needs these and nothing else."""


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_readme_names_exactly_two_setup_commands() -> None:
    assert README_COMMANDS == ["site", "test"]


COMMIT_TIME = "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"
PUBLISHING = "SNP_PUBLICEREN=ja"
"""A publishing build: the toolkit is held to the PDF/UA check that everyday builds leave out (docs/toolkit.md)."""


def test_github_workflow_tests_then_publishes_with_readme_commands() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    commands = run_steps(workflow)
    assert any(c.endswith("make test") for c in commands)
    build = [c for c in commands if "make site" in c]
    assert build and all(COMMIT_TIME in c and PUBLISHING in c for c in build)
    # Debian, as root: install-system-deps can install chromium (a snap wrapper on Ubuntu runners).
    assert all(job["container"] == "python:3.11-bookworm" for job in workflow["jobs"].values())
    assert any("npm" in c for c in commands), "the Python image has no npm"
    # Git refuses a checkout another user owns ("dubious ownership") unless it is marked safe.
    assert all("safe.directory" in c for c in commands if "make " in c)
    assert workflow[True] == {"push": None, "pull_request": None}  # YAML 1.1 reads the key 'on' as True
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "test" and "refs/heads/main" in publish["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in publish["steps"])
    cached = [step["with"]["path"] for step in publish["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cached == [".cache"], "the publishing build keeps the build cache between runs"


def test_make_dist_packs_a_publishing_build() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"\ndist: export {PUBLISHING.replace('=', ' := ')}\ndist: site" in makefile


def test_gitlab_ci_tests_then_publishes_pages_on_main() -> None:
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert config["test"]["script"] == ["make test"]
    assert any("npm" in line for line in config["test"]["before_script"]), "the Python image has no npm"
    pages = config["pages"]
    assert (config["test"]["stage"], pages["stage"]) == ("test", "deploy")  # deploy runs after test passed
    assert any(line.startswith(f"{PUBLISHING} {COMMIT_TIME} make site") for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["cache"]["paths"] == [".cache/"]
    assert pages["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]


def test_ci_entry_point_runs_make_test_only() -> None:
    lines = [l for l in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert lines[-1] == "make test"


def test_dist_archive_is_reproducible_and_checksummed(built_base: Path, tmp_path: Path) -> None:
    script = (ROOT / "scripts" / "dist").read_text(encoding="utf-8")
    copies = []
    for name in ("een", "twee"):
        project = tmp_path / name
        (project / "scripts").mkdir(parents=True)
        (project / "scripts" / "dist").write_text(script, encoding="utf-8")
        (project / "pyproject.toml").write_text('[project]\nversion = "9.9.9"\n', encoding="utf-8")
        shutil.copy(built_base / "mkdocs.yml", project / "mkdocs.yml")
        subprocess.run(["cp", "-r", str(built_base / "site"), str(project / "site")], check=True)
        result = subprocess.run([sys.executable, "scripts/dist"], cwd=project, env=env(), capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stderr
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=project / "dist", capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout.strip() == "overdracht-site-9.9.9.tar.gz: OK"
        copies.append((project / "dist" / "overdracht-site-9.9.9.tar.gz").read_bytes())
    assert copies[0] == copies[1]
    with tarfile.open(tmp_path / "een" / "dist" / "overdracht-site-9.9.9.tar.gz") as tar:
        names = tar.getnames()
        assert {"overdracht-site-9.9.9/site/index.html", "overdracht-site-9.9.9/site/index.html.gz",
                "overdracht-site-9.9.9/nginx-overdracht.conf"} <= set(names)
        # gzip_static serves the .gz as the page itself: it must be exactly the page, gzipped.
        page = tar.extractfile("overdracht-site-9.9.9/site/index.html").read()
        assert gzip.decompress(tar.extractfile("overdracht-site-9.9.9/site/index.html.gz").read()) == page
        assert not any(n.endswith(".gz.gz") or n.endswith((".pdf.gz", ".png.gz")) for n in names)
        assert {m.mtime for m in tar.getmembers()} == {int(env()["SOURCE_DATE_EPOCH"])}


def test_both_publishing_jobs_run_the_publishing_check_before_the_build() -> None:
    """snp controleer --publiceren refuses a site without a contact route (docs/onderbouwing.md)."""
    github = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    publish = [step.get("run", "") for step in github["jobs"]["publish"]["steps"]]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))["pages"]["script"]
    for commands in (publish, gitlab):
        check = next(n for n, c in enumerate(commands) if c.endswith("make publish-check"))
        assert check < next(n for n, c in enumerate(commands) if "make site" in c)
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\npublish-check:", 1)[1].split("\n\n", 1)[0]
    assert "snp controleer --publiceren" in recipe
