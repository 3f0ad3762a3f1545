"""Where a report goes: stdout, or a file that appears complete or not at all."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO


class AtomicOutput:
    """A context manager writing to stdout, or to a temporary file renamed over FILE on success.

    If the run fails half-way, the temporary file is removed and FILE keeps
    its old content: a reader never sees half a report.
    """

    def __init__(self, path: str | None):
        self.path = path
        self._fh: IO[str] | None = None
        self._tmp: str | None = None

    def __enter__(self) -> "AtomicOutput":
        if self.path:
            target = Path(self.path)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent))
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self

    def write(self, text: str) -> None:
        if not text:
            return
        if self._fh is None:
            sys.stdout.write(text)
            sys.stdout.flush()  # streamed formats reach the reader document by document
        else:
            self._fh.write(text)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._fh is None:
            return
        self._fh.close()
        assert self._tmp is not None and self.path is not None
        if exc_type is None:
            mode = 0o666 & ~_umask()
            os.chmod(self._tmp, mode)  # mkstemp makes 0600; a report is an ordinary file
            os.replace(self._tmp, self.path)
        else:
            Path(self._tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
