"""The report: JSON (the published contract) and human-readable text."""
from __future__ import annotations

import json
from functools import lru_cache
from json.encoder import INFINITY, encode_basestring
from typing import Any, Callable, Iterable

from .model import Attribution, DocumentResult, Finding, Quantity, Report

SCHEMA_VERSION = "1"


def _num(x: float | None) -> float | int | None:
    """Integral floats print as integers, so the same value always prints the same."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return float(x)


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {
        "id": q.id, "start": q.start, "end": q.end, "text": q.text,
        "kind": q.kind, "value": _num(q.value), "min": _num(q.min), "max": _num(q.max),
        "unit": q.unit, "qualifier": q.qualifier,
        "normalized": None if q.normalized is None else {"value": _num(q.normalized.value), "unit": q.normalized.unit},
        "normalized_range": None if q.normalized_range is None else {
            "min": _num(q.normalized_range.min), "max": _num(q.normalized_range.max), "unit": q.normalized_range.unit},
        "statistic": q.statistic, "attribution": q.attribution,
        "link_reason": q.link_reason, "noun": q.noun,
        "unit_candidates": list(q.unit_candidates), "rule": q.rule,
    }


def attribution_json(a: Attribution) -> dict[str, Any]:
    return {
        "id": a.id, "start": a.start, "end": a.end, "kind": a.kind,
        "source": None if a.source is None else a.source.to_json(),
        "cue": {**a.cue.to_json(), "lemma": a.lemma},
        "stance": a.stance, "speaker": a.speaker, "carried": a.carried,
        "quote": None if a.quote is None else a.quote.to_json(),
        "rule": a.rule,
        "relay": None if a.relay is None else a.relay.to_json(),
        "direct": a.direct, "reach": a.reach, "antecedent": a.antecedent,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code, "name": f.name, "severity": f.severity, "message": f.message,
        "start": f.start, "end": f.end, "line": f.line, "column": f.column,
        "end_line": f.end_line, "end_column": f.end_column,
        "quantities": list(f.quantities), "attributions": list(f.attributions),
        "fingerprint": f.fingerprint,
        "related": [dict(r) for r in f.related],
    }


def document_json(d: DocumentResult) -> dict[str, Any]:
    return {
        "id": d.id, "path": d.path, "row": d.row, "lang": d.lang,
        "error": None if d.error is None else {"message": d.error},
        "quantities": [quantity_json(q) for q in d.quantities],
        "attributions": [attribution_json(a) for a in d.attributions],
        "findings": [finding_json(f) for f in d.findings],
    }


def report_json(report: Report) -> dict[str, Any]:
    return report_object(report.version, [document_json(d) for d in report.documents], report.errors,
                         sum(len(d.quantities) for d in report.documents),
                         sum(len(d.attributions) for d in report.documents),
                         sum(len(d.findings) for d in report.documents))


def report_object(version: str, documents: list[Any], errors: int, quantities: int, attributions: int,
                  findings: int) -> dict[str, Any]:
    """The report object around its documents (objects, or ``Raw`` text from ``document_fragment``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": version},
        "documents": documents,
        "summary": {
            "documents": len(documents),
            "errors": errors,
            "quantities": quantities,
            "attributions": attributions,
            "findings": findings,
        },
    }


class Raw(str):
    """JSON text already written, which ``dumps`` copies as it is."""


