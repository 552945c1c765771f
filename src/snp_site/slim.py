"""Publish-stage clean-up: leave out of site/ what no visitor's browser will ever ask for.

Material ships source maps (about 1.2 MB) and the lunr files of every search language (about
0.9 MB); a visitor's browser only ever loads the languages the search plugin is set to.
"""

from __future__ import annotations

import re
from pathlib import Path

_MAP_COMMENT = re.compile(rb"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")
_ALWAYS = {"stemmer.support", "multi"}
"""lunr files the search worker loads for any language (multi when there is more than one)."""
_SEGMENTERS = {"ja": "tinyseg.js", "jp": "tinyseg.js", "th": "wordcut.js"}


def remove_source_maps(site_dir: Path) -> int:
    """Delete .map files and the comments that point at them; return how many maps went."""
    maps = sorted(site_dir.rglob("*.map"))
    for path in maps:
        path.unlink()
    for path in sorted(site_dir.rglob("*.js")) + sorted(site_dir.rglob("*.css")):
        data = path.read_bytes()
        stripped = _MAP_COMMENT.sub(b"\n", data)
        if stripped != data:
            path.write_bytes(stripped)
    return len(maps)


def keep_search_languages(site_dir: Path, languages: list[str]) -> int:
    """Delete lunr language files for languages the site does not search in; return how many."""
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if not lunr.is_dir():
        return 0
    keep = {f"lunr.{name}.min.js" for name in set(languages) | _ALWAYS}
    keep |= {_SEGMENTERS[name] for name in languages if name in _SEGMENTERS}
    removed = 0
    for path in sorted(lunr.rglob("*.js")):
        if path.name not in keep:
            path.unlink()
            removed += 1
    return removed
