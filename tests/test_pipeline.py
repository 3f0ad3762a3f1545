"""The whole pipeline on articles written by us and on the seed article."""
from __future__ import annotations

import math

from factcheck import check_text, find_quantities
from factcheck.report import report_json, validate_report

from conftest import FIXTURES


def _doc(text):
    return check_text(text).documents[0]


def test_fixture_article_end_to_end():
    text = (FIXTURES / "articles/ar/ministry-report.txt").read_text(encoding="utf-8")
    doc = _doc(text)
    assert doc.error is None
    by_text = {q.text: q for q in doc.quantities}
    atts = {a.id: a for a in doc.attributions}
    # Every span is a slice of the original text.
    for q in doc.quantities:
        assert text[q.start:q.end] == q.text
    for a in doc.attributions:
        assert text[a.cue.start:a.cue.end] == a.cue.text
        assert a.source is None or text[a.source.start:a.source.end] == a.source.text
    first = [q for q in doc.quantities if q.text == "١٢٫٥ ألف حالة"]
    assert len(first) == 2 and all(math.isclose(q.value, 12500) and q.noun == "حالة" for q in first)
    # The headline figure has no source; the body's does.
    assert first[0].attribution is None and atts[first[1].attribution].source.text == "وزارة الصحة"
    assert atts[by_text["٣٠٪"].attribution].kind == "official"
    assert by_text["نحو 800"].qualifier == "approximate"
    assert atts[by_text["نحو 800"].attribution].source.text == "الناطق باسم الوزارة، الدكتور سامر الحلبي"
    # An office with a titled name in apposition is that named person.
    assert atts[by_text["نحو 800"].attribution].kind == "named"
    money = by_text["40 مليون دولار"]
    assert money.unit == "USD" and money.link_reason == "quote" and atts[money.attribution].carried
    assert atts[money.attribution].source.text == "الناطق باسم الوزارة، الدكتور سامر الحلبي"
    refugees = by_text["أكثر من 250 ألف لاجئ"]
    assert refugees.qualifier == "more-than" and refugees.min == 250000 and refugees.noun == "لاجئ"
    assert by_text["عام 2019"].kind == "year" and not by_text["عام 2019"].statistic
    area = by_text["حوالى 3.5 كيلومتر مربع"]
    assert atts[area.attribution].kind == "anonymous" and area.link_reason == "frame"
    assert math.isclose(area.normalized.value, 3.5e6) and area.normalized.unit == "meter ** 2"
    unsourced = [f for f in doc.findings if f.code == "FC101"]
    # The headline restates a figure the body attributes: only the refugees go unsourced.
    assert [f.quantities for f in unsourced] == [(refugees.id,)]
    assert unsourced[0].line == 5


def test_seed_article(seed_text):
    report = check_text(seed_text)
    obj = report_json(report)
    validate_report(obj)
    doc = report.documents[0]
    q85 = [q for q in doc.quantities if q.text == "85"]
    area = [q for q in doc.quantities if "27.8 ألف كيلومتر مربع" in q.text]
    assert len(q85) == 1 and len(area) == 1
    a = area[0]
    assert a.value == 27800 and a.unit == "kilometer ** 2" and a.qualifier == "approximate"
    assert math.isclose(a.normalized.value, 2.78e10) and a.normalized.unit == "meter ** 2"
    atts = {x.id: x for x in doc.attributions}
    assert "ألكسندر لابين" in atts[a.attribution].source.text
    assert "وزارة الدفاع" in atts[q85[0].attribution].source.text
    sources = {x.source.text for x in doc.attributions}
    for expected in ("الرئاسة السوريّة", "وزارة الدفاع الروسيّة", "شبكة الإعلام الحربي", "صحيفة «الوطن»",
                     "قائد ميداني في دير الزور", "مصادر"):
        assert expected in sources
    assert any(x.carried and x.cue.text == "تابع" and "شمخاني" in x.source.text for x in doc.attributions)


def test_find_quantities_includes_years_as_non_statistics():
    qs = find_quantities("تأسست الشركة عام 2017 وتوظف 300 شخص")
    assert [(q.text, q.kind, q.statistic) for q in qs] == [("عام 2017", "year", False), ("300 شخص", "count", True)]


def test_report_is_deterministic():
    text = (FIXTURES / "articles/ar/ministry-report.txt").read_text(encoding="utf-8")
    from factcheck.report import dumps

    assert dumps(report_json(check_text(text))) == dumps(report_json(check_text(text)))
