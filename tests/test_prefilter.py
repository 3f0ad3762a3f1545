"""Triggers: what every match of a rule contains, and windows that change no result."""
from __future__ import annotations

from dataclasses import replace

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import extract
from factcheck.extract import ANCHOR, START, WINDOW_REACH, WINDOWS, covered_span, match_rules
from factcheck.language import shipped
from factcheck.normalize import normalize_text
from factcheck.prefilter import (DIGIT, DIGIT_NEXT, SPACED, WORD_END, anchor_of, needs_of, rarer, reach_of, start_of,
                                 triggers_of)
from factcheck.ruleset import load_ruleset
from factcheck.scan import build_scanner, intersect, windows

from conftest import FIXTURES


def test_a_digit_or_literals_are_found():
    # A figure and its unit: two sets, each needed.
    assert set(triggers_of(r"(?<!\w)\d+(?:\.\d+)?\s*%(?!\w)")) == {frozenset({DIGIT}), frozenset({(WORD_END, "%")})}
    assert triggers_of(r"(?<!\w)\d+(?:\.\d+)?\s*%") == ({DIGIT},)  # a bare % is too common to help
    assert triggers_of(r"(?:نحو|حوالي)?\s*[0-9]+") == ({DIGIT},)
    assert triggers_of(r"قال(?:ت|وا)?\s+ان")[0] == {"قال"}


def test_a_literal_before_no_word_character_is_a_word_end():
    assert triggers_of(r"(?:ثلاث|ثلاثه|عشر)(?!\w)") == ({(WORD_END, "ثلاث"), (WORD_END, "ثلاثه"), (WORD_END, "عشر")},)


def test_what_cannot_be_bounded_or_read_scans_the_whole_text():
    assert triggers_of(r"قال\s+«[^»]+»") is None          # a quotation runs on
    assert triggers_of(r"(?:قال)?\s*\w+") is None          # nothing is required
    assert triggers_of(r"\p{L}+\d") is None                # syntax of the regex module only
    assert triggers_of(r"(?i)abc\d") is None               # case folding
    assert triggers_of(r"abc\d", regex.IGNORECASE) is None
    assert triggers_of(r"(?:a|bc)\d") == ({DIGIT},)        # 'a' alone is too common to help


def test_the_scanner_finds_word_ends_only_at_word_ends():
    scanner = build_scanner([frozenset({(WORD_END, "ثلاثه")}), frozenset({DIGIT, "مليون"})])
    text = "ثلاثهم و ثلاثه ايام و12 مليونا"
    first, second = scanner.hits(text)
    assert [text[a:b] for a, b in first] == ["ثلاثه"]
    assert [text[a:b] for a, b in second] == ["1", "2", "مليون"]


def test_a_word_end_inside_a_longer_trigger_is_found():
    scanner = build_scanner([frozenset({(WORD_END, "كانون")}), frozenset({(WORD_END, "كانون الثاني")})])
    text = "في كانون الثاني وكانونيه"
    short, long = scanner.hits(text)
    assert [text[a:b] for a, b in long] == ["كانون الثاني"]
    assert [text[a] for a, b in short] == ["ك"]  # at the word كانون, not inside كانونيه


def test_the_scanner_finds_digit_next_literals_only_before_a_digit():
    # "." ends most sentences and "ال" starts most words: before a digit they are rare.
    scanner = build_scanner([frozenset({(DIGIT_NEXT, "."), (DIGIT_NEXT, "ال")}),
                             frozenset({(DIGIT_NEXT, "2"), (DIGIT_NEXT, "20")})])
    text = "قال. الكتاب .5 وال15 وال٣ 2024 2."
    first, second = scanner.hits(text)
    assert [(text[a:b], text[b]) for a, b in first] == [(".", "5"), ("ال", "1"), ("ال", "٣")]
    # At each start a set sees its longest literal a digit follows: "20" of "2024", then "2" of its
    # "24"; the last "2" has no digit after it.
    year = text.index("2024")
    assert [(a, text[a:b]) for a, b in second] == [(year, "20"), (year + 2, "2")]


