"""A one-line progress display on stderr, only for a person watching a terminal."""
from __future__ import annotations

import os
import time
from typing import IO


class Progress:
    """Documents done, findings, errors and rate, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str] | None):
        self.stream = stream
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    @classmethod
    def for_stream(cls, stream: IO[str], disabled: bool = False) -> "Progress":
        """Live only on a terminal, and never under CI (where stderr is a log)."""
        live = not disabled and not os.environ.get("CI") and hasattr(stream, "isatty") and stream.isatty()
        return cls(stream if live else None)

    def update(self, docs: int, findings: int, errors: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        rate = docs / max(now - self.start, 1e-9)
        self.stream.write(f"\r\033[Kfactcheck: {docs} document(s), {findings} finding(s), {errors} error(s), {rate:.0f} doc/s")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.stream is not None and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
