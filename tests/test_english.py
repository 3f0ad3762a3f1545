"""The English pack end to end, on an article written for the tests (fixtures/articles/en)."""
from __future__ import annotations

import math

import pytest

from factcheck import check_text, find_quantities

from conftest import FIXTURES

ARTICLE = (FIXTURES / "articles/en/council-budget.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():
    return check_text(ARTICLE, "en").documents[0]


def test_every_span_is_a_slice_of_the_article(doc):
    assert doc.error is None and doc.quantities and doc.attributions
    for q in doc.quantities:
        assert ARTICLE[q.start:q.end] == q.text
    for a in doc.attributions:
        assert ARTICLE[a.cue.start:a.cue.end] == a.cue.text
        assert a.source is None or ARTICLE[a.source.start:a.source.end] == a.source.text


def test_figures_values_units_and_qualifiers(doc):
    by_text = {q.text: q for q in doc.quantities}
    gap = [q for q in doc.quantities if q.text == "£12.5m"]
    assert len(gap) == 2 and all(math.isclose(q.value, 12.5e6) and q.unit == "GBP" for q in gap)
    assert by_text["30%"].unit == "percent" and by_text["30%"].value == 30
    applications = by_text["about 4,200 applications"]
    assert applications.value == 4200 and applications.qualifier == "approximate"
    assert math.isclose(by_text["£40 million"].value, 40e6) and by_text["£40 million"].unit == "GBP"
    people = by_text["More than 250,000 people"]
    assert people.qualifier == "more-than" and people.min == 250000
    jobs = by_text["as many as 300 jobs"]
    assert jobs.qualifier == "at-most" and jobs.max == 300
    area = by_text["roughly 3.5 square kilometres"]
    assert math.isclose(area.normalized.value, 3.5e6) and area.normalized.unit == "meter ** 2"
    assert by_text["Some 1,200 new homes"].value == 1200
    year = [q for q in doc.quantities if q.value == 2019]
    assert len(year) == 1 and year[0].kind == "year" and not year[0].statistic


def test_sources_and_what_they_carry(doc):
    atts = {a.id: a for a in doc.attributions}
    by_text = {q.text: q for q in doc.quantities}

    def source_of(text):
        a = atts[by_text[text].attribution]
        return a.source.text, a.kind

    assert source_of("30%") == ("The city council", "official")
    # A role before a name: the named person.
    assert source_of("about 4,200 applications") == ("Council leader Sarah Hughes", "named")
    # The quotation before "she added" is hers, carried from the sentence before.
    money = by_text["£40 million"]
    assert money.link_reason == "quote" and atts[money.attribution].carried
    assert source_of("£40 million") == ("Council leader Sarah Hughes", "named")
    assert source_of("More than 250,000 people") == ("the Office for National Statistics", "official")
    assert source_of("as many as 300 jobs") == ("Sources close to the council", "anonymous")


def test_findings(doc):
    found = {(f.code, ARTICLE[f.start:f.end]) for f in doc.findings}
    assert found == {
        ("FC102", "Sources close to the council said"),  # at the attribution: its source and verb
        ("FC101", "roughly 3.5 square kilometres"),
        ("FC101", "Some 1,200 new homes"),
    }


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Profits rose to $3.5bn last year.", 3.5e9, "USD"),
    ("The firm will cut two thousand and five hundred jobs.", 2500, None),
    ("It sold twenty-five million copies.", 25e6, None),
    ("Inflation fell to 2.1 per cent.", 2.1, "percent"),
    ("The pipeline runs for 1,200 miles.", 1200, "mile"),
])
def test_english_figures(text, value, unit):
    found = [q for q in find_quantities(text, "en") if q.statistic]
    assert len(found) == 1 and math.isclose(found[0].value, value) and found[0].unit == unit, found


@pytest.mark.parametrize(("text", "kind"), [
    ("Qantas said profits rose 5%.", "official"),  # a body the copy names with one word
    ("Arsene Wenger was angry. Wenger said 3 players were hurt.", "named"),  # a surname after the full name
    ("Mr Brown spoke first. Brown said 5 jobs would go.", "named"),  # a surname after a title
    ("The Qantas deal closed. Qantas said profits rose 5%.", "official"),  # The is no first name
    ("It launched Project Rub. Nintendo said sales rose 5%.", "official"),  # a sentence ends before it
    ("However Nintendo said sales rose 5%.", "official"),  # However is no first name
    ("Parry said he expected 5 bids.", "named"),  # the copy calls him he
])
def test_a_one_word_source_is_a_person_only_where_the_copy_names_one(text, kind):
    [a] = check_text(text, "en").documents[0].attributions
    assert a.kind == kind


