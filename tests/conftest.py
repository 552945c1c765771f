"""Fixtures shared by all tests: a built copy of the base fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import build, make_project


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture project, built once per session. Copy it before changing anything."""
    project = make_project(tmp_path_factory.mktemp("base") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def base_copy(built_base: Path, tmp_path: Path) -> Path:
    """A private copy of the built base project, site/ included."""
    return Path(shutil.copytree(built_base, tmp_path / "project", symlinks=True))
