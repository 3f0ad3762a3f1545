"""FC2xx within one article: figures that contradict each other, arithmetic that does not add up."""
from __future__ import annotations

import math
from typing import Iterator

from ..model import Quantity
from . import CheckContext, Hit, check
from .keys import BY_EVENT, BY_METRIC, comparable, dimension, disagree, interval, noun_entry, shown_subject, similar
from .text import find_word, head_tokens, key_word, longest_entry, tail_tokens, tokens, word_at


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}" if abs(x) < 1 else f"{x:.1f}".rstrip("0").rstrip(".")


def _years(ctx: CheckContext, sentence: int) -> frozenset[float]:
    return frozenset(q.value for q in ctx.quantities if q.sentence == sentence and q.kind in ("year", "date")
                     and q.value is not None)


def _place(ctx: CheckContext, q: Quantity) -> str | None:
    """The word after «في» right after the figure (12 قتيلاً في حلب), if any."""
    toks = tokens(ctx.norm_text, q.norm_end, min(len(ctx.norm_text), q.norm_end + 40))[:4]
    for i, t in enumerate(toks[:-1]):
        if t == "في":
            return key_word(toks[i + 1])
        if not t[0].isalnum():
            return None
    return None


def _noun_id(ctx: CheckContext, q: Quantity) -> str:
    entry = noun_entry(q, ctx.ruleset)
    return entry.id if entry is not None else key_word(q.noun or "")


def _same_people(ctx: CheckContext, p: Quantity, q: Quantity) -> bool:
    """The two counted nouns count the same things: one noun, or two that count all of an event's people
    («مقتل 30 شخصاً» and «30 قتيلاً»)."""
    a, b = _noun_id(ctx, p), _noun_id(ctx, q)
    return a == b or (a in ctx.words["total_nouns"] and b in ctx.words["total_nouns"])


def _before_limit(ctx: CheckContext, q: Quantity) -> int | None:
    prev = [p.norm_end for p in ctx.quantities if p.sentence == q.sentence and p.norm_end <= q.norm_start]
    return max(prev) if prev else None


@check("FC201", "conflicting-figures", severity="warning")
def conflicting_figures(ctx: CheckContext) -> Iterator[Hit]:
    """Two figures for the same quantity in one article disagree beyond their qualifiers and precision.

    Same quantity: the same metric phrase (عدد القتلى، نسبة البطالة), a counted
    noun that names it (قتيلاً) or an event word next to a count of people
    (مقتل 12 شخصاً: then the two sentences must share enough words), the same
    unit dimension, no stated change or other time, no different year or
    place. The later figure is flagged.

    Okay: قال المحافظ إن عدد سكان المدينة نحو 3 ملايين نسمة. وأوضح التقرير أن عدد سكان المدينة 2.95 مليون نسمة.
    Okay: قال المحافظ إن عدد سكان المدينة 3 ملايين نسمة. وذكر التقرير أن عدد سكان المدينة كان 300 ألف نسمة قبل الحرب.
    FC201: قال المحافظ إن عدد سكان المدينة 3 ملايين نسمة. وأوضح التقرير أن عدد سكان المدينة 300 ألف نسمة.
    FC201: قال المحافظ إن الهجوم خلف 12 قتيلاً. وقال الدفاع المدني إن الهجوم خلف 40 قتيلاً.
    """
    if not ctx.norm_text:
        return
    words = ctx.words
    approx, min_gap, window, shared, need = (ctx.param("FC201", k) for k in
                                             ("approximate", "min_gap", "window", "event_shared", "event_similarity"))
    seen: dict[tuple[str, str], list[tuple[Quantity, tuple[float, float], str]]] = {}
    per_sentence: dict[int, int] = {}
    for q in ctx.quantities:
        if q.statistic:
            per_sentence[q.sentence] = per_sentence.get(q.sentence, 0) + 1
    for q in ctx.quantities:
        if not comparable(q) or q.sentence >= len(ctx.sentences):
            continue
        # A sentence with several figures lists or compares things (the highest, lowest and mean
        # rate of a bond sale), so a metric's figure there is not restated elsewhere. A count of
        # the people of an event is (قتل 5 أشخاص وأصيب 12 آخرون؛ عدد القتلى بلغ 30 شخصاً).
        several = per_sentence.get(q.sentence, 0) > 1
        if several and q.noun and getattr(noun_entry(q, ctx.ruleset), "id", None) not in words.people_nouns:
            continue  # it counts other things (a figure with no noun may follow «عدد القتلى»)
        if find_word(tokens(ctx.norm_text, q.norm_end, q.norm_end + 20)[:2], words["per_words"]) >= 0:
            continue
        if ctx.states_change(q.sentence):
            continue
        limit = _before_limit(ctx, q)
        found = ctx.subject(q, window, limit)
        if found is None:
            continue
        subj, how = found
        if several and how == BY_METRIC:
            continue
        key = (subj, dimension(q))
        iv = interval(q, ctx.norm_text, approx)
        for p, piv, p_how in seen.get(key, []):
            if p.sentence == q.sentence:
                continue
            # An event word (مقتل، killed) says what was counted, not which event: an article
            # tells of several, so the two sentences must also speak of the same one.
            if BY_EVENT in (how, p_how) and not similar(ctx.figure_context(p), ctx.figure_context(q), shared, need):
                continue
            yp, yq = _years(ctx, p.sentence), _years(ctx, q.sentence)
            if yp and yq and yp != yq:
                continue
            pp, pq = _place(ctx, p), _place(ctx, q)
            if pp and pq and pp != pq:
                continue
            if p.noun and q.noun and not _same_people(ctx, p, q):
                continue  # «19 مدنياً» and «54 مقاتلاً» count different people
            if disagree(piv, iv, min_gap):
                line = ctx.text.count("\n", 0, p.start) + 1
                yield Hit(q.start, q.end, ctx.say("FC201", figure=q.text, other=p.text, line=line,
                                                  subject=shown_subject(ctx, q, subj, how, window, limit)),
                          quantities=(q.id, p.id),
                          related=({"document": ctx.doc_id, "start": p.start, "end": p.end, "text": p.text,
                                    "quantity": p.id},))
                break
        seen.setdefault(key, []).append((q, iv, how))


