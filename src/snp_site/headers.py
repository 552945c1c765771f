"""Publish stage helper: security headers for hosting, computed from the built pages.

The Content-Security-Policy allows scripts only from the site itself plus the exact inline
scripts the theme writes (by their sha256), so the policy is rebuilt with every build and can
never go stale. It reaches the visitor three ways, all from all_headers(): `_headers` (the
format of Netlify and Cloudflare Pages), a `<meta http-equiv>` in every page (hosts that send
no headers of ours, such as GitHub and GitLab Pages), and the nginx include of `make dist`
(snp_site.nginx).
"""

from __future__ import annotations

import base64
import hashlib
import html
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


def write_headers_file(site_dir: Path, headers: dict[str, str]) -> None:
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    (site_dir / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")


HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")
"""Directives a browser ignores in a <meta> policy (CSP 3, section 'meta element'): they only
work as a header, which is why X-Frame-Options and the headers of docs/hosting.md stay."""

_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def meta_policy(policy: str) -> str:
    """The header policy without the directives a <meta> cannot carry."""
    return "; ".join(d for d in policy.split("; ") if d.split(" ", 1)[0] not in HEADER_ONLY)


def _attribute(value: str) -> str:
    """Escape for a double-quoted attribute, leaving the policy's single quotes readable."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def put_meta_policy(site_dir: Path, headers: dict[str, str]) -> int:
    """Put the policy as <meta http-equiv> into every page, right after <meta charset>, with the
    referrer policy as <meta name="referrer"> (the only other header a page can carry itself).

    A meta policy only governs what follows it, so it goes before every script, stylesheet and
    link; the charset stays first (browsers look for it in the first 1024 bytes). Adding it
    changes no inline script, so the hashes computed before stay right. Returns the page count.
    """
    policy = meta_policy(headers["Content-Security-Policy"])
    tag = (f'<meta http-equiv="Content-Security-Policy" content="{_attribute(policy)}">'
           f'<meta name="referrer" content="{_attribute(headers["Referrer-Policy"])}">')
    pages = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        anchor = _CHARSET.search(text) or _HEAD.search(text)
        if anchor is None:  # not a page (no head): nothing a policy could govern comes first
            continue
        page.write_text(text[:anchor.end()] + tag + text[anchor.end():], encoding="utf-8")
        pages += 1
    return pages


def publish(site_dir: Path, *, meta: bool) -> dict[str, str]:
    """Write `_headers` and, with `meta`, the meta policy into every page; return the headers.

    `mkdocs serve` passes meta=False: its live reload adds an inline script to every page that
    no hash can allow (it changes with every reload)."""
    found = all_headers(site_dir)
    write_headers_file(site_dir, found)
    if meta:
        put_meta_policy(site_dir, found)
    return found