def test_digit_next_literals_of_several_lengths_end_at_the_same_digit_run():
    # Literals that do not end in a digit are looked up where a digit run starts: each length there.
    scanner = build_scanner([frozenset({(DIGIT_NEXT, "US$"), (DIGIT_NEXT, "$")}),
                             frozenset({(DIGIT_NEXT, "$")}), frozenset({(DIGIT_NEXT, "1."), (DIGIT_NEXT, "20")})])
    text = "US$5 و$ 7 و1.5 و2024 $"
    first, second, third = scanner.hits(text)
    assert [text[a:b] for a, b in first] == ["US$", "$"]
    assert [(a, text[a:b]) for a, b in second] == [(2, "$")]
    assert [text[a:b] for a, b in third] == ["1.", "20"]


def test_the_scanner_finds_spaced_literals_only_before_what_follows_their_whitespace():
    # في before a figure or before حدود, not before any word; a plain word end of the same letters
    # (another rule's) is found everywhere.
    scanner = build_scanner([frozenset({(SPACED, "في", frozenset({DIGIT, "ح"}))}), frozenset({(WORD_END, "في")})])
    text = "في البيت في 12 وفي  \n ٣ في حدود في، في\tحدود في"
    spaced, plain = scanner.hits(text)
    assert plain == [m.span() for m in regex.finditer(r"في(?!\w)", text)]
    assert spaced == [m.span() for m in regex.finditer(r"في(?=\s+[\dح])", text)]
    assert [text[b:].lstrip()[0] for a, b in spaced] == ["1", "٣", "ح", "ح"]
    # What follows is read through several whitespace characters, and a text ending in whitespace has nothing.
    only = build_scanner([frozenset({(SPACED, "في", frozenset({"ح"}))})])
    assert only.hits("في \n\t حدود")[0] == [(0, 2)] and only.hits("في  ")[0] == [] and only.hits("في")[0] == []


def test_a_start_says_what_follows_the_whitespace_after_a_word():
    # Every way that begins with نحو reads whitespace, then a digit or ث: the scan asks for that.
    s = start_of(r"(?:(?<!\w)نحو\s+)?(?:\d+|(?<!\w)ثلاث(?!\w))\s*دولار")
    assert s.follows == {("نحو", frozenset({DIGIT, "ث"}))}
    assert s.scan_triggers == {(SPACED, "نحو", frozenset({DIGIT, "ث"})), DIGIT, (WORD_END, "ثلاث")}
    assert s.triggers == {(WORD_END, "نحو"), DIGIT, (WORD_END, "ثلاث")}
    # One way that says nothing of what follows (a word end, then anything) leaves the word a plain word end.
    assert start_of(r"(?<!\w)نحو\s+\d|(?<!\w)نحو(?!\w)").follows == frozenset()
    assert start_of(r"(?<!\w)نحو\s+\s*(?:\d|ثلاث)").follows == {("نحو", frozenset({DIGIT, "ث"}))}


def test_a_start_before_a_digit_is_a_digit_next_trigger():
    assert start_of(r"(?<![\w.])(?:\.\d+|ال(?=\d)\d+)").triggers == {(DIGIT_NEXT, "."), (DIGIT_NEXT, "ال")}
    # Where a digit can start a match anyway, a literal of digits before a digit adds nothing.
    assert start_of(r"(?<!\d)(?:20(?=\d)\d\d|\d/\d)").triggers == {DIGIT}


