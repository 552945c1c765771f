"""Publish stage helper: security headers for hosting, computed from the built pages.

The Content-Security-Policy allows scripts only from the site itself plus the exact inline
scripts the theme writes (by their sha256), so the policy is rebuilt with every build and can
never go stale. `_headers` is the format of Netlify and Cloudflare Pages; docs/hosting.md
shows the same policy for nginx.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype=["']?([^"'\s>]*)""", re.IGNORECASE)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript"}


def _runs_inline(attrs: str) -> bool:
    """Whether a browser runs the element's text: not with src, not as a data block (JSON, or
    the text/plain blocks materiaal-later.js turns into scripts later)."""
    kind = _TYPE.search(attrs)
    return not _SRC.search(attrs) and (kind is None or kind.group(1).lower() in _JS_TYPES)

STATIC_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def inline_script_hashes(site_dir: Path) -> list[str]:
    """'sha256-...' of every inline script a browser would run, over all pages, sorted."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if not _runs_inline(match["attrs"]):
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(found)


def content_security_policy(hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *(f"'{h}'" for h in hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        # Material's stylesheet draws its icons from data: SVGs.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def all_headers(site_dir: Path) -> dict[str, str]:
    return {"Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir)), **STATIC_HEADERS}


def write_headers_file(site_dir: Path) -> None:
    lines = ["/*"] + [f"  {name}: {value}" for name, value in all_headers(site_dir).items()]
    (site_dir / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
