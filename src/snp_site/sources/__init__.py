"""Sources as content: entries in content/bronnen/, their verification index, and citations.

Stages, one module each: `fingerprint` (normalised words, the index of a document and matching
a quote against it, without holding the text) -> `entries` (read and validate content/bronnen/KEY.yml
into `SourceEntry` values) -> `cite` (the [[bron KEY "woorden"]] code: check, render as a numbered
note, the notes of a page) -> `listing` (the Bronnen page and the toolkit's list of sources).
`add` is `snp bron toevoegen`: it writes the index of a local copy into an entry.
"""
