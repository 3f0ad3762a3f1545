"""Helpers shared by the command-line tests."""
from __future__ import annotations

import json
from pathlib import Path

from factcheck.cli import main

SOURCED = "قال وزير المالية إن العجز بلغ 3 في المئة."
UNSOURCED = "بلغ العجز 7 في المئة العام الماضي."


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def write_jsonl(path: Path, rows) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