def _gap(ctx: CheckContext, a: Quantity, b: Quantity, most: int | None = None) -> list[str]:
    """Tokens between two figures; with ``most``, at most one token more than that (enough to say «too far»)."""
    if most is None:
        return tokens(ctx.norm_text, a.norm_end, b.norm_start)
    return head_tokens(ctx.norm_text, a.norm_end, b.norm_start, most + 1)


def _is_share(q: Quantity) -> bool:
    return q.unit == "percent" and q.kind == "percent"


def _ratio_range(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float] | None:
    """Range of 100 * num / den over the corners of both intervals (den > 0, all finite)."""
    if not all(math.isfinite(x) for x in num + den) or den[0] <= 0:
        return None
    vals = [100 * n / d for n in num for d in den]
    return min(vals), max(vals)


def _stated_range(p: tuple[float, float], tol: float, rel: float) -> tuple[float, float]:
    slack = tol + rel * max(abs(p[0]), abs(p[1]))
    return p[0] - slack, p[1] + slack


def _meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@check("FC203", "arithmetic-inconsistency", severity="warning")
def arithmetic_inconsistency(ctx: CheckContext) -> Iterator[Hit]:
    """Figures in one sentence whose arithmetic does not add up.

    A part larger than its whole (بينهم، منهم), parts that add up to more than
    the whole, shares of one whole over 100 %, a stated change (a share, or an
    amount in the same unit) that does not match the stated before and after,
    a share and an amount that disagree with the stated whole (من أصل، من إجمالي).

    Okay: قالت الشرطة إن الهجوم أسفر عن مقتل 10 أشخاص بينهم 3 أطفال.
    Okay: قال الوزير إن عدد الطلاب ارتفع من 50 إلى 60 طالبا أي بنسبة 20 في المئة.
    Okay: قال الوزير إن 40 طالبا نجحوا من أصل 200 طالب أي 20 في المئة.
    FC203: قالت الشرطة إن الهجوم أسفر عن مقتل 10 أشخاص بينهم 12 طفلا.
    FC203: قال الوزير إن عدد الطلاب ارتفع من 50 إلى 60 طالبا أي بنسبة 30 في المئة.
    FC203: قال الوزير إن 40 طالبا نجحوا من أصل 200 طالب أي 25 في المئة.
    FC203: أعلنت اللجنة أن الحزب الأول حصل على 60 في المئة من الأصوات والثاني على 45 في المئة من الأصوات.
    Okay: قالت الشركة إن مبيعاتها ارتفعت بمقدار 2100 سيارة من 5200 سيارة إلى 7300 سيارة.
    FC203: قالت الشركة إن مبيعاتها ارتفعت بمقدار 3000 سيارة من 5200 سيارة إلى 7300 سيارة.
    FC203: قالت الشركة إن مبيعاتها ارتفعت من 5200 سيارة في مايو إلى 7300 سيارة بزيادة 3000 سيارة.
    Okay: قالت الوزارة إن سعر اللتر في مصر ارتفع من 3.65 جنيه إلى 5.5 جنيه أي بنسبة 50 في المئة.
    FC203: قالت الوزارة إن سعر اللتر في مصر ارتفع من 3.65 جنيه إلى 5.5 جنيه أي بنسبة 70 في المئة.
    """
    if not ctx.norm_text:
        return
    words = ctx.words
    tol, rel, max_gap = (ctx.param("FC203", k) for k in ("tolerance", "relative", "gap"))
    by_sentence: dict[int, list[Quantity]] = {}
    for q in ctx.quantities:
        if q.statistic:
            by_sentence.setdefault(q.sentence, []).append(q)
    for sent, stats in sorted(by_sentence.items()):
        qs = [q for q in stats if not q.unit_candidates]
        yield from _parts(ctx, qs, words, max_gap)
        # A change compares a figure with itself: in an ambiguous currency (جنيه) too.
        yield from _changes(ctx, stats, words, max_gap, tol, rel)
        yield from _share_amounts(ctx, qs, words, max_gap, tol, rel)
        yield from _shares_sum(ctx, sent, qs, words, tol)


