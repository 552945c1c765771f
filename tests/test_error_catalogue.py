"""The list of error messages in docs/ is generated from the golden fixtures and must match them."""

from __future__ import annotations

import runpy

from helpers import ROOT


def test_error_catalogue_matches_the_fixtures() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "foutmeldingen"))
    committed = (ROOT / "docs" / "foutmeldingen.md").read_text(encoding="utf-8")
    assert committed == script["render"](), "run scripts/foutmeldingen and commit docs/foutmeldingen.md"
    cases = [p for p in (ROOT / "tests" / "fixtures" / "invalid").iterdir() if p.is_dir()]
    assert committed.count("\nWat de controle meldt:") == len(cases)