def test_an_anchor_says_where_a_match_starts():
    a = anchor_of(r"(?<!\w)[وف]?(?:قال|اكد)(?!\w)\s+«[^»]+»")  # unbounded after, exact before
    assert a is not None and (a.lo, a.hi) == (0, 0)
    assert a.triggers == {(WORD_END, w) for w in ("قال", "اكد", "وقال", "واكد", "فقال", "فاكد")}
    a = anchor_of(r"(?<!\w)\S?\S?(?:قال|اكد)\s+«[^»]+»")
    assert a is not None and (a.lo, a.hi) == (0, 2) and a.triggers == {"قال", "اكد"}
    assert anchor_of(r"\w+\s+(?:قال|اكد)") is None  # the start can be anywhere before


def test_a_match_that_starts_a_line_is_anchored_on_the_newlines():
    for pattern in (r"(?:^|(?<=\n))\w+:", r"(?m:^)\w+:", r"(?m)^\w+:"):
        a = anchor_of(pattern)
        assert a is not None and a.triggers == {"\n"} and (a.lo, a.hi) == (-1, -1) and a.text_start, pattern
    a = anchor_of(r"(?<=\n)\w+:")
    assert a is not None and a.triggers == {"\n"} and not a.text_start
    # Only the text's start (no newline to anchor on), or a start elsewhere too: no line anchor.
    for pattern in (r"^\w+:", r"\A\w+:", r"(?m:(?-m:^))\w+:", r"(?:^|(?<=\n)|x)\w+:", r"(?<=\n\s)\w+:"):
        a = anchor_of(pattern)
        assert a is None or a.triggers != {"\n"}, pattern


def test_a_line_anchored_rule_finds_the_match_at_the_texts_start_without_a_newline(ruleset):
    rule = ruleset.rule("ar.attribution.colon-quote")
    assert rule.anchor is not None and rule.anchor.text_start
    line = "وزير الدفاع: «حررنا 85 في المئه من الاراضي»"
    for text in (line, "\n" + line, "مقدمه\n" + line + "\n", line + "\n" + line, "مقدمه: بلا اقتباس\n", "\n"):
        whole = [covered_span(m) for m in rule.compiled.finditer(text)]
        assert [(m.norm_start, m.norm_end) for m in match_rules(text, [rule], way=ANCHOR)] == whole, text
        assert [(m.norm_start, m.norm_end) for m in match_rules(text, [rule])] == whole, text
    assert [m.norm_start for m in match_rules(line, [rule], way=ANCHOR)] == [0]


def test_windows_merge_and_stay_inside_the_text():
    assert windows([(2, 3), (10, 12), (100, 101)], 5, 104) == [(0, 17), (95, 104)]


def test_two_trigger_sets_meet():
    assert intersect([[(0, 17), (95, 104)], [(10, 50), (90, 100)]]) == [(10, 17), (95, 100)]
    assert intersect([[(0, 17)], []]) == []


def _every_rule_alone(text, rules):
    """Each rule's matches over the whole text, and through match_rules taking each way it allows."""
    for rule in rules:
        whole = [covered_span(m) for m in rule.compiled.finditer(text) if m.end() > m.start()]
        for way in (WINDOWS, ANCHOR, START, None):
            windowed = [(m.norm_start, m.norm_end) for m in match_rules(text, [rule], way=way)]
            yield f"{rule.id} ({way or 'cheapest'})", windowed, whole


# Matches that lie far from their trigger: a long quotation before its verb, a long source
# before it, a long source after it. Windows must reach them (prefilter.reach_of).
_FAR = [
    '"' + "We have spent the last three years rebuilding the harbour wall, the fish market and every "
    "one of the 40 jetties that the storm of 2019 destroyed," + '" said the mayor of the town, Ms Amina Farouk.',
    "The chairman of the regional development board for the northern coastal districts and islands, "
    "Mr Peter Wellington-Smythe, said 40 jetties had been rebuilt.",
    "Rebuilding the 40 jetties cost £12m, said Mr Peter Wellington-Smythe, the chairman of the regional "
    "development board for the northern coastal districts and islands.",
]


