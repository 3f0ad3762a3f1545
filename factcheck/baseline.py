"""Baselines: accept today's findings, fail only on new ones.

``--write-baseline FILE`` records every finding by fingerprint (with its
code, document and text, for people reading the file). ``--baseline FILE``
hides each recorded finding once; entries that hid nothing are *stale* (the
finding was fixed, or its wording changed) and are reported so the file can
be rewritten.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from .errors import InputError
from .model import DocumentResult, Finding

FORMAT = "factcheck-baseline/1"


def baseline_entry(d: DocumentResult, f: Finding) -> dict[str, Any]:
    return {"fingerprint": f.fingerprint, "code": f.code, "document": d.path or d.id, "id": d.id,
            "line": f.line, "message": f.message}


def dumps_baseline(entries: Iterable[dict[str, Any]]) -> str:
    body = ",\n".join("    " + json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries)
    return f'{{\n  "format": "{FORMAT}",\n  "findings": [\n{body}\n  ]\n}}\n' if body else \
        f'{{\n  "format": "{FORMAT}",\n  "findings": []\n}}\n'


@dataclass
class Baseline:
    """Recorded fingerprints, consumed as findings are matched."""

    entries: list[dict[str, Any]]
    _left: Counter[str] = field(default_factory=Counter)
    hidden: int = 0

    def __post_init__(self) -> None:
        self._left = Counter(e["fingerprint"] for e in self.entries)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read the baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list) \
                or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in data["findings"]):
            raise InputError(f"{path}: not a factcheck baseline (expected \"format\": \"{FORMAT}\" and a findings list)")
        return cls(data["findings"])

    def filter(self, result: DocumentResult) -> DocumentResult:
        """The result without the findings the baseline records."""
        kept = []
        for f in result.findings:
            if f.fingerprint and self._left[f.fingerprint] > 0:
                self._left[f.fingerprint] -= 1
                self.hidden += 1
            else:
                kept.append(f)
        return result if len(kept) == len(result.findings) else replace(result, findings=tuple(kept))

    def stale(self) -> list[dict[str, Any]]:
        """Entries that hid nothing, in file order."""
        left = Counter(self._left)
        out = []
        for e in reversed(self.entries):  # the last copies of a fingerprint are the unused ones
            if left[e["fingerprint"]] > 0:
                left[e["fingerprint"]] -= 1
                out.append(e)
        return out[::-1]
