"""A content-addressed cache for the slow products of a build: the toolkit PDF and the documents.

Why: typesetting and checking the PDF takes seconds, while most edits (a news item, a partner
page) do not touch the chapters in it, and editors rebuild after every save. An entry's key covers
everything its bytes depend on: the input, the versions of the libraries that make it, a digest of
this package's code and the fonts on the machine. Files read while making it (images in the PDF)
are stored with their hashes and checked again on every hit. A hit gives the same bytes as a fresh
run, so builds stay reproducible.

The cache lives in `.cache/snp/` beside mkdocs.yml, or in $SNP_CACHE; SNP_CACHE=uit turns it off.
Deleting the folder is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Jinja and importlib.metadata are imported where used: the worker needs neither
    from jinja2 import BytecodeCache

FORMAT = "1"
"""Raise when the layout of an entry changes: old entries then simply miss."""

KEEP = 12
"""Entries kept per kind; older ones are removed, so the folder cannot grow without end."""

LIBRARIES = ("typst", "pikepdf", "outloud", "pillow", "python-docx", "odfpy", "lxml")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@dataclass
class Hit:
    data: bytes
    meta: dict[str, object] = field(default_factory=dict)


class Cache:
    """Entries as <kind>-<key>.bin plus <kind>-<key>.json; None as folder means: never hit, never store."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.stored: set[str] = set()
        """Kinds this cache stored an entry of since the last prune()."""

    @classmethod
    def for_project(cls, root: Path) -> Cache:
        setting = os.environ.get("SNP_CACHE", "")
        if setting.lower() in {"uit", "off", "0"}:
            return cls(None)
        return cls(Path(setting) if setting else root / ".cache" / "snp")

    def key(self, *parts: str | bytes) -> str:
        digest = hashlib.sha256(FORMAT.encode() + b"\0" + environment().encode())
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def get(self, kind: str, key: str,
            still_valid: Callable[[dict[str, object]], bool] = lambda meta: True) -> Hit | None:
        """The stored bytes when they are intact and `still_valid(meta)` holds; None otherwise."""
        if self.folder is None:
            return None
        try:
            meta = json.loads((self.folder / f"{kind}-{key}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{kind}-{key}.bin").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(data).hexdigest():
            return None
        if not still_valid(meta):
            return None
        return Hit(data, meta)

    def put(self, kind: str, key: str, data: bytes, meta: dict[str, object] | None = None) -> None:
        """Store atomically (a killed build leaves no half entry); a folder we cannot write is no error."""
        if self.folder is None:
            return
        record = {**(meta or {}), "sha256": hashlib.sha256(data).hexdigest()}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.folder / f"{kind}-{key}.bin", data)
            _write_atomic(self.folder / f"{kind}-{key}.json", json.dumps(record, sort_keys=True).encode())
        except OSError:
            return
        self.stored.add(kind)

    def templates(self) -> BytecodeCache | None:
        """Jinja's compiled templates: compiling Material's templates is half of a warm build.

        Jinja checks each entry against the template's source, so a changed template is compiled again.
        """
        if self.folder is None:
            return None
        try:
            (self.folder / "jinja").mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        from jinja2 import FileSystemBytecodeCache

        return FileSystemBytecodeCache(str(self.folder / "jinja"))

    def prune(self) -> None:
        """Keep the newest KEEP entries of each kind stored since the last prune; remove the others.

        Once per build (Build.close), in one look at the folder: a cold build stores an entry per
        page's card, and pruning after each put listed the folder that many times."""
        kinds, self.stored = self.stored, set()
        if self.folder is None or not kinds:
            return
        entries: dict[str, list[Path]] = {}
        try:
            with os.scandir(self.folder) as found:
                for item in found:
                    kind = _kind_of(item.name)
                    if kind in kinds:
                        entries.setdefault(kind, []).append(Path(item.path))
            for paths in entries.values():
                if len(paths) <= KEEP:
                    continue
                paths.sort(key=lambda p: p.stat().st_mtime, reverse=True)
                for old in paths[KEEP:]:
                    old.unlink(missing_ok=True)
                    old.with_suffix(".bin").unlink(missing_ok=True)
        except OSError:
            return


_KEY_AND_SUFFIX = len("-") + 64 + len(".json")


def _kind_of(name: str) -> str | None:
    """The kind of an entry's .json file (<kind>-<64 hex digits>.json); None for any other file."""
    if not name.endswith(".json") or len(name) <= _KEY_AND_SUFFIX or name[-_KEY_AND_SUFFIX] != "-":
        return None
    return name[:-_KEY_AND_SUFFIX]


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".schrijven-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def files_unchanged(read: dict[str, str], resolve: Callable[[str], Path | None]) -> bool:
    """Whether every file an entry was made from (sha256 by name) still has the same bytes."""
    for name, digest in read.items():
        path = resolve(name)
        if path is None or not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    return True


@functools.cache
def environment() -> str:
    """What every product depends on besides its input: library versions, our code, the fonts."""
    lines = [f"{name}={_version(name)}" for name in LIBRARIES]
    package = Path(__file__).parent
    code = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    lines.append(f"code={code.hexdigest()}")
    fonts = hashlib.sha256()
    for folder in FONT_DIRS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                fonts.update(f"{path}\0{path.stat().st_size}\n".encode())
    lines.append(f"fonts={fonts.hexdigest()}")
    return "\n".join(lines)


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
