"""Images on the site: scaled down for phones, sized in the HTML; the source and the PDF keep the original."""

from __future__ import annotations

import random
import re
from pathlib import Path

from PIL import Image

from helpers import build
from snp_site import images


def _photo(path: Path, width: int, height: int) -> None:
    """A noisy picture, so that it compresses like a photo and not like a flat colour."""
    rng = random.Random(7)
    image = Image.new("RGB", (width, height))
    image.putdata([(rng.randrange(256), rng.randrange(256), 90) for _ in range(width * height)])
    image.save(path)


def test_a_wide_image_is_scaled_down_and_every_image_gets_its_size(base_copy: Path) -> None:
    assets = base_copy / "content" / "assets"
    _photo(assets / "breed.png", 2400, 600)
    _photo(assets / "smal.jpg", 300, 200)
    original = (assets / "breed.png").read_bytes()
    chapter = base_copy / "content" / "methodiek" / "01-eerste.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") +
                       "\n![Een brede foto van de proef](../assets/breed.png)\n\n"
                       "![Een smalle foto van de proef](../assets/smal.jpg)\n", encoding="utf-8")

    result = build(base_copy)
    assert result.returncode == 0, result.stderr

    site = base_copy / "site"
    with Image.open(site / "assets" / "breed.png") as wide:
        assert wide.size == (images.MAX_WIDTH, 400)
    assert (site / "assets" / "breed.png").stat().st_size < len(original)
    assert (assets / "breed.png").read_bytes() == original, "the editor's file is never changed"
    assert (site / "assets" / "smal.jpg").read_bytes() == (assets / "smal.jpg").read_bytes()

    html = (site / "methodiek" / "01-eerste" / "index.html").read_text(encoding="utf-8")
    tags = {re.search(r'src="([^"]+)"', t).group(1): t for t in re.findall(r"<img\b[^>]*>", html)}
    assert 'width="1600" height="400"' in tags["../../assets/breed.png"]
    assert 'width="300" height="200"' in tags["../../assets/smal.jpg"]


def test_a_photo_turned_by_its_camera_is_sized_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "staand.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees": stored landscape, shown portrait
    Image.new("RGB", (400, 300), "#336699").save(path, exif=exif)
    assert images.published_size(path) == images.Size(300, 400)
