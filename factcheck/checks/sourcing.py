"""FC1xx: is each figure sourced, and by whom."""
from __future__ import annotations

from typing import Iterator

import regex

from ..model import Attribution, Quantity
from . import CheckContext, Hit, check
from .keys import noun_entry
from .text import tail_tokens, tokens, word_at


_TIME = regex.compile(r"\s*:\s*\d\d(?!\d)")


def _worth_sourcing(ctx: CheckContext, q: Quantity) -> bool:
    """Not a label, a time or a year the figure rules took for a count (الدقيقة 87، 15:30، 2011-2012).

    A figure with a unit is a claim; so is a count of a noun in ``claim_nouns``
    (casualties, arrests, strikes: «قتل خمسة أشخاص»). Any other count goes
    through the tests below («مرت بخمس دول» is wording).
    """
    if not ctx.norm_text or q.unit is not None or q.unit_candidates or _claim_noun(ctx, q):
        return True
    text = ctx.norm_text
    if not any(c.isdigit() for c in text[q.norm_start:q.norm_end]) and (q.value or 0) < 20:
        return False  # «خمسة أيام», «واحدة»: small numbers in words are wording, not statistics
    if q.noun:
        return True  # a count of a named thing (36 مقعدا): no label, time, score or duration
    if q.value is not None and q.value.is_integer() and 1900 <= q.value <= 2100:
        return False
    if _TIME.match(text, q.norm_end) or text[max(0, q.norm_start - 1):q.norm_start] == ":":
        return False
    near = text[max(0, q.norm_start - 2):q.norm_start] + text[q.norm_end:q.norm_end + 2]
    if "-" in near or "/" in near:
        return False  # a score (3 - صفر), a date (05-06-1988), a list number (1-)
    after = tokens(text, q.norm_end, min(len(text), q.norm_end + 20))[:1]
    if after and word_at(after, 0, ctx.words["duration_words"]):
        return False  # an age or a duration («44 عاماً», «قبل 3 أيام») is background, not a claim
    before = tail_tokens(text, ctx.sentences[q.sentence].norm_start if q.sentence < len(ctx.sentences) else 0,
                         q.norm_start, 1)
    return not (before and word_at(before, 0, ctx.words["label_heads"]))


def _claim_noun(ctx: CheckContext, q: Quantity) -> bool:
    """Whether the figure counts a noun of ``claim_nouns`` (or a noun no lexicon entry knows)."""
    if not q.noun:
        return False
    entry = noun_entry(q, ctx.ruleset)
    return entry is None or entry.id in ctx.words["claim_nouns"]


def _reason(ctx: CheckContext, q: Quantity) -> str:
    same = [a for a in ctx.attributions if a.sentence == q.sentence]
    if same:
        return ctx.say("FC101", "out-of-reach")
    if q.sentence == 0 and _is_headline(ctx):
        return ctx.say("FC101", "headline")
    return ctx.say("FC101", "no-cue")


def _is_headline(ctx: CheckContext) -> bool:
    """Whether the first sentence is a headline: a paragraph of its own, short, not ended like a sentence.

    A wire story's first line is often its lead («لقي 29 شخصا حتفهم، إثر غرق
    عبارة قرب جزيرة سولاويسي.»), a whole sentence, not a headline.
    """
    sents = ctx.sentences
    if len(sents) < 2 or sents[0].paragraph != 0 or sents[1].paragraph == 0:
        return False
    first = ctx.norm_text[sents[0].norm_start:sents[0].norm_end].rstrip()
    return not first.endswith((".", "!", "؟", "?", "…")) and \
        len(tokens(ctx.norm_text, sents[0].norm_start, sents[0].norm_end)) <= ctx.param("FC101", "headline_words")


@check("FC101", "unsourced-claim", severity="warning")
def unsourced_claim(ctx: CheckContext) -> Iterator[Hit]:
    """A statistic with no attribution in reach (its clause, its quote, a carried speaker).

    A figure whose only source is anonymous, vague or doubted is linked to
    that source and gets FC102, FC103 or FC104 instead.

    Okay: قال وزير المالية إن العجز بلغ 3 في المئة.
    Okay: وقال الوزير إن الخطة جاهزة. وتابع: «أنفقنا 20 مليون دولار على المدارس».
    Okay: قتل 20 شخصا بحسب وزارة الصحة.
    Okay: سجل اللاعب هدفه في الدقيقة 87 من المباراة.
    Okay: مرت الطائرة بخمس دول خلال رحلتها.
    FC101: بلغ العجز 3 في المئة العام الماضي.
    FC101: قتل خمسة مدنيين في القصف.
    """
    # A headline restates the body: its figure is sourced where the body attributes the same figure.
    sourced = {_same(q) for q in ctx.quantities if q.attribution is not None and q.sentence > 0}
    headline = bool(sourced) and _is_headline(ctx)
    for q in ctx.quantities:
        if q.statistic and q.attribution is None and _worth_sourcing(ctx, q):
            if headline and q.sentence == 0 and _same(q) in sourced:
                continue
            yield Hit(q.start, q.end, ctx.say("FC101", figure=q.text, reason=_reason(ctx, q)), quantities=(q.id,))