def test_windows_reach_as_far_as_a_match_from_its_trigger(ruleset):
    # A source of up to 30 words before its verb: the match starts far before the trigger
    # ("said"). Windows of the usual reach would start inside the source and find nothing.
    pattern = r"(?<![\w])(?P<source>[A-Z][a-z]{1,12}(?: [a-z]{1,12}){0,30}) (?P<cue>said)(?!\w)"
    assert reach_of(pattern) >= 30 * 2
    rule = replace(ruleset.rules[0], id="t.wide", pattern=pattern, compiled=regex.compile(pattern),
                   triggers=triggers_of(pattern), anchor=None, start=None, head=None, needs=needs_of(pattern),
                   reach=reach_of(pattern))
    text = ("Rain fell. The chairman of the regional development board for the northern coastal districts "
            "and the islands said that 40 jetties were rebuilt. Nobody else said so.")
    whole = [covered_span(m) for m in rule.compiled.finditer(text)]
    assert len(whole) == 2 and whole[0][1] - whole[0][0] > WINDOW_REACH
    assert [(m.norm_start, m.norm_end) for m in match_rules(text, [rule], way=WINDOWS)] == whole
    # The same rule with no reach of its own gets the usual windows, and misses the long source.
    short = replace(rule, id="t.short", reach=0)
    assert [(m.norm_start, m.norm_end) for m in match_rules(text, [short], way=WINDOWS)] != whole


@pytest.mark.parametrize("lang", shipped())
def test_windows_change_no_match_on_any_example(lang):
    ruleset = load_ruleset(lang)
    texts = {s.text for r in ruleset.rules for s in r.examples + r.counterexamples}
    texts |= {s.text for e in ruleset.entries() for s in e.examples + e.counterexamples}
    texts |= {p.read_text(encoding="utf-8") for p in (FIXTURES / "articles" / lang).rglob("*.txt")}
    texts |= set(_FAR)
    windowed_rules = [r for r in ruleset.rules if r.triggers is not None or r.anchor is not None or r.start is not None]
    assert len(windowed_rules) >= 10 and any(r.anchor is not None for r in windowed_rules)
    assert sum(r.start is not None for r in windowed_rules) >= 20
    for text in sorted(texts):
        norm = normalize_text(text).text
        for rid, windowed, whole in _every_rule_alone(norm, windowed_rules):
            assert windowed == whole, (rid, text)


@pytest.mark.parametrize("lang", shipped())
def test_no_shipped_rule_reads_whole_texts(lang):
    # A rule the prefilter cannot bound is run over every text, and costs
    # more than all the others (an alternative that started on [A-Za-z] once
    # did: +22% instructions per article). A pattern change that loses a
    # rule its triggers, anchor and start strings fails here, not in a
    # benchmark.
    ruleset = load_ruleset(lang)
    unbounded = [r.id for r in ruleset.rules if r.triggers is None and r.anchor is None and r.start is None]
    assert unbounded == []


@pytest.mark.parametrize("lang", shipped())
def test_the_figure_rules_keep_their_start_strings(lang):
    # count, measure and percent are tried at every figure. Without start
    # strings they run on windows around their triggers, ten times the cost
    # (a number-word alternative that began «نصف ال...» once cost them
    # theirs: 8.6M to 15.0M instructions per article).
    ruleset = load_ruleset(lang)
    lost = [rid for rid in (f"{lang}.quantity.count", f"{lang}.quantity.measure", f"{lang}.quantity.percent")
            if ruleset.rule(rid).start is None]
    assert lost == []


