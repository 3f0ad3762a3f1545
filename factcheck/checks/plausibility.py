"""FC3xx: figures that cannot be read as written: no unit, an ambiguous currency, an impossible value."""
from __future__ import annotations

from typing import Iterator

import regex

from ..model import Quantity
from . import CheckContext, Hit, check
from .text import find_word, head_tokens, rfind_word, tail_tokens, tokens, variants, word_at

_DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")
_PLAIN = regex.compile(r"^(?:\d+|\d{1,3}(?:,\d{3})+)$")
_TRAILING_WORD = regex.compile(r"[^\d\s.,٫٬]+$")


def _after(ctx: CheckContext, q: Quantity, n: int) -> list[str]:
    end = ctx.sentences[q.sentence].norm_end if q.sentence < len(ctx.sentences) else len(ctx.norm_text)
    return head_tokens(ctx.norm_text, q.norm_end, end, n)


def _before(ctx: CheckContext, q: Quantity, n: int) -> list[str]:
    start = ctx.sentences[q.sentence].norm_start if q.sentence < len(ctx.sentences) else 0
    prev = [p.norm_end for p in ctx.quantities if p.sentence == q.sentence and p.norm_end <= q.norm_start]
    toks = tail_tokens(ctx.norm_text, max([start] + prev), q.norm_start, n)
    for i in range(len(toks) - 1, -1, -1):  # the clause the figure is in
        if toks[i] in ("،", ",", "؛", ":", "(", ")"):
            return toks[i + 1:]
    return toks


def _unit_follows(ctx: CheckContext, q: Quantity) -> bool:
    """«4 إلى 5 كيلومترات», «3 و5 مليارات دولار», «2,5م»: the unit sits on the next figure, or on this one."""
    if q.norm_end < len(ctx.norm_text) and ctx.norm_text[q.norm_end].isalpha():
        return True
    for p in ctx.quantities:
        if p.norm_start >= q.norm_end and p.sentence == q.sentence:
            return len(head_tokens(ctx.norm_text, q.norm_end, p.norm_start, 3)) <= 2
    return False


def _bare(q: Quantity) -> bool:
    return q.statistic and q.kind == "count" and q.unit is None and not q.noun and not q.unit_candidates


@check("FC301", "missing-unit", severity="warning")
def missing_unit(ctx: CheckContext) -> Iterator[Hit]:
    """A figure whose unit is clearly needed and missing.

    A part of an uncounted whole (85 من أراضي البلاد), an amount of money
    with no currency, a distance with no unit; only when nothing that could
    be the unit follows the figure.

    Okay: أعلنت الوزارة أن الجيش أكمل تحرير 85 في المئة من أراضي البلاد.
    Okay: قال الوزير إن كلفة المشروع بلغت 3 مليارات دولار.
    Okay: قال المحافظ إن القرية تبعد 40 كيلومترا عن العاصمة.
    Okay: قال الوزير إن كلفة المشروع بلغت 3 مليارات من الدولارات.
    FC301: أعلنت الوزارة أن الجيش أكمل تحرير 85 من أراضي البلاد.
    FC301: قال الوزير إن كلفة المشروع بلغت 3 مليارات.
    FC301: قال المحافظ إن القرية تبعد 40 عن العاصمة.
    """
    if not ctx.norm_text:
        return
    words = ctx.words
    window = ctx.param("FC301", "window")
    for q in ctx.quantities:
        if not _bare(q) or q.sentence >= len(ctx.sentences) or not _DIGITS.search(ctx.norm_text, q.norm_start, q.norm_end):
            continue  # «يوم واحد», «مسافة واحدة»: number words are rarely amounts
        if any(v is not None and float(v).is_integer() and 1300 <= v <= 2100 for v in (q.value, q.min, q.max)):
            continue  # a year or a span of years (Gregorian or Hijri) the year rule missed
        after = _after(ctx, q, 7)
        if after and word_at(after, 0, words["unit_gap"]) is None:
            continue  # a word follows that may well be the unit
        if after[:1] == [":"] or _unit_follows(ctx, q):
            continue  # a time (15:19), or a range whose second figure carries the unit
        reason = None
        whole = next((k for k in range(1, len(after)) if after[k] not in words["whole_skip"]), len(after))
        if len(after) >= 2 and after[0] in words["of_words"] and word_at(after, whole, words["whole_nouns"]):
            reason = "share"
        else:
            before = _before(ctx, q, window)
            if find_word(after[:4], words["currency_words"]) >= 0:
                continue
            if rfind_word(before, words["money_heads"]) >= 0 and abs(q.value or q.max or 0) >= 1000:
                reason = "money"  # an amount (with its scale word), not «10 مشاريع»
            elif rfind_word(before, words["distance_heads"]) >= 0:
                reason = "distance"
        if reason:
            yield Hit(q.start, q.end, ctx.say("FC301", figure=q.text, reason=ctx.say("FC301", reason)),
                      quantities=(q.id,))


