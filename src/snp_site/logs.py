"""Collecting a library's log records so we word them ourselves (MkDocs' warnings, for one)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Collect(logging.Handler):
    """Keeps every record of WARNING and up."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@contextmanager
def collected(name: str) -> Iterator[Collect]:
    """While the block runs, the logger's records go to the collector and are not printed."""
    logger = logging.getLogger(name)
    collect = Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield collect
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