_PIECES = ["قال", "ان", "نحو", "اكثر من", "12", "3.5", "1,200", "%", "في المئه", "مليون", "ثلاثه", "الاف",
           "دولار", "كيلومتر", "بين", "و", "الي", "عام", "2020", "-", " ", "  ", "\n", "،", ".", "ثلاثهم", "الفلسطيني",
           "ال15", ".5", "-3", "$12", "في", "حدود", "ما", "لا", "من", "\t", "٣"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_windows_change_no_match_on_built_sentences(ruleset, pieces):
    text = normalize_text(" ".join(pieces)).text
    rules = [r for r in ruleset.rules if r.triggers is not None or r.anchor is not None or r.start is not None]
    for rid, windowed, whole in _every_rule_alone(text, rules):
        assert windowed == whole, (rid, text)


def test_a_heads_verdict_kept_per_window_changes_no_match(ruleset):
    # The same hit and the characters right after it, then a text that goes on otherwise.
    texts = ["في حدود 5 الاف", "في حدود المدينه", "اكثر من 3 ملايين", "اكثر منه", "اكثر من", "في 2020 قال",
             "في20", "الي 12 الف", "الي الان", "حوالي 1.5 مليون", "حوالي الساعه 7", "نحو12%", "نحوهم"]
    _assert_starts_give_finditer([r for r in ruleset.rules if r.start is not None], texts)


def _assert_starts_give_finditer(rules, texts):
    """The START way equals finditer, twice over: the second time round, each window's verdict is the one kept."""
    for _ in range(2):
        for text in texts:
            norm = normalize_text(text).text
            for rule in rules:
                whole = [covered_span(m) for m in rule.compiled.finditer(norm) if m.end() > m.start()]
                started = [(m.norm_start, m.norm_end) for m in match_rules(norm, [rule], way=START)]
                assert started == whole, (rule.id, text)


def test_a_start_list_priced_by_estimate_changes_no_match(ruleset, monkeypatch):
    # Once a head's share of kept hits is known, the start list is only built
    # for the way taken: whichever way wins, all rules together match as finditer.
    monkeypatch.setattr(extract, "_SEEN", 1)
    estimated = []
    real = extract._Plan._estimate

    def spy(self, rule, way, hits, text, shared):
        work, units = real(self, rule, way, hits, text, shared)
        if way == START and work is None:
            estimated.append(rule.id)
        return work, units

    monkeypatch.setattr(extract._Plan, "_estimate", spy)
    rules = [r for r in ruleset.rules if r.start is not None]
    texts = sorted(p.read_text(encoding="utf-8") for p in (FIXTURES / "articles").rglob("*.txt"))
    for _ in range(3):
        for text in texts:
            norm = normalize_text(text).text
            found = {(m.rule_id, m.norm_start, m.norm_end) for m in match_rules(norm, rules)}
            whole = {(r.id, *covered_span(m)) for r in rules for m in r.compiled.finditer(norm) if m.end() > m.start()}
            assert found == whole
    assert len(set(estimated)) >= 5


def test_a_way_that_keeps_winning_is_priced_ever_more_rarely(ruleset, monkeypatch):
    # Pricing every way of a rule costs about as much as running it: a way that
    # settles again and again is kept twice as long each time. Over 1,000 like
    # documents a rule is priced a few dozen times (200 or more without the
    # doubling), and every document still gets finditer's matches.
    monkeypatch.setattr(extract, "_PLANS", {})
    monkeypatch.setattr(extract, "_BY_TUPLE", {})
    rule = next(r for r in ruleset.rules if r.id == "ar.quantity.percent")
    priced: list[int] = []
    real = extract._Plan._estimate
    doc = 0

    def spy(self, r, way, hits, text, shared):
        if not priced or priced[-1] != doc:
            priced.append(doc)
        return real(self, r, way, hits, text, shared)

    monkeypatch.setattr(extract._Plan, "_estimate", spy)
    norm = normalize_text("وارتفعت الأسعار بنسبة 12% خلال العام، وقال الوزير إن النمو بلغ 3.5 في المئة.").text
    whole = [covered_span(m) for m in rule.compiled.finditer(norm) if m.end() > m.start()]
    assert whole
    for doc in range(1000):
        assert [(m.norm_start, m.norm_end) for m in match_rules(norm, [rule])] == whole
    assert 10 <= len(priced) <= 100, len(priced)
    assert max(b - a for a, b in zip(priced, priced[1:])) >= 256


def test_a_rule_missing_a_set_every_match_holds_is_not_run(ruleset, monkeypatch):
    # A text without any trigger of one of a rule's sets (a figure, a unit, a start string,
    # its needs) skips the rule before any way is priced: what all rules find stays finditer's.
    ran: list[str] = []
    real = extract._Plan.choose

    def spy(self, rule, *args):
        ran.append(rule.id)
        return real(self, rule, *args)

    monkeypatch.setattr(extract._Plan, "choose", spy)
    texts = {s.text for r in ruleset.rules for s in r.examples + r.counterexamples}
    texts |= {p.read_text(encoding="utf-8") for p in (FIXTURES / "articles").rglob("*.txt")}
    skipped = 0
    for text in sorted(texts):
        norm = normalize_text(text).text
        for kind in ("quantity", "attribution"):
            rules = ruleset.rules_of(kind)
            ran.clear()
            found = {(m.rule_id, m.norm_start, m.norm_end) for m in match_rules(norm, rules)}
            assert found == {(r.id, *covered_span(m)) for r in rules for m in r.compiled.finditer(norm) if m.end() > m.start()}
            skipped += sum(r.id not in ran for r in rules)
    assert skipped > len(texts)


def test_needs_hold_however_far_a_match_runs():
    # A quotation of any length: no triggers (no windows), but every match holds نقلا or لسان.
    pattern = r"(?<!\w)قال\s+[^\s،]+(?:\s+[^\s،]+)*?\s+(?:نقلا\s+عن|على\s+لسان)\s+«[^»]+»"
    assert triggers_of(pattern) is None
    assert needs_of(pattern) == frozenset({"نقلا", "لسان"})
    # Worth a slot of its own only against a commoner set: several short verbs, not one whole word.
    assert rarer(needs_of(pattern), [frozenset({"قال", "اكد", "اعلن", "اوضح"})])
    assert not rarer(needs_of(pattern), [frozenset({(WORD_END, "قال")})])
    assert not rarer(frozenset({"قال"}), [frozenset({"قال"})])
    assert needs_of(r"[^»]+") is None  # nothing every match must hold


def test_a_rule_with_nothing_longer_needs_its_one_punctuation_mark(ruleset):
    # «source: quote» at a line start: no literal of two characters, no start
    # strings (any source word), but no match without its colon.
    pattern = r"(?:^|(?<=\n))\w+(?:\s+\w+){0,3}\s*:\s*«[^«»\n]+»"
    assert triggers_of(pattern) is None and start_of(pattern) is None
    assert needs_of(pattern) == frozenset({":"})
    # A letter or a space alone is never a need: every text holds them.
    assert needs_of(r"(?:^|(?<=\n))\w+ \w+") is None and needs_of(r"\w+و\w+") is None
    # A longer literal is still preferred to the mark.
    assert needs_of(r"\w+\s*:\s*قال") == frozenset({"قال"})
    # The Arabic rule of that shape skips a document without a colon, and
    # finds in one with a colon what finditer finds.
    rule = next(r for r in ruleset.rules if r.id == "ar.attribution.colon-quote")
    assert rule.needs == frozenset({":"})
    ran: list[str] = []
    real = extract._Plan.record

    def spy(plan, rule_id, way, units, seconds):
        ran.append(rule_id)
        return real(plan, rule_id, way, units, seconds)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extract._Plan, "record", spy)
        for text, has in (("وزير الدفاع «حررنا 85 في المئة من الاراضي»", False),
                          ("وزير الدفاع: «حررنا 85 في المئة من الاراضي»", True)):
            norm = normalize_text(text).text
            ran.clear()
            found = [(m.norm_start, m.norm_end) for m in match_rules(norm, [rule])]
            assert found == [covered_span(m) for m in rule.compiled.finditer(norm) if m.end() > m.start()]
            assert bool(found) == has and (rule.id in ran) == has


