"""flake8-style lines, ``path:line:col: CODE name message``, coloured on a terminal."""
from __future__ import annotations

from ..model import DocumentResult
from ..report import _verbose_lines
from . import Formatter, Summary, display_name

_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"
_SEVERITY = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}


class TextFormatter(Formatter):
    per_document = True

    def __init__(self, color: bool = False, verbose: bool = False):
        self.color = color
        self.verbose = verbose

    def _c(self, code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if self.color else s

    def document(self, r: DocumentResult) -> str:
        name = display_name(r)
        lines = []
        if r.error is not None:
            lines.append(f"{self._c(_BOLD, name)}: {self._c(_SEVERITY['error'], 'error')}: {r.error}")
            return "".join(line + "\n" for line in lines)
        if self.verbose:
            lines.extend(_verbose_lines(r))
        for f in r.findings:
            where = self._c(_BOLD, name) + self._c(_DIM, f":{f.line}:{f.column}:")
            code = self._c(_BOLD + _SEVERITY.get(f.severity, ""), f.code)
            lines.append(f"{where} {code} {f.name} {f.message}")
        return "".join(line + "\n" for line in lines)

    def end(self, s: Summary) -> str:
        lines = [f"{s.documents} document(s), {s.quantities} figure(s), {s.attributions} attribution(s), "
                 f"{s.findings} finding(s), {s.errors} error(s)"]
        if s.suppressed:
            lines.append(f"{s.suppressed} finding(s) suppressed inline")
        if s.baseline_hidden is not None:
            lines.append(f"baseline: {s.baseline_hidden} finding(s) hidden, {len(s.stale)} stale entr{'y' if len(s.stale) == 1 else 'ies'}")
            for e in s.stale:
                lines.append(f"  stale: {e.get('document')}:{e.get('line')}: {e.get('code')} {e.get('fingerprint')}")
        return "".join(line + "\n" for line in lines)
