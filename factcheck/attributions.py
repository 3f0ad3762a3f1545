"""Turn attribution-rule matches into Attribution records: source, cue, scope.

Rules (``rules/<lang>/attribution/*.toml``) capture a ``cue`` and, when the
copy names one, a ``source``, a ``relay`` and a ``quote``. The rule's ``kind``
says how far its claim reaches: ``verb`` covers the clause after the cue,
``frame`` (بحسب، وفقاً لـ) the whole sentence, ``carried`` (وتابع:) takes the
last named speaker within a few sentences.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from .model import Attribution, Match, Sentence, Span
from .normalize import NormalizedText
from .ruleset import Lexicon, Ruleset

# How many sentences back a carried cue (وتابع، وأضاف) looks for its speaker.
CARRY_WINDOW = 3
# How many leading words of a source are looked up in the sources lexicon.
_HEAD_WORDS = 4


def classify_source(text: str, lexicon: Lexicon) -> str:
    """named | official | media | document | anonymous | vague, from the source's head."""
    words = text.replace("«", " ").replace("»", " ").split()
    for n in range(min(_HEAD_WORDS, len(words)), 0, -1):
        entry = lexicon.lookup(" ".join(words[:n]))
        if entry is None and words[0][:1] in "وف":
            entry = lexicon.lookup(" ".join([words[0][1:]] + words[1:n]))
        if entry is not None:
            kind = entry.data.get("kind", "named")
            if kind == "title":  # "الرئيس فلاديمير بوتين" is named, "الرئاسة" is not
                return "named" if len(words) > n else "official"
            return kind
    return "named"


def build_attributions(nt: NormalizedText, sentences: tuple[Sentence, ...], matches: Iterable[Match],
                       ruleset: Ruleset) -> list[Attribution]:
    """Attributions in text order, with their scope and speaker ids."""
    cues = ruleset.lexicon("cues")
    sources = ruleset.lexicon("sources")
    starts = [s.norm_start for s in sentences]
    matches = sorted(matches, key=lambda m: m.norm_start)
    speakers: dict[str, str] = {}
    out: list[Attribution] = []
    for i, m in enumerate(matches):
        if not sentences:
            break
        sent = sentences[max(0, bisect_right(starts, m.norm_start) - 1)]
        cue_s, cue_e = m.groups["cue"]
        entry = cues.lookup(nt.text[cue_s:cue_e])
        lemma = entry.data.get("lemma", "") if entry else nt.text[cue_s:cue_e]
        stance = entry.data.get("stance", "neutral") if entry else "neutral"
        rule_kind = m.params.get("kind", "verb")
        source = _span(nt, m.groups.get("source"))
        quote = _span(nt, m.groups.get("quote"))
        carried = False
        if source is None:
            prev = _last_speaker(out, sent.index)
            if prev is None:
                continue
            source, kind, speaker, carried = prev.source, prev.kind, prev.speaker, True
        else:
            kind = m.params.get("source-kind") or classify_source(nt.text[slice(*m.groups["source"])], sources)
            key = " ".join(nt.text[slice(*m.groups["source"])].split())
            speaker = speakers.setdefault(key, f"s{len(speakers) + 1}")
        # What the attribution covers, in normalised offsets.
        reach = "quote" if "quote" in m.groups else ("frame" if rule_kind == "frame" else "clause")
        if reach == "quote":
            scope = m.groups["quote"]
        elif reach == "frame":
            scope = (sent.norm_start, sent.norm_end)
        else:
            after = max(cue_e, m.groups["source"][1] if "source" in m.groups else cue_e)
            end = sent.norm_end
            for nxt in matches[i + 1:]:
                if nxt.norm_start >= sent.norm_end:
                    break
                if nxt.params.get("kind", "verb") != "frame" and nxt.norm_start >= after:
                    end = nxt.norm_start
                    break
            scope = (after, end)
        cue = _span(nt, (cue_s, cue_e))
        assert cue is not None
        lo = min(cue.start, source.start) if not carried else cue.start
        hi = max(cue.end, source.end) if not carried else cue.end
        out.append(Attribution(
            id=f"a{len(out) + 1}", start=lo, end=hi, kind=kind, source=source, cue=cue, lemma=lemma,
            stance=stance, rule=m.rule_id, sentence=sent.index, paragraph=sent.paragraph,
            scope_start=scope[0], scope_end=scope[1], speaker=speaker, quote=quote, carried=carried, reach=reach,
        ))
    return out


def _span(nt: NormalizedText, span: tuple[int, int] | None) -> Span | None:
    if span is None:
        return None
    s, e = nt.to_original(*span)
    return Span(s, e, nt.original[s:e])


def _last_speaker(found: list[Attribution], sentence: int) -> Attribution | None:
    for a in reversed(found):
        if sentence - a.sentence > CARRY_WINDOW:
            return None
        if a.source is not None:
            return a
    return None