def test_a_rule_is_not_tried_after_the_last_of_its_needs(ruleset):
    # relay-frame needs نقلا عن or على لسان: a reporting verb after the last of them is no start.
    rule = next(r for r in ruleset.rules if r.id == "ar.attribution.relay-frame")
    texts = ["واوضحت الصحيفه نقلا عن مصادر، ان 300 جندي عبروا النهر. وقال الوزير ان الوضع هادئ",
             "وقال الوزير ان الوضع هادئ. واوضحت الصحيفه نقلا عن مصادر، ان 300 جندي عبروا",
             "وقال الوزير ان الوضع هادئ. واكد المتحدث ذلك", "واوضحت الصحيفه على لسان مصادر، ان 300 جندي عبروا"]
    tried: list[int] = []
    real = extract._anchored

    def spy(r, text, starts, budget):
        if r.id == rule.id:
            tried.extend(starts)
        return real(r, text, starts, budget)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extract, "_anchored", spy)
        for text in texts:
            norm = normalize_text(text).text
            whole = [covered_span(m) for m in rule.compiled.finditer(norm) if m.end() > m.start()]
            for way in (START, ANCHOR, None):
                tried.clear()
                assert [(m.norm_start, m.norm_end) for m in match_rules(norm, [rule], way=way)] == whole, (way, text)
                last = max((norm.rfind(w) for w in ("نقلا", "لسان")), default=-1)
                assert all(p <= last for p in tried), (way, text)
            assert bool(whole) == (text != texts[2])


