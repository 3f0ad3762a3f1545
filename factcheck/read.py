"""Read input documents: text files, folders, JSONL corpora and stdin.

Every input yields at least one Document; one that cannot be read carries an
``error`` naming the file (and the JSONL row) instead of raising, so a bad
file never hides the others.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from .model import Document

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def decode(data: bytes, where: str) -> str:
    """Strict UTF-8 (BOM stripped); an error names the byte offset."""
    if b"\x00" in data[:8192]:
        raise ValueError(f"{where}: binary file (NUL byte at offset {data.index(0)}), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: invalid UTF-8 at byte offset {exc.start}: {exc.reason}") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_paths(paths: Iterable[str], lang: str = "ar", id_field: str = "id", text_field: str = "text",
               stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """Documents from every path in order: '-' is stdin, folders are walked sorted."""
    for p in paths:
        if p == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield _text_document("-", None, data, lang)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            for f in files:
                yield from _read_file(f, lang, id_field, text_field)
        else:
            yield from _read_file(path, lang, id_field, text_field)


def _read_file(path: Path, lang: str, id_field: str, text_field: str) -> Iterator[Document]:
    shown = path.as_posix()
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, lang, id_field, text_field)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Document(shown, "", shown, lang, error=f"{shown}: cannot read: {exc.strerror or exc}")
        return
    yield _text_document(shown, shown, data, lang)


def _text_document(doc_id: str, path: str | None, data: bytes, lang: str) -> Document:
    where = path or "<stdin>"
    try:
        text = decode(data, where)
    except ValueError as exc:
        return Document(doc_id, "", path, lang, error=str(exc))
    if not text.strip():
        return Document(doc_id, text, path, lang, error=f"{where}: empty document")
    return Document(doc_id, text, path, lang)


def read_jsonl(path: Path, lang: str = "ar", id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """One Document per non-blank line, streamed; bad rows become error documents."""
    shown = path.as_posix()
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Document(shown, "", shown, lang, error=f"{shown}: cannot read: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            where = f"{shown}:{lineno}"
            row_id = where
            try:
                line = decode(raw, where)
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(f"{where}: a row must be a JSON object, not {type(row).__name__}")
                if id_field in row and isinstance(row[id_field], (str, int)):
                    row_id = str(row[id_field])
                if text_field not in row:
                    raise ValueError(f"{where}: row has no {text_field!r} field")
                if not isinstance(row[text_field], str):
                    raise ValueError(f"{where}: field {text_field!r} must be a string")
            except json.JSONDecodeError as exc:
                yield Document(row_id, "", shown, lang, error=f"{where}: invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            except ValueError as exc:
                yield Document(row_id, "", shown, lang, error=str(exc))
                continue
            meta = {k: v for k, v in row.items() if k not in (id_field, text_field)}
            yield Document(row_id, row[text_field], shown, lang, meta)