def _iv(ctx: CheckContext, q: Quantity) -> tuple[float, float]:
    return interval(q, ctx.norm_text, 0.0, zeros=False)


def _hit(ctx: CheckContext, q: Quantity, detail_key: str, qs: tuple[Quantity, ...], **fields) -> Hit:
    detail = ctx.say("FC203", detail_key, **fields)
    return Hit(q.start, q.end, ctx.say("FC203", detail=detail), quantities=tuple(x.id for x in qs))


def _parts(ctx, qs, words, max_gap) -> Iterator[Hit]:
    markers, joiners = words["part_markers"], words["list_joiners"]
    for i, whole in enumerate(qs[:-1]):
        part = qs[i + 1]
        if not _parts_gap(_gap(ctx, whole, part), markers) or not comparable(whole) or not comparable(part):
            continue
        if dimension(whole) != dimension(part) or _is_share(whole):
            continue
        parts = [part]
        for nxt in qs[i + 2:]:
            g = _gap(ctx, parts[-1], nxt, 2)
            if len(g) <= 2 and all(t.lower() in joiners for t in g) and dimension(nxt) == dimension(whole):
                parts.append(nxt)
            else:
                break
        w_hi = _iv(ctx, whole)[1]
        big = [p for p in parts if _iv(ctx, p)[0] > w_hi]
        if big:
            yield _hit(ctx, big[0], "part-whole", (big[0], whole), part=big[0].text, whole=whole.text)
        elif len(parts) > 1:
            total = sum(_iv(ctx, p)[0] for p in parts)
            if total > w_hi:
                # Compared with the least the parts may be (300 may be 299.5), said as written: 300 + 250 = 550.
                said = sum(p.value for p in parts) if all(p.value is not None for p in parts) else total
                yield _hit(ctx, parts[-1], "parts-sum", (*parts, whole), parts=ctx.figures(parts), sum=_fmt(said),
                           whole=whole.text)


def _parts_gap(gap: list[str], markers: frozenset[str]) -> bool:
    """«10 أشخاص، بينهم 3» or «10 بينهم 3»: at most one word, then the marker right before the part."""
    # One word, the marker's words and «من»: a gap with more words cannot qualify (most gaps are whole clauses).
    if sum(1 for t in gap if t[0].isalnum() and t != "من") > 1 + longest_entry(markers):
        return False
    i = find_word(gap, markers)
    if i < 0:
        return False
    marker = word_at(gap, i, markers) or gap[i]
    before, after = gap[:i], gap[i + len(marker.split(" ")):]
    return sum(1 for t in before if t[0].isalnum()) <= 1 and all(t in ("من", "،", ",") for t in after)