def _countries(ctx: CheckContext, start: int = 0, end: int | None = None) -> set[str]:
    """Currency codes whose country the document (or its span ``start:end``) names."""
    toks = tokens(ctx.norm_text, start, len(ctx.norm_text) if end is None else end)
    countries, starts = ctx.words.countries, ctx.words.country_starts
    found: set[str] = set()
    # One pass over the text for all countries, not one per country.
    for i, tok in enumerate(toks):
        for v in variants(tok):
            for code in starts.get(v, ()):
                if code not in found and word_at(toks, i, countries[code]) is not None:
                    found.add(code)
    return found


def _country_after(ctx: CheckContext, q: Quantity) -> str | None:
    """The one candidate country named right after the figure («1.985 دينار تونسي»), if any."""
    after = tokens(ctx.norm_text, q.norm_end, min(len(ctx.norm_text), q.norm_end + 30))[:1]
    if not after:
        return None
    found = [c for c in q.unit_candidates if find_word(after, ctx.words.countries.get(c, frozenset())) == 0]
    return found[0] if len(found) == 1 else None


def _paragraph_span(ctx: CheckContext, q: Quantity) -> tuple[int, int]:
    """The normalised span of the paragraph the figure's sentence belongs to."""
    para = ctx.sentences[q.sentence].paragraph
    same = [s for s in ctx.sentences if s.paragraph == para]
    return same[0].norm_start, same[-1].norm_end


@check("FC302", "ambiguous-currency", severity="warning")
def ambiguous_currency(ctx: CheckContext) -> Iterator[Hit]:
    """An amount in جنيه، ريال، دينار، ليرة with no country, when nothing near it says whose.

    The country is read, nearest first, from the words right after the
    figure, from another figure of the article that names the same
    currency's country, and from the countries the figure's sentence, its
    paragraph or the whole article name: the first that names exactly one
    of the candidates settles it.

    Okay: قال المشجع إنه دفع 500 جنيه مصري ثمنا للتذكرة.
    Okay: قال مشجع من القاهرة إنه دفع 500 جنيه ثمنا للتذكرة.
    Okay: قال وزير أردني في تونس إن سعر البنزين بلغ 1.985 دينار تونسي، وإن سعر الديزل بلغ 1.745 دينار.
    Okay: زار وفد قطري الرياض أمس. وقال مدير الشركة سامي الحربي في الرياض إن سعر المتر بلغ 5000 ريال.
    Okay: قال والي القيروان إن كلفة المشروع بلغت 17 مليون دينار.
    Okay: أصدرت شركة طيران مقرها الشارقة بيانا قالت فيه إن الكلفة بلغت نحو 400 مليون درهم.
    FC302: قال المشجع إنه دفع 500 جنيه ثمنا للتذكرة.
    FC302: قال مدير الشركة سامي الحربي بعد زيارة وفد قطري إلى الرياض إن سعر المتر بلغ 5000 ريال.
    """
    candidates = [q for q in ctx.quantities if q.unit_candidates and q.unit is None]
    if not candidates or not ctx.norm_text:
        return
    after = {q.id: _country_after(ctx, q) for q in candidates}
    wanted = {c for q in candidates for c in q.unit_candidates}
    # A currency word that another figure ties to one country («1.985 دينار تونسي»): word -> codes.
    tied: dict[str, set[str]] = {}
    for q in ctx.quantities:
        code = after.get(q.id) if q.unit_candidates else q.unit
        if code in wanted:
            for word in tokens(ctx.norm_text, q.norm_start, q.norm_end):
                tied.setdefault(word, set()).add(code)
    countries: set[str] | None = None
    near: dict[tuple[int, int], set[str]] = {}
    for q in candidates:
        if after[q.id] is not None:
            continue
        word = (tokens(ctx.norm_text, q.norm_start, q.norm_end) or [""])[-1]
        if len(tied.get(word, set()) & set(q.unit_candidates)) == 1:
            continue  # «1.745 دينار» after «1.985 دينار تونسي» in the same article
        if countries is None:
            countries = _countries(ctx)
        spans = [(0, len(ctx.norm_text))]
        if q.sentence < len(ctx.sentences):
            s = ctx.sentences[q.sentence]
            spans[:0] = [(s.norm_start, s.norm_end), _paragraph_span(ctx, q)]
        settled = False
        for span in spans:
            named = near.get(span)
            if named is None:
                named = near[span] = countries if span == spans[-1] else _countries(ctx, *span)
            named = named & set(q.unit_candidates)
            if len(named) == 1:
                settled = True
                break
            if named:
                break  # several named this near: a wider span cannot settle it
        if settled:
            continue
        m = _TRAILING_WORD.search(q.text)
        surface = m.group() if m else q.text
        yield Hit(q.start, q.end, ctx.say("FC302", figure=q.text, surface=surface,
                                          candidates=", ".join(q.unit_candidates)), quantities=(q.id,))


