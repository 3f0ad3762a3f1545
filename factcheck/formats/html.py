"""One self-contained HTML page for editors: the text with figures and sources
marked, and the findings listed beside it.

Every piece of article text goes through ``html.escape``; nothing from the
input is ever written raw. Arabic documents are laid out right to left
(``dir`` comes from the document's language); findings link to their place
in the text, and the place is outlined when followed (``:target``).
"""
from __future__ import annotations

import re

from html import escape
from typing import Iterable

from ..markdown import MARKDOWN_SUFFIXES, strip_markdown
from ..model import DocumentResult, Quantity
from ..report import figure_value
from . import Formatter, Summary, display_name

RTL_LANGS = {"ar", "fa", "he", "ur"}

CSS = """
:root{--ink:#1d232a;--muted:#5b6670;--line:#d9dee3;--q:#fff1b8;--src:#d7ecff;--cue:#e6f4ea;--warn:#b35c00;--err:#b3261e;--info:#1f6f8b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic",sans-serif;color:var(--ink);background:#f5f6f8}
header.page{padding:16px 24px;background:#fff;border-bottom:1px solid var(--line)}
header.page h1{margin:0 0 4px;font-size:20px}
.legend span{display:inline-block;margin-inline-end:14px;font-size:13px;color:var(--muted)}
.legend i{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-inline-end:4px;border-radius:3px}
main{padding:16px 24px}
section.doc{background:#fff;border:1px solid var(--line);border-radius:8px;margin:0 0 20px;overflow:hidden}
section.doc>h2{margin:0;padding:10px 16px;font-size:15px;border-bottom:1px solid var(--line);background:#fafbfc;overflow-wrap:anywhere}
section.doc>h2 small{color:var(--muted);font-weight:normal;margin-inline-start:8px}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(260px,380px)}
article{padding:16px 20px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;line-height:1.9}
article[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,system-ui,sans-serif}
aside{border-inline-start:1px solid var(--line);padding:12px 16px;background:#fcfcfd}
aside h3{margin:0 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
aside ol{list-style:none;margin:0;padding:0}
aside li{margin:0 0 10px;padding:8px 10px;border:1px solid var(--line);border-inline-start-width:4px;border-radius:6px;background:#fff}
aside li.sev-warning{border-inline-start-color:var(--warn)}
aside li.sev-error{border-inline-start-color:var(--err)}
aside li.sev-info{border-inline-start-color:var(--info)}
aside a{color:inherit;text-decoration:none;display:block}
aside .code{font-weight:600;font-family:ui-monospace,monospace;font-size:13px}
aside .where{color:var(--muted);font-size:12px;margin-inline-start:6px}
aside .msg{display:block;font-size:13px;margin-top:2px}
aside .none{color:var(--muted);font-size:13px}
.q{background:var(--q);border-radius:3px;padding:0 1px}
.src{background:var(--src);border-radius:3px}
.cue{background:var(--cue);border-radius:3px}
.mk{color:#9aa3ab;font-size:.85em}
.flag{text-decoration:underline wavy var(--warn);text-underline-offset:5px}
.flag.sev-error{text-decoration-color:var(--err)}
.flag.sev-info{text-decoration-color:var(--info)}
:target{outline:2px solid var(--err);outline-offset:2px}
.error{padding:12px 16px;color:var(--err)}
@media (max-width:900px){.cols{grid-template-columns:1fr}aside{border-inline-start:0;border-top:1px solid var(--line)}}
"""


def _describe(q: Quantity, sources: dict[str, str]) -> str:
    src = sources.get(q.attribution or "", "no source")
    return f"{q.id}: {q.kind} {figure_value(q)} ({q.qualifier}); source: {src}"


