"""Make an office file's ZIP container byte-identical for the same content.

python-docx and odfpy stamp every ZIP entry with the current time; we rewrite the container with
the build's time (SOURCE_DATE_EPOCH), fixed permissions, and the entry order kept (an ODT's
uncompressed 'mimetype' entry must stay first).
"""

from __future__ import annotations

import io
import time
import zipfile

_ZIP_EPOCH = 315532800
"""1 January 1980: the earliest time a ZIP entry can hold."""


def normalise(data: bytes, epoch: int) -> bytes:
    stamp = time.gmtime(max(epoch, _ZIP_EPOCH))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, stamp)
            info.compress_type = zipfile.ZIP_STORED if entry.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(entry.filename), compresslevel=9)
    return out.getvalue()
