"""The redactiehandleiding stays true: its images exist and have alt text, the commands it names
exist, and its example error message is one the build really gives.

The handleiding is rendered with Python-Markdown and read back with an HTML parser, so examples
inside code (such as `![Logo van WijZ](../assets/wijz.png)`) are not mistaken for images.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from helpers import FIXTURES, ROOT, snp_subcommands

DOCS = ROOT / "docs"
HANDLEIDING = DOCS / "redactiehandleiding.md"
IMAGES = DOCS / "afbeeldingen"
MAX_BYTES = 150 * 1024


def page() -> BeautifulSoup:
    html = markdown.markdown(HANDLEIDING.read_text(encoding="utf-8"), extensions=["tables", "fenced_code"])
    return BeautifulSoup(html, "html.parser")


def code_texts() -> list[str]:
    return [c.get_text() for c in page().find_all("code")]


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.MULTILINE))


def test_every_image_exists_and_says_what_it_shows() -> None:
    images = page().find_all("img")
    assert images, "the handleiding shows no screenshots"
    for img in images:
        src, alt = img.get("src", ""), (img.get("alt") or "").strip()
        assert (DOCS / src).is_file(), f"{src} does not exist"
        assert len(alt.split()) >= 4, f"{src}: the alt text must say what the image shows, not {alt!r}"
        assert Path(src).name not in alt, f"{src}: the alt text is the file name"


def test_every_screenshot_is_used_and_made_by_the_script() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "schermafbeeldingen"))
    made = {shot.name for shot in script["SHOTS"]} | {script["ERROR_PAGE"].name}
    on_disk = {p.stem for p in IMAGES.iterdir()}
    used = {Path(img["src"]).stem for img in page().find_all("img")}
    assert on_disk == made == used, "run scripts/schermafbeeldingen and reference each image once"


@pytest.mark.parametrize("image", sorted(IMAGES.glob("*.png")), ids=lambda p: p.name)
def test_screenshots_are_small_desktop_crops(image: Path) -> None:
    assert image.stat().st_size < MAX_BYTES
    with Image.open(image) as im:
        assert im.format == "PNG" and 600 <= im.width <= 1280 and im.height <= 900


def test_every_snp_subcommand_it_names_exists() -> None:
    named = {m for text in code_texts() for m in re.findall(r"(?:^|[\s/])snp ([a-z]+)", text)}
    assert named, "the handleiding names no snp subcommand"
    assert named <= set(snp_subcommands())


def test_every_make_target_it_names_exists() -> None:
    named = {m for text in code_texts() for m in re.findall(r"\bmake ([a-z][\w-]*)", text)}
    assert {"serve", "check", "dist"} <= named
    assert named <= make_targets()


def test_example_error_is_a_golden_message() -> None:
    """The example in 'Foutmeldingen lezen' is the exact output of a real invalid case."""
    examples = [c.get_text().strip() for c in page().select("pre code.language-text")]
    golden = {(case / "expected.txt").read_text(encoding="utf-8").strip()
              for case in (FIXTURES / "invalid").iterdir() if case.is_dir()}
    assert examples and all(example in golden for example in examples)


def test_links_to_other_docs_exist() -> None:
    links = [a["href"] for a in page().find_all("a") if not a["href"].startswith(("http://", "https://"))]
    assert "foutmeldingen.md" in links
    for href in links:
        assert (DOCS / href.split("#")[0]).is_file(), href
