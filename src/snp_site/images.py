"""Raster images as a visitor on a phone needs them: at most MAX_WIDTH pixels wide, with their size
in the HTML.

Editors add photos straight from a camera or a partner's logo made for print: several megabytes
for a picture shown 700 pixels wide. The build writes a smaller copy into the site (the PDF keeps
the original) and gives each <img> its width and height, so the page does not jump while the
image loads. The source file in content/ is never changed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from snp_site.cache import Cache

MAX_WIDTH = 1600
"""Twice the widest the content column shows an image, for sharp images on high-density screens."""

RASTER = (".png", ".jpg", ".jpeg")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\ssrc="([^"]*)"')
_BASE = "http://site.invalid/"
_ORIENTATION = 0x0112
_TURNED = {5, 6, 7, 8}


@dataclass(frozen=True)
class Size:
    width: int
    height: int


def published_size(path: Path) -> Size | None:
    """The size the image has on the site (after scaling down); None if Pillow cannot read it."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(_ORIENTATION) in _TURNED:
                width, height = height, width  # browsers turn a photo as its camera says
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None  # the file check (content/files.py) reports it in Dutch
    if width > MAX_WIDTH:
        return Size(MAX_WIDTH, max(1, round(height * MAX_WIDTH / width)))
    return Size(width, height)


def add_sizes(html: str, page_url: str, source_of: dict[str, Path]) -> str:
    """Give each <img> of a local raster image without a width its published width and height."""
    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if src is None or re.search(r"\s(width|height)=", tag):
            return tag
        target = urljoin(_BASE + page_url, unescape(src.group(1)))
        if not target.startswith(_BASE):
            return tag
        path = source_of.get(unquote(urlsplit(target).path[len("/"):]))
        if path is None or path.suffix.lower() not in RASTER:
            return tag
        size = published_size(path)
        if size is None:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{size.width}" height="{size.height}"{tag[end:]}'
    return _IMG.sub(sized, html)


def shrink(data: bytes, suffix: str, cache: Cache) -> bytes:
    """The image scaled down to MAX_WIDTH and saved again; the same bytes when it is narrow enough."""
    key = cache.key("afbeelding", data, suffix)
    hit = cache.get("afbeelding", key)
    if hit is not None:
        return hit.data
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as original:
        if max(original.size) <= MAX_WIDTH:
            return data
        image = ImageOps.exif_transpose(original)  # the copy loses the camera's turn, so apply it
        if image.width <= MAX_WIDTH:
            return data
        height = max(1, round(image.height * MAX_WIDTH / image.width))
        smaller = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if suffix == ".png":
            smaller.save(out, "PNG", optimize=True)
        else:
            smaller.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    result = out.getvalue() if out.tell() < len(data) else data
    cache.put("afbeelding", key, result)
    return result


def shrink_site_images(site_dir: Path, published: list[str], cache: Cache) -> None:
    """Scale down, in the built site, each raster image that came from content/ (theme files stay)."""
    for dest in published:
        path = site_dir / dest
        if path.suffix.lower() in RASTER and path.is_file():
            data = path.read_bytes()
            smaller = shrink(data, path.suffix.lower(), cache)
            if smaller is not data:
                path.write_bytes(smaller)