def test_a_start_reads_through_optional_parts_and_alternatives():
    # An optional qualifier, then a figure in digits or a number word: every way a match can begin.
    s = start_of(r"(?:(?<!\w)(?:نحو|حوالي)\s+)?(?:\d+|(?<!\w)(?:ثلاث|خمس)(?!\w))\s*(?:دولار|يورو)")
    assert s is not None
    assert s.triggers == {(WORD_END, "نحو"), (WORD_END, "حوالي"), DIGIT, (WORD_END, "ثلاث"), (WORD_END, "خمس")}
    # A literal run is read up to a class it cannot spell out.
    assert start_of(r"اكثر من\s+\d+").triggers == {("word-end", "اكثر من")}
    assert start_of(r"في\w+ \d").triggers == {"في"}


def test_a_start_reads_on_past_a_lookahead():
    # What follows a lookahead spells out more than the lookahead: ليؤكد, not لي.
    pattern = r"(?<!\w)(?:ل(?=[يت]))?(?:يؤكد|تقول|قال)(?!\w)"
    s = start_of(pattern)
    assert s.triggers == {(WORD_END, w) for w in ("يؤكد", "تقول", "قال", "ليؤكد", "لتقول", "لقال")}
    head = regex.compile(s.head)
    for text in ("ثم ليؤكد ذلك", "لتقول", "قال"):
        assert head.match(text, regex.search(pattern, text).start())
    assert not head.match("ليس")  # the lookahead alone would have let it through
    # When what follows spells out less, the lookahead says how a match begins.
    assert start_of(r"(?=(?:وزير|رييس)(?!\w))\S+\s+قال").triggers == {(WORD_END, "وزير"), (WORD_END, "رييس")}
    # When what follows cannot be read, the lookahead still says how a match begins.
    assert start_of(r"(?=عن)(?:ع?)+\w").triggers == {"عن"}


def test_a_head_matches_wherever_a_match_can_start():
    s = start_of(r"(?:(?<!\w)اكثر\s+من\s+)?\d+\s*(?:دولار|يورو)")
    head = regex.compile(s.head)
    assert head.match("اكثر \n من   12 دولارا") and head.match("12 يورو")
    assert not head.match("اكثرهم") and not head.match("اكثر منه")  # cheap rejections
    for text in ("اكثر من 5 دولار", "اكثر  من\t7يورو", "9 دولار"):
        m = regex.search(r"(?:(?<!\w)اكثر\s+من\s+)?\d+\s*(?:دولار|يورو)", text)
        assert head.match(text, m.start())


