"""Publish stage for a server of our own: the nginx include and precompressed files of `make dist`.

The include is written from the built site, with the same header values the build wrote to
`_headers` (headers.all_headers), so a theme update that changes an inline script can never
leave nginx sending a stale policy. It goes inside the location of the site:

    location /overdracht/ {
        alias /srv/overdracht/huidig/site/;
        include /srv/overdracht/huidig/nginx-overdracht.conf;
    }

It lives beside site/, not in it: every file in site/ is served by the static hosts.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from snp_site.headers import all_headers

INCLUDE_NAME = "nginx-overdracht.conf"

TYPES = {
    "text/html": ["html"],
    "text/css": ["css"],
    "text/javascript": ["js"],
    "application/json": ["json"],
    "application/xml": ["xml"],
    "application/gzip": ["gz"],
    "text/plain": ["txt"],
    "image/svg+xml": ["svg"],
    "image/png": ["png"],
    "image/jpeg": ["jpg", "jpeg"],
    "image/gif": ["gif"],
    "image/webp": ["webp"],
    "image/avif": ["avif"],
    "image/x-icon": ["ico"],
    "font/woff2": ["woff2"],
    "application/pdf": ["pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
    "application/vnd.oasis.opendocument.text": ["odt"],
}
"""The whole type map of the site's location (nginx's `types` replaces the server's map there).
Named here, not taken from the server's mime.types, so .odt and .docx are right on any server and
nosniff never meets a wrong type."""

COMPRESSIBLE = {"html", "css", "js", "json", "xml", "svg", "txt"}
FINGERPRINTED = r"\.[0-9a-f]{8}\.min\.(?:js|css)$"
"""The theme's bundle, stylesheets and search worker carry a content hash in their name: a new
version gets a new name, so a browser may keep them for a year."""

LONG_CACHE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
"""Everything else (pages, our own scripts, downloads) is asked again each time: a 304 is cheap
and a page never meets a script of another build."""


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _header_lines(headers: dict[str, str], cache: str, indent: str) -> list[str]:
    """add_header lines; nginx drops inherited add_header in a location that has its own, so
    every location repeats them all."""
    lines = [f"{indent}add_header {name} {_quoted(value)} always;" for name, value in headers.items()]
    return lines + [f"{indent}add_header Cache-Control {_quoted(cache)} always;"]


def include_text(headers: dict[str, str], prefix: str) -> str:
    """The include for a site served under `prefix` ('/overdracht/') with these headers."""
    types = [f"    {kind} {' '.join(exts)};" for kind, exts in TYPES.items()]
    return "\n".join([
        "# Gemaakt door 'make dist' uit de site ernaast; niet met de hand wijzigen, opnieuw maken.",
        f"# Gebruik in het server-blok: location {prefix} {{ alias .../site/; include .../{INCLUDE_NAME}; }}",
        "types {", *types, "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        "charset_types text/css text/javascript application/json application/xml image/svg+xml text/plain;",
        "index index.html;",
        "server_tokens off;",
        "gzip_static on;",
        "gzip_vary on;",
        f"error_page 404 {prefix}404.html;",
        *_header_lines(headers, REVALIDATE, ""),
        # Quoted: nginx reads an unquoted { in a regex as the start of the block.
        f'location ~ "^{re.escape(prefix)}.+{FINGERPRINTED}" {{',
        *_header_lines(headers, LONG_CACHE, "    "),
        "}",
        "# Aanwijzingen voor hosts die _headers lezen, niet voor bezoekers.",
        f"location = {prefix}_headers {{ return 404; }}",
        "",
    ])


def write_include(site_dir: Path, prefix: str, dest: Path) -> Path:
    """Write the include for the built site to dest (a folder); return its path."""
    path = dest / INCLUDE_NAME
    path.write_text(include_text(all_headers(site_dir), prefix), encoding="utf-8")
    return path


def gzipped(path: Path) -> bytes | None:
    """The file gzipped for gzip_static (level 9, no name or time: reproducible), or None when it
    is not text or would not get smaller."""
    if path.suffix.lstrip(".") not in COMPRESSIBLE:
        return None
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return packed if len(packed) < len(data) else None
