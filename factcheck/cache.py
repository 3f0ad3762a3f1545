"""A disk cache of the loaded ruleset, so a run on one article starts fast.

Loading the rules means validating every file, expanding macros, reading
each pattern for its triggers and start and, above all, compiling some 70
large patterns with the ``regex`` module, whose parser is pure Python:
about 10 s, against some 4 ms to check a news article. The result depends
only on the rule files and on the code and library versions, so it is kept
under ``$FACTCHECK_CACHE_DIR`` (default ``$XDG_CACHE_HOME/factcheck`` or
``~/.cache/factcheck``; ``FACTCHECK_CACHE_DIR=off`` turns it off), keyed by
a hash of all of them, and any change to any of them misses the cache.
Each pattern is also kept on its own, keyed by its text and the code that
reads it, so a missed ruleset (a rule pack added, one rule edited) costs
only the patterns that changed: under a second instead of ten.

Compiled patterns cannot be pickled (``regex`` pickles a pattern as its
source and compiles it again), so the cache keeps what ``regex`` hands to
its C extension at the end of compiling (the opcode list and group tables)
and builds the pattern object from that directly. This uses the internals
of the ``regex`` package, so every step is checked and anything unexpected
(another layout, a pattern that does not round-trip) falls back to a normal
compile; the ``regex`` version is part of the key.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

import regex

FORMAT = 1


def cache_dir() -> Path | None:
    """Where cached rulesets live, or None when caching is off."""
    env = os.environ.get("FACTCHECK_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def key_of(parts: Iterable[bytes | str]) -> str:
    """A hash of everything the cached value depends on, versions included."""
    from . import __version__

    h = hashlib.sha256()
    for part in (str(FORMAT), __version__, sys.version, regex.__version__, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def load(name: str, key: str) -> Any | None:
    """The value stored under ``name`` with this ``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}-{key[:32]}.pickle").open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:  # missing, unreadable, truncated, from another layout: a miss
        return None
    return value if stored_key == key else None


def store(name: str, key: str, value: Any) -> None:
    """Keep ``value``; written atomically, and silently skipped when it cannot be."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{name}-{key[:32]}.pickle")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass


def compile_recorded(pattern: str, flags: int = 0) -> tuple[Any, tuple | None]:
    """``regex.compile(pattern, flags)`` and what rebuilds it (None if unknown).

    The regex package compiles in Python and hands the result to
    ``_regex.compile``; that one call is recorded (only calls for this very
    pattern count, should another thread compile meanwhile).
    """
    main = sys.modules.get("regex._main") or sys.modules.get("regex.regex")
    core = getattr(main, "_regex", None)
    if core is None or not hasattr(core, "compile"):
        return regex.compile(pattern, flags), None
    calls: list[tuple] = []

    class _Recorder:
        def __getattr__(self, attr: str) -> Any:
            return getattr(core, attr)

        @staticmethod
        def compile(*args: Any) -> Any:
            calls.append(args)
            return core.compile(*args)

    main._regex = _Recorder()
    try:
        compiled = regex.compile(pattern, flags, cache_pattern=False)
    finally:
        main._regex = core
    mine = [a for a in calls if a and a[0] == pattern]
    return compiled, (mine[-1] if len(mine) == 1 else None)


def rebuild(pattern: str, flags: int, recorded: tuple | None, expected_flags: int) -> Any:
    """The compiled pattern, from what ``compile_recorded`` kept, or compiled anew."""
    if recorded is not None:
        main = sys.modules.get("regex._main") or sys.modules.get("regex.regex")
        core = getattr(main, "_regex", None)
        try:
            compiled = core.compile(*recorded)
            if compiled.pattern == pattern and compiled.flags == expected_flags:
                return compiled
        except Exception:  # another regex layout: compile as usual
            pass
    return regex.compile(pattern, flags)