def piece(obj: Any, indent: int) -> Raw:
    """``obj`` written as ``dumps`` writes it where its line is indented by ``indent`` spaces.

    Workers write their share of a report this way, so the main process only joins the pieces.
    """
    nl = "\n" + " " * indent
    parts: list[str] = []
    try:
        _encode(obj, nl, parts.append)
    except (_Unsupported, RecursionError):
        # A type this writer does not know, or a cycle: the library's own
        # encoder gives the same text (indented as it is there when nested)
        # or raises the same error. (``Raw`` pieces sit only in frames of
        # plain data, which never get here.)
        return Raw(json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", nl))
    return Raw("".join(parts))


def document_fragment(d: DocumentResult) -> Raw:
    """``document_json(d)`` as a piece of a report (its place: the "documents" list)."""
    return piece(document_json(d), 4)


def dumps(obj: Any) -> str:
    """Deterministic JSON text: fixed key order, no ASCII escaping, trailing newline.

    The text is exactly ``json.dumps(obj, ensure_ascii=False, indent=2)``:
    with an indent the standard library falls back to its pure-Python
    encoder, which took longer than some pipeline stages on a large corpus.
    """
    return str(piece(obj, 0)) + "\n"


class _Unsupported(Exception):
    """A value ``_encode`` leaves to the standard library."""


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _float(x: float) -> str:
    """A float as the json module writes it (allow_nan: NaN and Infinity)."""
    if x != x:
        return "NaN"
    if x == INFINITY:
        return "Infinity"
    if x == -INFINITY:
        return "-Infinity"
    return float.__repr__(x)


def _encode(o: Any, nl: str, out: Callable[[str], None]) -> None:
    """Write ``o`` as JSON indented by two spaces; ``nl`` is a newline and the current indent.

    Exact types only (a subclass may change how it prints): anything else
    raises ``_Unsupported``.
    """
    t = type(o)
    if t is str:
        out(encode_basestring(o))
    elif t is Raw:
        out(o)
    elif o is None or o is True or o is False:
        out(_CONSTANTS[o])
    elif t is int:
        out(int.__repr__(o))
    elif t is float:
        out(_float(o))
    elif t is dict:
        if not o:
            out("{}")
            return
        inner, opening = nl + "  ", "{"
        for k, v in o.items():
            if type(k) is not str:
                raise _Unsupported
            out(opening + inner + encode_basestring(k) + ": ")
            opening = ","
            _encode(v, inner, out)
        out(nl + "}")
    elif t is list or t is tuple:
        if not o:
            out("[]")
            return
        inner, opening = nl + "  ", "["
        for v in o:
            out(opening + inner)
            opening = ","
            _encode(v, inner, out)
        out(nl + "]")
    else:
        raise _Unsupported


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report (shipped inside the package)."""
    from importlib import resources  # only schema checks need it: start-up time

    return json.loads((resources.files("factcheck") / "report.schema.json").read_text(encoding="utf-8"))


def validate_report(obj: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``obj`` breaks the contract."""
    import jsonschema

    jsonschema.Draft202012Validator(report_schema()).validate(obj)


def _display(d: DocumentResult) -> str:
    return d.path or d.id


def text_lines(report: Report, verbose: bool = False) -> Iterable[str]:
    """flake8-style lines, ``path:line:col: CODE name message``, plus a summary."""
    for d in report.documents:
        name = _display(d)
        if d.error is not None:
            yield f"{name}: error: {d.error}"
            continue
        if verbose:
            yield from _verbose_lines(d)
        for f in d.findings:
            yield f"{name}:{f.line}:{f.column}: {f.code} {f.name} {f.message}"
    n_find = sum(len(d.findings) for d in report.documents)
    n_q = sum(len(d.quantities) for d in report.documents)
    n_a = sum(len(d.attributions) for d in report.documents)
    yield (f"{len(report.documents)} document(s), {n_q} figure(s), {n_a} attribution(s), "
           f"{n_find} finding(s), {report.errors} error(s)")


def figure_value(q: Quantity) -> str:
    """A figure's value and unit as people read them, and in base units where those differ:
    "5..10 kilometer (5000..10000 meter)", "12 percent"."""
    value = _num(q.value) if q.value is not None else f"{_num(q.min)}..{_num(q.max)}"
    shown = f"{value} {q.unit}" if q.unit else f"{value}"
    base = _in_base_units(q)
    return shown if base is None or base == shown else f"{shown} ({base})"


def _in_base_units(q: Quantity) -> str | None:
    """The figure in base units as the text report shows it (27800 km² -> "2.78e+10 meter ** 2"), or None."""
    if q.normalized is not None:
        return f"{_short(q.normalized.value)} {q.normalized.unit}"
    r = q.normalized_range
    if r is not None:
        ends = "..".join("" if v is None else _short(v) for v in (r.min, r.max))
        return f"{ends} {r.unit}"
    return None


def _short(x: float) -> str:
    """A number in at most six significant digits (2.78e+10, 5000, 293.15)."""
    return f"{x:.6g}"


def _verbose_lines(d: DocumentResult) -> Iterable[str]:
    by_id = {a.id: a for a in d.attributions}
    yield f"== {_display(d)}"
    for q in d.quantities:
        src = "-"
        if q.attribution:
            a = by_id[q.attribution]
            src = a.source.text if a.source else f"({a.kind}: «{a.cue.text}»)"
        stat = "" if q.statistic else " (not a statistic)"
        yield f"  figure {q.id} «{q.text}» = {figure_value(q)} [{q.kind}, {q.qualifier}]{stat}; source: {src}"
    for a in d.attributions:
        src = a.source.text if a.source else "-"
        relay = f" relayed by «{a.relay.text}»" if a.relay else ""
        yield (f"  source {a.id} «{src}» ({a.kind}, {a.speaker or '-'}) via «{a.cue.text}»{relay}"
               f"{' (carried)' if a.carried else ''}{' (direct quote)' if a.direct else ''}")
