"""Read input documents: text and Markdown files, folders, JSONL corpora and stdin.

Every input yields at least one Document; one that cannot be read carries an
``error`` naming the file (and the JSONL row) instead of raising, so a bad
file never hides the others. JSONL is streamed row by row, and no row or
file larger than ``max_bytes`` is ever held in memory.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import IO, Iterable, Iterator

from .markdown import MARKDOWN_SUFFIXES, strip_markdown
from .model import Document
from .suppress import parse_field, parse_markdown

TEXT_SUFFIXES = (".txt",) + MARKDOWN_SUFFIXES
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_INCLUDE = tuple(f"*{s}" for s in TEXT_SUFFIXES + JSONL_SUFFIXES)
# News articles are kilobytes; a document this big is a mistake (a dump, a log).
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class ReadOptions:
    lang: str = "ar"
    id_field: str = "id"
    text_field: str = "text"
    suppress_field: str = "suppress"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    stdin_name: str | None = None  # its suffix says how to read stdin (.md, .jsonl)


def decode(data: bytes, where: str) -> str:
    """Strict UTF-8 (BOM stripped); an error names the byte offset."""
    if b"\x00" in data[:8192]:
        raise ValueError(f"{where}: binary file (NUL byte at offset {data.index(0)}), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: invalid UTF-8 at byte offset {exc.start}: {exc.reason}") from None
    return text[1:] if text.startswith("\ufeff") else text


def glob_match(path: str, globs: Iterable[str]) -> bool:
    """True if the posix ``path`` or its file name matches a glob; ``**/`` may match nothing."""
    name = path.rsplit("/", 1)[-1]
    for g in globs:
        for pat in {g, g.replace("**/", "")}:
            if fnmatchcase(path, pat) or ("/" not in pat and fnmatchcase(name, pat)):
                return True
    return False


def read_paths(paths: Iterable[str], lang: str | ReadOptions = "ar", id_field: str = "id", text_field: str = "text",
               stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """Documents from every path in order: '-' is stdin, folders are walked sorted."""
    opts = lang if isinstance(lang, ReadOptions) else ReadOptions(lang, id_field, text_field)
    for p in paths:
        if p == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, opts)
            continue
        path = Path(p)
        if path.is_dir():
            # A dangling link is listed too, so it is reported rather than skipped unseen.
            for f in sorted(f for f in path.rglob("*") if f.is_file() or (f.is_symlink() and not f.exists())):
                rel = f.relative_to(path).as_posix()
                if glob_match(rel, opts.include) and not glob_match(rel, opts.exclude):
                    yield from _read_file(f, opts)
        elif not glob_match(path.as_posix(), opts.exclude):
            yield from _read_file(path, opts)


def _read_stdin(stream: IO[bytes], opts: ReadOptions) -> Iterator[Document]:
    name = opts.stdin_name or "-"
    if name.lower().endswith(JSONL_SUFFIXES):
        yield from _jsonl_rows(stream, name, opts)
        return
    data = stream.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        yield Document(name, "", None, opts.lang, error=f"<stdin>: {_too_big(opts.max_bytes)}")
        return
    yield _text_document(name, opts.stdin_name, data, opts, where="<stdin>")


def _too_big(limit: int) -> str:
    return f"larger than the limit of {limit} bytes (max-document-bytes); not read"


def _read_file(path: Path, opts: ReadOptions) -> Iterator[Document]:
    shown = path.as_posix()
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            fh = path.open("rb")
        except OSError as exc:
            yield Document(shown, "", shown, opts.lang, error=f"{shown}: cannot read: {exc.strerror or exc}")
            return
        with fh:
            yield from _jsonl_rows(fh, shown, opts)
        return
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            yield Document(shown, "", shown, opts.lang, error=f"{shown}: {size} bytes, {_too_big(opts.max_bytes)}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Document(shown, "", shown, opts.lang, error=f"{shown}: cannot read: {exc.strerror or exc}")
        return
    yield _text_document(shown, shown, data, opts)


def _text_document(doc_id: str, path: str | None, data: bytes, opts: ReadOptions, where: str | None = None) -> Document:
    where = where or path or "<stdin>"
    try:
        text = decode(data, where)
    except ValueError as exc:
        return Document(doc_id, "", path, opts.lang, error=str(exc))
    if not text.strip():
        return Document(doc_id, text, path, opts.lang, error=f"{where}: empty document")
    if path and path.lower().endswith(MARKDOWN_SUFFIXES):
        view = strip_markdown(text)
        if not view.strip():
            return Document(doc_id, text, path, opts.lang, error=f"{where}: no text outside the Markdown markup")
        return Document(doc_id, text, path, opts.lang, view=view, suppressions=parse_markdown(text, view))
    return Document(doc_id, text, path, opts.lang)


def _rows(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) per line; ``None`` for a line over ``limit`` bytes, skipped unread."""
    lineno = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # drain the rest of the line, a chunk at a time
                raw = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, raw


def read_jsonl(path: Path, lang: str = "ar", id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """One Document per non-blank line, streamed; bad rows become error documents."""
    yield from _read_file(Path(path), ReadOptions(lang, id_field, text_field))


def _jsonl_rows(fh: IO[bytes], shown: str, opts: ReadOptions) -> Iterator[Document]:
    lang = opts.lang
    for lineno, raw in _rows(fh, opts.max_bytes):
        where = f"{shown}:{lineno}"
        if raw is None:
            yield Document(where, "", shown, lang, error=f"{where}: row {_too_big(opts.max_bytes)}", row=lineno)
            continue
        if not raw.strip():
            continue
        row_id = where
        try:
            row = json.loads(decode(raw, where))
            if not isinstance(row, dict):
                raise ValueError(f"{where}: a row must be a JSON object, not {type(row).__name__}")
            if opts.id_field in row and isinstance(row[opts.id_field], (str, int)):
                row_id = str(row[opts.id_field])
            if opts.text_field not in row:
                raise ValueError(f"{where}: row has no {opts.text_field!r} field")
            if not isinstance(row[opts.text_field], str):
                raise ValueError(f"{where}: field {opts.text_field!r} must be a string")
            if not row[opts.text_field].strip():
                raise ValueError(f"{where}: field {opts.text_field!r} is empty")
        except json.JSONDecodeError as exc:
            yield Document(row_id, "", shown, lang, error=f"{where}: invalid JSON: {exc.msg} at column {exc.colno}", row=lineno)
            continue
        except ValueError as exc:
            yield Document(row_id, "", shown, lang, error=str(exc), row=lineno)
            continue
        skip = (opts.id_field, opts.text_field, opts.suppress_field)
        meta = {k: v for k, v in row.items() if k not in skip}
        sups = parse_field(row[opts.suppress_field]) if opts.suppress_field in row else ()
        yield Document(row_id, row[opts.text_field], shown, lang, meta, row=lineno, suppressions=sups)