def test_no_start_when_a_match_may_begin_anywhere():
    assert start_of(r"\w+\s+قال") is None  # any word
    assert start_of(r"[وف]?\s*قال") is None  # may begin with one common letter
    assert start_of(r"(?:قال)?") is None  # may be empty
    assert start_of(r"(?i)qala") is None  # flags the analysis does not read


def test_a_head_looks_behind_where_the_pattern_does():
    # A look behind before anything is read tests the character before the start: so does the head.
    pattern = r"(?:(?<![\w<>=])(?:نحو|حوالي)\s+)?(?<![\d.,/]|\w[وفب])\d+\s*%"
    s = start_of(pattern)
    assert s is not None and s.behind == 1 and s.triggers == {(WORD_END, "نحو"), (WORD_END, "حوالي"), DIGIT}
    head = regex.compile(s.head)
    assert head.match("12%") and head.match("x 12%", 2) and head.match("و نحو 3", 2)
    assert not head.match("112%", 1) and not head.match("1.5%", 2) and not head.match("بنحو 3", 1)
    # (?<=A|BC) says nothing of one character alone: no look behind is kept.
    assert start_of(r"(?<=\n|\.\s)قال").head == "قال"
    after = regex.compile(start_of(r"(?<=\n|[.:])قال").head)
    assert after.match("x:قال", 2) and after.match("\nقال", 1) and not after.match(" قال", 1)
    for text in ("نحو 12% و112% وحوالي 3.5% ثم 1,5%", "12%", "x12% 7%"):
        for m in regex.finditer(pattern, text):
            assert head.match(text, m.start())


def test_a_head_looking_behind_changes_no_match(ruleset):
    # Hits inside numbers and words, at the very start, and after punctuation the look behinds name.
    texts = ["2024 نحو 12 الف", "112 مليون و3.5% و1,200 دولار", "بحوالي 5 كيلومتر", "واضاف 7", "-3 درجات",
             "في 20/11/2023 قال", "الساعه 12:30 ثم 5", "<5 و>=7", "$12 و£3", "عام 2020-2022", "استقال 3 وزراء"]
    rules = [r for r in ruleset.rules if r.start is not None and r.start.behind]
    assert len(rules) >= 10
    _assert_starts_give_finditer(rules, texts)


def test_a_match_keeps_the_spans_of_the_named_groups_that_took_part(ruleset):
    # Group spans are read all at once from the match: the same as asking each group.
    text = normalize_text("قال الوزير إن 5 الاف شخص و 12% من السكان، ونحو 1.5 مليون دولار في 2020").text
    for rule in ruleset.rules:
        found = [m for m in rule.compiled.finditer(text) if m.end() > m.start()]
        want = [{n: m.span(n) for n in rule.compiled.groupindex if m.start(n) >= 0} for m in found]
        assert [m.groups for m in match_rules(text, [rule])] == want, rule.id


def test_fraction_characters_are_triggers_like_digits():
    # ½ and ⅓ are as rare as digits: a class of them gives literal triggers,
    # and a way that begins with one needs no more spelled out.
    assert triggers_of(r"(?:\d+|[½⅓¼])\s+(?:cups?|spoons?)")[0] == frozenset({DIGIT, "½", "⅓", "¼"})
    start = start_of(r"(?:\d+|[½⅓¼])(?:\s+(?:cups?|spoons?|litres?|pints?))?")
    assert start is not None and start.triggers == frozenset({DIGIT, "½", "⅓", "¼"})
    assert triggers_of(r"[abc]\s+cup") == (frozenset({"cup"}),)  # letters are not
