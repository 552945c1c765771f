"""The build cache keeps the newest entries of each kind it stored, pruned once per build."""

from __future__ import annotations

import os
from pathlib import Path

from snp_site.cache import KEEP, Cache


def _store(cache: Cache, kind: str, count: int) -> list[str]:
    keys = []
    for n in range(count):
        key = cache.key(kind, str(n))
        cache.put(kind, key, f"{kind} {n}".encode())
        # Distinct times, oldest first, whatever the file system's clock resolution.
        for suffix in (".json", ".bin"):
            os.utime(cache.folder / f"{kind}-{key}{suffix}", (1_000_000 + n, 1_000_000 + n))
        keys.append(key)
    return keys


def test_prune_keeps_the_newest_entries_of_each_kind_stored_and_leaves_other_files(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cards = _store(cache, "kaart1234abcd", KEEP + 3)
    documents = _store(cache, "document-docx", 2)
    (tmp_path / "jinja").mkdir()
    (tmp_path / "notitie.json").write_text("{}", encoding="utf-8")

    cache.prune()

    assert [cache.get("kaart1234abcd", key) is not None for key in cards] == [False] * 3 + [True] * KEEP
    assert not any((tmp_path / f"kaart1234abcd-{key}.bin").exists() for key in cards[:3])
    assert all(cache.get("document-docx", key) is not None for key in documents)
    assert (tmp_path / "jinja").is_dir() and (tmp_path / "notitie.json").is_file()


def test_prune_touches_only_kinds_stored_since_the_last_prune(tmp_path: Path) -> None:
    earlier = Cache(tmp_path)
    old = _store(earlier, "afbeelding", KEEP + 2)
    later = Cache(tmp_path)  # the next build stores other kinds only
    _store(later, "toolkit", 1)

    later.prune()
    assert all(later.get("afbeelding", key) is not None for key in old)

    earlier.prune()
    assert sum(earlier.get("afbeelding", key) is not None for key in old) == KEEP
    earlier.prune()  # nothing stored since: a second prune removes nothing more
    assert sum(earlier.get("afbeelding", key) is not None for key in old) == KEEP