def _marks(r: DocumentResult, prefix: str) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end, css class, title, anchor id) for every highlighted span."""
    sources = {a.id: a.source.text for a in r.attributions if a.source}
    out: list[tuple[int, int, str, str, str | None]] = []
    for q in r.quantities:
        out.append((q.start, q.end, "q", _describe(q, sources), None))
    for a in r.attributions:
        if a.source and not a.carried:
            out.append((a.source.start, a.source.end, "src", f"{a.id}: source ({a.kind})", None))
        if not a.carried:
            out.append((a.cue.start, a.cue.end, "cue", f"{a.id}: cue «{a.lemma}» ({a.stance})", None))
    for i, f in enumerate(r.findings):
        out.append((f.start, max(f.end, f.start + 1), f"flag sev-{f.severity}", f"{f.code} {f.name}: {f.message}", f"{prefix}-f{i}"))
    if r.text and r.path and r.path.lower().endswith(MARKDOWN_SUFFIXES):
        out.extend((s, e, "mk", "", None) for s, e in _markup_runs(r.text))
    return out


def _markup_runs(text: str) -> Iterable[tuple[int, int]]:
    """Runs of Markdown markup (what the checks did not read), shown muted."""
    view = strip_markdown(text)
    start = None
    for i, (a, b) in enumerate(zip(text, view)):
        if a != b and start is None:
            start = i
        elif a == b and start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(text)


def render_text(text: str, marks: Iterable[tuple[int, int, str, str, str | None]]) -> str:
    """The text, escaped, cut at every mark boundary; each piece carries the classes covering it."""
    marks = [m for m in marks if 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[str] = []
    for s, e in zip(cuts, cuts[1:]):
        piece = escape(text[s:e])
        live = [m for m in marks if m[0] <= s and e <= m[1]]
        if not live:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for m in live for c in m[2].split()))
        title = " | ".join(dict.fromkeys(m[3] for m in live if m[3]))
        ids = [m[4] for m in live if m[4] and m[0] == s]
        anchor = f' id="{escape(ids[0])}"' if ids else ""
        title_attr = f' title="{escape(title)}"' if title else ""
        out.append(f'<span class="{escape(classes)}"{title_attr}{anchor}>{piece}</span>')
    return "".join(out)


class HtmlFormatter(Formatter):
    streaming = False
    needs_text = True

    def __init__(self) -> None:
        self.sections: list[str] = []

    def document(self, r: DocumentResult) -> str:
        n = len(self.sections)
        name = escape(display_name(r))
        if r.error is not None:
            self.sections.append(f'<section class="doc"><h2>{name}</h2><p class="error">{escape(r.error)}</p></section>')
            return ""
        direction = "rtl" if r.lang.split("-")[0] in RTL_LANGS else "ltr"
        prefix = f"d{n}"
        body = render_text(r.text or "", _marks(r, prefix))
        items = []
        for i, f in enumerate(r.findings):
            items.append(
                f'<li class="sev-{escape(f.severity)}"><a href="#{prefix}-f{i}">'
                f'<span class="code">{escape(f.code)} {escape(f.name)}</span>'
                f'<span class="where">line {f.line}, col {f.column} · {escape(f.severity)}</span>'
                f'<span class="msg" dir="{_message_direction(f.message)}">{escape(f.message)}</span></a></li>')
        listing = f"<ol>{''.join(items)}</ol>" if items else '<p class="none">No findings.</p>'
        counts = f"{len(r.quantities)} figure(s) · {len(r.attributions)} source(s) · {len(r.findings)} finding(s)"
        self.sections.append(
            f'<section class="doc" id="{prefix}"><h2><bdi>{name}</bdi><small>{counts}</small></h2>'
            f'<div class="cols"><article dir="{direction}" lang="{escape(r.lang)}">{body}</article>'
            f'<aside><h3>Findings</h3>{listing}</aside></div></section>')
        return ""

    def end(self, s: Summary) -> str:
        summary = (f"{s.documents} document(s), {s.quantities} figure(s), {s.attributions} source(s), "
                   f"{s.findings} finding(s), {s.errors} error(s)")
        legend = ('<div class="legend"><span><i style="background:var(--q)"></i>figure</span>'
                  '<span><i style="background:var(--src)"></i>source</span>'
                  '<span><i style="background:var(--cue)"></i>reporting cue</span>'
                  '<span><i style="border-bottom:2px solid var(--warn)"></i>finding</span></div>')
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>factcheck report</title><style>{CSS}</style></head><body>"
                f"<header class=\"page\"><h1>factcheck report</h1><p>{escape(summary)} · factcheck {escape(s.version)}</p>{legend}</header>"
                f"<main>{''.join(self.sections)}</main></body></html>\n")


_LATIN_WORD = re.compile(r"[A-Za-z]{3}")


def _message_direction(message: str) -> str:
    """An English message that quotes Arabic figures still reads left to right.

    ``dir="auto"`` would look at the first strong character, which is often
    the quoted Arabic figure; the message's own language decides instead.
    """
    return "ltr" if _LATIN_WORD.search(message) else "rtl"