def _changes(ctx, qs, words, max_gap, tol, rel) -> Iterator[Hit]:
    for first, end, pairs, rate in _stated_changes(ctx, qs, words, max_gap):
        if _is_share(rate):
            hit = _judge_rate(ctx, first, end, pairs, rate, tol, rel)
        else:
            hit = _judge_amount(ctx, first, end, pairs, rate, rel)
        if hit is not None:
            yield hit


def _stated_changes(ctx, qs, words, max_gap):
    """(first, end, pairs, stated): a before and after (من 50 إلى 60) and the change stated with it.

    The change follows the pair after a rate word (… أي بنسبة 20%، …, a rise of 10)
    or stands right before «from» after a change word (fell by more than £600
    from £190,329 to £189,733; ارتفع بنسبة 20% من 50 إلى 60).
    """
    def opened_by_from(q: Quantity, own: list[str]) -> bool:
        """Whether "from" (من) stands right before ``q``, or opens it (``own``: its first word, for a range)."""
        before = tail_tokens(ctx.norm_text, ctx.sentences[q.sentence].norm_start, q.norm_start, 1)
        return any(t in words["change_from"] for t in before + own)

    for i, first in enumerate(qs):
        if first.value is None and first.qualifier == "range":
            # A range is a change only when "from" opens it (من 5 إلى 7): «by $3.8m to $4.9m» is one uncertain amount.
            if not opened_by_from(first, ctx.norm_text[first.norm_start:first.norm_end].split()[:1]):
                continue
            pairs = [((first.min, first.min), (first.max, first.max)), ((first.max, first.max), (first.min, first.min))]
            end = first
        elif i + 1 < len(qs):
            second, end = qs[i + 1], qs[i + 1]
            if not opened_by_from(first, []) or dimension(first) != dimension(second):
                continue
            # «to» may follow the first figure's time or place: from £190,329 in November to £189,733.
            g = _gap(ctx, first, second, 4)
            if not g or len(g) > 4 or g[-1] not in words["change_to"] or not all(t[0].isalnum() for t in g):
                continue
            pairs = [(_iv(ctx, first), _iv(ctx, second))]
        else:
            continue
        j = i if end is first else i + 1
        if j + 1 < len(qs):
            rate = qs[j + 1]
            g = _gap(ctx, end, rate, max_gap)
            markers = words["rate_markers"] if _is_share(rate) else words["amount_change_markers"]
            if len(g) <= max_gap and find_word(g, markers) >= 0 and not any(t in (".", "؟", "!") for t in g):
                yield first, end, pairs, rate
                continue
        if i > 0:
            rate = qs[i - 1]
            g = _gap(ctx, rate, first, 2)
            before = tail_tokens(ctx.norm_text, ctx.sentences[rate.sentence].norm_start, rate.norm_start, 2)
            if g and all(t in words["change_from"] for t in g) and (
                    find_word(before, words["amount_change_markers"]) >= 0
                    or find_word(before, words["rate_markers"]) >= 0
                    or find_word(before, words["change_verbs"]) >= 0):
                yield first, end, pairs, rate


def _judge_rate(ctx, first, end, pairs, rate, tol, rel) -> Hit | None:
    """A stated share of change (… بنسبة 20%) against the before and after."""
    stated = _stated_range(_iv(ctx, rate), tol, rel)
    ok = False
    judged = False
    actual = None
    for a, b in pairs:
        if a[0] <= 0 or not all(math.isfinite(x) for x in a + b):
            continue
        rng = _ratio_range((b[0] - a[1], b[1] - a[0]), a)
        if rng is None or rng[0] < 0 < rng[1]:
            continue
        judged = True
        mag = (min(abs(rng[0]), abs(rng[1])), max(abs(rng[0]), abs(rng[1])))
        actual = actual or (mag[0] + mag[1]) / 2
        ok = ok or _meets(mag, stated)
        if _is_share(first):  # 10% -> 12%: «2 points» is also right
            pts = (abs(b[0] - a[1]), abs(b[1] - a[0]))
            ok = ok or _meets((min(pts), max(pts)), stated)
    if not judged or ok:
        return None
    before, after = _ends(ctx, first, end)
    return _hit(ctx, rate, "change", (first, end, rate), before=before, after=after, actual=_fmt(actual),
                stated=rate.text)


