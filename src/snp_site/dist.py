"""Publish stage for a server of our own: pack the built site, its nginx include and the
precompressed files into one reproducible archive (`make dist`, scripts/dist).

The archive holds `overdracht-site-<version>/site/` (with a `.gz` beside every text file that
gzip makes smaller, for nginx's gzip_static) and `overdracht-site-<version>/nginx-overdracht.conf`.
site/ itself is left as the build wrote it: the static hosts compress by themselves. Entries are
sorted, owned by root, modes normalised, times from SOURCE_DATE_EPOCH, gzip without a timestamp.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

from snp_site import nginx
from snp_site.headers import all_headers


def site_prefix(project: Path) -> str:
    """The path of site_url in mkdocs.yml ('/overdracht/'): where the server serves the site."""
    found = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(found.group(1)).path if found else "/"
    return path if path.endswith("/") else path + "/"


def _add(tar: tarfile.TarFile, name: str, mtime: int, data: bytes | None = None) -> None:
    info = tarfile.TarInfo(name)
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = mtime
    if data is None:
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        tar.addfile(info)
    else:
        info.size, info.mode = len(data), 0o644
        tar.addfile(info, io.BytesIO(data))


def members(site: Path, prefix: str) -> dict[str, bytes | None]:
    """Every entry of the archive below its top folder: path -> bytes (None for a folder)."""
    found: dict[str, bytes | None] = {"site": None}
    for path in sorted(site.rglob("*")):
        rel = "site/" + path.relative_to(site).as_posix()
        if path.is_dir():
            found[rel] = None
            continue
        found[rel] = path.read_bytes()
        packed = nginx.gzipped(path)
        if packed is not None:
            found[rel + ".gz"] = packed
    found[nginx.INCLUDE_NAME] = nginx.include_text(all_headers(site), prefix).encode("utf-8")
    return found


def pack(site: Path, prefix: str, archive: Path, mtime: int) -> None:
    """Write the archive for the built site served under `prefix` ('/overdracht/')."""
    top = archive.name.removesuffix(".tar.gz")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, top, mtime)
        for name, data in sorted(members(site, prefix).items()):
            _add(tar, f"{top}/{name}", mtime, data)
    with archive.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime, filename="") as gz:
        gz.write(buffer.getvalue())