def _doubled_scale(ctx: CheckContext, q: Quantity) -> tuple[str, float] | None:
    if q.value is None or not ctx.norm_text:
        return None
    m = _DIGITS.search(ctx.norm_text, q.norm_start, q.norm_end)
    if m is None:
        return None
    raw = m.group()
    if not _PLAIN.match(raw):  # 2.010.3: separators we cannot read for sure
        return None
    digits = raw.replace(",", "")
    # An amount in a scale's units may run to five digits (22,201bn yen, 12,651 مليون دينار):
    # money is doubled only when written to the unit, in millions or more.
    least = ctx.param("FC303", "min_raw_money" if q.kind == "money" else "min_raw")
    if not digits.isdigit() or int(digits) < least:
        return None
    if len(digits.rstrip("0")) < ctx.param("FC303", "min_digits"):
        return None
    scale = abs(q.value) / int(digits)
    if scale < 999:
        return None
    return raw, scale


def _signed(ctx: CheckContext, q: Quantity) -> bool:
    """«-5 أشخاص»: a minus sign on the number, not a dash of a list, a score (صفر - 2) or a model name (إف-16)."""
    if not ctx.norm_text:
        return True
    text = ctx.norm_text
    i = q.norm_start
    while i < q.norm_end and not text[i].isdigit():
        i += 1
    sign_at = i - 1
    if sign_at < q.norm_start or text[sign_at] not in "-−":
        return False
    before = text[max(0, sign_at - 2):sign_at]
    return (sign_at == 0 or before.endswith((" ", "(", "\n"))) and not before.strip().endswith(("-", "صفر"))


@check("FC303", "implausible-value", severity="warning")
def implausible_value(ctx: CheckContext) -> Iterator[Hit]:
    """A value that cannot be right: a share over 100 %, a negative count, a doubled scale.

    Okay: قال الوزير إن الأسعار ارتفعت بنسبة 150 في المئة.
    Okay: قال الوزير إن الشباب يشكلون 60 في المئة من السكان.
    Okay: قال الوزير إن الدين العام يعادل 150 في المئة من الناتج المحلي.
    Okay: قال الوزير إن المدينة تضم 255446 منشأة.
    Okay: قال المعلق إن الفريق خسر صفر - 2 أمام منافسه.
    FC303: قال الوزير إن الشباب يشكلون 120 في المئة من السكان.
    FC303: قال الوزير إن المدينة تضم 255446 ألف منشأة.
    """
    words = ctx.words
    window = ctx.param("FC303", "window")
    for q in ctx.quantities:
        if not q.statistic:
            continue
        reason = None
        fields = {}
        if q.unit == "percent" and q.kind == "percent" and ctx.norm_text and q.sentence < len(ctx.sentences):
            v = q.value if q.value is not None else q.min
            if v is not None and v > 100:
                before, after = _before(ctx, q, window), _after(ctx, q, 2)
                change = find_word(before, words["change_words"]) >= 0 or find_word(before, words["rate_markers"]) >= 0
                # Only a named share («تشكل 120% من»): «دين يعادل 150% من الناتج» is a ratio, and may pass 100.
                share = rfind_word(before, words["share_heads"]) >= 0 and bool(after) and after[0] in words["of_words"]
                if share and not change:
                    reason = "share"
        if reason is None and q.kind == "count" and q.noun and _signed(ctx, q) and \
                ((q.value is not None and q.value < 0) or (q.min is not None and q.min < 0)):
            reason = "negative"  # only a counted noun with a minus sign written on the number
        if reason is None and q.kind in ("count", "money", "measure"):
            doubled = _doubled_scale(ctx, q)
            if doubled:
                reason = "scale"
                fields = {"raw": doubled[0], "scale": f"{doubled[1]:,.0f}"}
        if reason:
            yield Hit(q.start, q.end, ctx.say("FC303", figure=q.text, reason=ctx.say("FC303", reason, **fields)),
                      quantities=(q.id,))