def _judge_amount(ctx, first, end, pairs, rate, rel) -> Hit | None:
    """A stated amount of change (fell by more than £600) against the before and after.

    Only in the same unit as both ends, and for counts only with no counted noun
    or the ends' own (5 points from 100 to 105; not «3 times from 10 to 30»).
    """
    if _is_share(first) or not comparable(rate, ambiguous=True) or dimension(rate) != dimension(first):
        return None
    if rate.noun and _noun_id(ctx, rate) not in {_noun_id(ctx, q) for q in (first, end) if q.noun}:
        return None
    lo, hi = _iv(ctx, rate)
    if math.isfinite(lo) and math.isfinite(hi):
        lo, hi = _stated_range((lo, hi), 0.0, rel)
    actual = None
    for a, b in pairs:
        if not all(math.isfinite(x) for x in a + b):
            return None
        d = (b[0] - a[1], b[1] - a[0])
        if d[0] < 0 < d[1]:
            return None
        mag = (min(abs(d[0]), abs(d[1])), max(abs(d[0]), abs(d[1])))
        if _meets(mag, (lo, hi)):
            return None
        actual = actual or (mag[0] + mag[1]) / 2
    if actual is None:
        return None
    before, after = _ends(ctx, first, end)
    return _hit(ctx, rate, "change-amount", (first, end, rate), before=before, after=after, actual=_fmt(actual),
                stated=rate.text)


def _ends(ctx, first: Quantity, end: Quantity) -> tuple[str, str]:
    if first.value is not None:
        return ctx.quote(first.text), ctx.quote(end.text)
    return ctx.quote(_fmt(first.min)), ctx.quote(_fmt(first.max))


def _share_amounts(ctx, qs, words, max_gap, tol, rel) -> Iterator[Hit]:
    for i in range(len(qs) - 2):
        amount, whole, share = qs[i], qs[i + 1], qs[i + 2]
        if not _is_share(share) or dimension(amount) != dimension(whole) or _is_share(amount):
            continue
        g1, g2 = _gap(ctx, amount, whole, max_gap), _gap(ctx, whole, share, max_gap)
        if len(g1) > max_gap or find_word(g1, words["whole_markers"]) < 0:
            continue
        if len(g2) > max_gap or find_word(g2, words["share_markers"]) < 0:
            continue
        rng = _ratio_range(_iv(ctx, amount), _iv(ctx, whole))
        if rng is None:
            continue
        if not _meets(rng, _stated_range(_iv(ctx, share), tol, rel)):
            yield _hit(ctx, share, "share-amount", (amount, whole, share), amount=amount.text, whole=whole.text,
                       actual=_fmt(sum(rng) / 2), stated=share.text)


def _shares_sum(ctx, sent, qs, words, tol) -> Iterator[Hit]:
    groups: dict[str, list[Quantity]] = {}
    for q in qs:
        if not _is_share(q):
            continue
        after = tokens(ctx.norm_text, q.norm_end, min(len(ctx.norm_text), q.norm_end + 40))[:3]
        if len(after) >= 2 and after[0] in words["of_words"] and after[1][0].isalpha():
            whole = key_word(after[1])
            if whole in words["generic_wholes"] and len(after) > 2:  # «من إجمالي الطلبات»: the whole is the next word
                whole = f"{whole} {key_word(after[2])}"
            groups.setdefault(whole, []).append(q)
    # Shares of one whole in a sentence that states a change are before and after, not parts.
    if all(len(shares) < 2 for shares in groups.values()) or ctx.states_change(sent):
        return
    for whole, shares in groups.items():
        if len(shares) < 2:
            continue
        total = sum(_iv(ctx, q)[0] for q in shares)
        if total > 100 + tol:
            last = shares[-1]
            yield _hit(ctx, last, "shares-sum", tuple(shares), sum=_fmt(total), parts=ctx.figures(shares))