@pytest.mark.parametrize(("source", "kind"), [
    ("the official news agency", "media"),  # English heads come last: not "an official"
    ("the state news agency", "media"),
    ("The Japanese government", "official"),
    ("a World Bank report", "document"),
    ("UKIP officials", "anonymous"),
    ("The Scottish Executive", "official"),  # an unnamed head inside a body's name
    ("Microsoft's chief financial officer", "official"),  # one office of a named body
    ("the prime minister", "official"),
    ("Ms King", "named"),  # a title after a courtesy title is a family name
    ("analyst Alex Potter at Lehman Brothers", "named"),
    ("Nationwide economist Alex Bannister", "named"),  # a name ends it
    ("a spokesman for the Department of Health", "official"),  # read up to "for"
    ("Shelley Taylor, analyst and author of a report", "named"),  # a name in apposition
    ("analysts at Citigroup", "official"),  # unnamed people of a named body
    ("analysts", "vague"),
    ("industry analysts Screen Digest", "named"),  # the group named right after its head
    ("Producers Barbara Broccoli and Michael G Wilson", "named"),
    ("City analysts", "vague"),
    ("the companies", "official"),  # a group the copy has named
    ("the record industry", "vague"),
    ("the Trade and Industry Secretary", "official"),  # "and" inside a name does not end the source
    ("A Department for Work and Pensions spokeswoman", "official"),
    ("Detective Inspector Paul Miller of Thames Valley Police", "named"),  # where a person works
    ("the US Federal Communications Commission (FCC)", "official"),  # the initials repeat the name
    ("The University of California", "official"),
    ("the software giant", "official"),
    ("the giant winger", "named"),  # giant alone is no body
    ("The UK's biggest mortgage lender", "official"),
    ("her lawyers", "official"),  # people acting for someone the copy has named
    ("Mr Flight's supporters", "official"),
    ("Dutch firm Heineken", "official"),  # a body's head before its name
    ("Nationwide economist Alex Bannister", "named"),  # a person's head before a name
    ("Ben Wood, principal analyst at research firm Gartner", "named"),
])
def test_english_source_heads(source, kind):
    from factcheck.attributions import classify_source
    from factcheck.ruleset import load_ruleset

    en = load_ruleset("en")
    assert classify_source(source, en.lexicon("sources"), en.lexicon("source-modifiers")) == kind


def test_arabic_source_heads_come_first():
    from factcheck.attributions import classify_source
    from factcheck.ruleset import load_ruleset

    ar = load_ruleset("ar")
    assert ar.lexicon("sources").head == "first" and load_ruleset("en").lexicon("sources").head == "last"
    # «المدير المسؤول»: the head is the first word (a named office), not the adjective after it.
    assert classify_source("المدير المسؤول", ar.lexicon("sources"), ar.lexicon("source-modifiers")) != "anonymous"


def test_ages_in_a_list_of_names_and_line_up_minutes_are_no_statistics():
    text = ("The three boys playing Billy are James Lomas, 15, George Maguire, 14, and Liam Mower, 12. "
            "Man Utd: Howard, Giggs (Saha 70), Miller (Fletcher 66), Scholes.")
    figures = {q.text: q for q in check_text(text, "en").documents[0].quantities}
    assert [figures[a].kind for a in ("15", "14", "12")] == ["age"] * 3
    assert figures["70"].kind == figures["66"].kind == "time"
    assert not any(q.statistic for t, q in figures.items() if t != "three")


@pytest.mark.parametrize(("text", "carried"), [
    # a surname alone, where the copy named the man in full first, goes on as "he"
    ("Arsene Wenger praised his side. Wenger said the side was tired. He said 30% of the squad was hurt.", True),
    # a firm named by one word is no "he"
    ("Netcraft said 30% of sites were down. He said the firm had checked them.", False),
])
def test_he_goes_on_from_a_one_word_person_not_a_one_word_body(text, carried):
    atts = check_text(text, "en").documents[0].attributions
    assert any(a.carried and a.cue.text == "said" for a in atts) == carried, atts


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Only one in five children is poor.", "en", [("one in five children", 0.2)]),
    ("Nine out of 10 voters backed it.", "en", [("Nine out of 10 voters", 0.9)]),
    # a part larger than its whole is no share: the rule's match gives way to the figures inside it
    ("The side scored 12 in six.", "en", [("12", 12), ("six", 6)]),
    ("قال إن واحدا من كل ستة أطفال يعيش في منطقة نزاع", "ar", [("واحدا من كل ستة أطفال", 1 / 6)]),
    ("سجل الفريق 12 من كل 6", "ar", [("12", 12), ("6", 6)]),
])
def test_one_in_five_is_a_share_and_eight_in_five_two_figures(text, lang, expected):
    found = [(q.text, q.value) for q in find_quantities(text, lang)]
    assert [t for t, _ in found] == [t for t, _ in expected], found
    assert all(math.isclose(v, w) for (_, v), (_, w) in zip(found, expected)), found


@pytest.mark.parametrize(("text", "speaker"), [
    # a speaker named again as the subject of a clause after the last one goes on as "he"
    ("Mr Reid said he ran 3 races. Mr Bogdanov said the race was between 2 men, but Mr Reid is unfazed. "
     "He added that 4 men would race.", "Mr Reid"),
    # ... not one named inside a quotation
    ("Mr Reid said he ran 3 races. Mr Bogdanov said: \"The race is mine and Mr Reid is slow.\" "
     "He added that 4 men would race.", "Mr Bogdanov"),
    # ... nor one the clause speaks of
    ("Mr Reid said he ran 3 races. Mr Bogdanov said he beat Mr Reid twice. He added that 4 men would race.",
     "Mr Bogdanov"),
])
def test_he_goes_on_from_the_person_named_again_as_a_subject(text, speaker):
    atts = check_text(text, "en").documents[0].attributions
    carried = [a for a in atts if a.carried and a.cue.text == "added"]
    assert len(carried) == 1 and carried[0].source.text == speaker, atts