def _same(q: Quantity) -> tuple:
    """What makes two figures the same figure: value, bounds and unit."""
    return q.value, q.min, q.max, q.unit


def _carried_by(ctx: CheckContext, a: Attribution) -> list[Quantity]:
    """Figures linked to ``a``, and to the carried cues that continue its speaker."""
    ids = {a.id} | {b.id for b in ctx.attributions if b.carried and b.speaker == a.speaker and b.sentence >= a.sentence}
    return [q for q in ctx.quantities if q.attribution in ids and q.statistic]


def _names_someone(ctx: CheckContext, a: Attribution) -> bool:
    """«تقارير صادرة عن الأمم المتحدة» names its author: a later word heads an official or media source."""
    if ctx.ruleset is None or a.source is None:
        return False
    from ..normalize import fold

    lex = ctx.ruleset.lexicon("sources")
    words = fold(a.source.text).replace("«", " ").replace("»", " ").split()
    for i in range(1, len(words)):
        for n in (3, 2, 1):
            entry = lex.lookup(" ".join(words[i:i + n]), "وفبل")
            if entry is not None and entry.data.get("kind") in ("official", "media", "title"):
                return True
    return False


def _source_hits(ctx: CheckContext, code: str, kind: str) -> Iterator[Hit]:
    for a in ctx.attributions:
        if a.kind != kind or a.carried or a.source is None:
            continue
        if kind == "vague" and _names_someone(ctx, a):
            continue
        figs = _carried_by(ctx, a)
        extra = ctx.say(code, "figures", figures=ctx.figures(figs)) if figs else ""
        yield Hit(a.start, a.end, ctx.say(code, source=a.source.text, figures=extra),
                  quantities=tuple(q.id for q in figs), attributions=(a.id,))


@check("FC102", "anonymous-source", severity="info")
def anonymous_source(ctx: CheckContext) -> Iterator[Hit]:
    """An attribution to an unnamed source (مصادر مطلعة، مسؤول، شهود عيان), figures or not.

    The span covers source and cue; the figures it carries are listed.

    Okay: وقالت وزارة الصحة إن 40 شخصا اعتقلوا.
    FC102: وقالت مصادر مطلعة إن 40 شخصا اعتقلوا.
    FC102: وقال شهود عيان إن الشارع أغلق.
    """
    yield from _source_hits(ctx, "FC102", "anonymous")


@check("FC103", "vague-source", severity="info")
def vague_source(ctx: CheckContext) -> Iterator[Hit]:
    """An attribution to vague sourcing (تقارير، أنباء، خبراء), never to a named report or agency.

    Okay: وأشار تقرير صادر عن البنك الدولي إلى أن النمو بلغ 3 في المئة.
    Okay: وذكرت وكالة الأنباء الرسمية أن 100 شخص نزحوا.
    Okay: وذكرت تقارير صادرة عن الأمم المتحدة أن 100 شخص نزحوا.
    FC103: وذكرت تقارير أن 100 شخص نزحوا.
    """
    yield from _source_hits(ctx, "FC103", "vague")


def _followed_by_claim(ctx: CheckContext, a: Attribution) -> bool:
    """A doubt cue attributes only when a claim follows (زعم أن ...), not «تدعي محاربة الإرهاب»."""
    if a.reach in ("quote", "frame") or not ctx.norm_text:
        return True
    if a.source is not None and any(c in a.source.text for c in "،,()"):
        return False  # «وتُدعى بي كيم، قولها ...»: يُدعى names someone; the claim verb takes أنّ right away
    toks = tokens(ctx.norm_text, a.scope_start, min(a.scope_end, a.scope_start + 40))[:3]
    toks = [t for t in toks if t not in ("،", ",")]
    return bool(toks) and toks[0].lower() in ctx.words["claim_openers"]  # as written: لأن is no أن


@check("FC104", "doubtful-attribution", severity="warning")
def doubtful_attribution(ctx: CheckContext) -> Iterator[Hit]:
    """A claim framed with a doubt cue (زعم، ادعى), at the cue; a denial (نفى) is not doubt.

    Okay: وأكد المتحدث أن 40 شخصا قتلوا.
    Okay: ونفى المتحدث أن 40 شخصا قتلوا.
    Okay: وقال المسلح، ويدعى رضوان (26 عاما)، إنه يقاتل مع التنظيم.
    FC104: وزعم المتحدث أن 40 شخصا قتلوا.
    """
    for a in ctx.attributions:
        if a.stance != "doubt" or not _followed_by_claim(ctx, a):
            continue
        figs = [q for q in ctx.quantities if q.attribution == a.id and q.statistic]
        extra = ctx.say("FC104", "figures", figures=ctx.figures(figs)) if figs else ""
        source = ctx.quote(a.source.text) if a.source is not None else ""
        yield Hit(a.cue.start, a.cue.end, ctx.say("FC104", cue=a.cue.text, source=source, figures=extra),
                  quantities=tuple(q.id for q in figs), attributions=(a.id,))
