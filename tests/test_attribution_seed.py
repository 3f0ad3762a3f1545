"""Every attribution of the seed article: source span, cue, kind, speaker, and the two figures' links."""
from __future__ import annotations

from factcheck import check_text

# (cue, source, kind, carried) in text order, as an editor reads the article.
EXPECTED = [
    ("أعلنت", "الرئاسة السوريّة", "official", False),
    ("أوضحت", "وزارة الدفاع الروسيّة", "official", False),
    ("أكّد", "أمين سرّ المجلس الأعلى للأمن القومي الإيراني علي شمخاني", "named", False),
    ("أشار", "شمخاني", "named", False),
    ("متسائلاً", "شمخاني", "named", True),
    ("تابع", "شمخاني", "named", True),
    ("شدّد", "شمخاني", "named", False),
    ("أشار", "أمين سرّ المجلس الأعلى للأمن القومي الإيراني", "named", False),
    ("تطرّق", "شمخاني", "named", False),
    ("قال", "شمخاني", "named", True),
    ("أعلنت", "وزارة الدفاع الروسيّة", "official", False),
    ("مؤكّدة", "وزارة الدفاع الروسيّة", "official", True),
    ("أشار", "بيان صادر عن الجنرال ألكسندر لابين، رئيس أركان القوّات الروسيّة في سورية", "document", False),
    ("مؤكّداً", "بيان صادر عن الجنرال ألكسندر لابين، رئيس أركان القوّات الروسيّة في سورية", "document", True),
    ("أوضحت", "شبكة الإعلام الحربي السوري", "media", False),
    ("نقل", "قائد ميداني في دير الزور", "anonymous", False),
    ("كشفت", "شبكة الإعلام الحربي", "media", False),
    ("كشفت", "صحيفة «الوطن»", "media", False),
    ("نقلت", "«القناة المركزيّة لقاعدة حميميم الجوية»", "media", False),
    ("أوضحت", "مصادر", "anonymous", False),
]


def test_every_attribution_of_the_seed(seed_text):
    doc = check_text(seed_text).documents[0]
    got = [(a.cue.text, a.source.text, a.kind, a.carried) for a in doc.attributions]
    assert got == EXPECTED
    for a in doc.attributions:
        assert seed_text[a.source.start:a.source.end] == a.source.text
        assert seed_text[a.cue.start:a.cue.end] == a.cue.text


def test_seed_speakers_relays_and_quotes(seed_text):
    doc = check_text(seed_text).documents[0]
    atts = doc.attributions
    shamkhani = {a.speaker for a in atts if "شمخاني" in a.source.text or a.source.text.startswith("أمين سرّ")}
    assert len(shamkhani) == 1
    assert atts[1].speaker == atts[10].speaker  # وزارة الدفاع الروسيّة twice
    assert atts[14].speaker == atts[16].speaker  # شبكة الإعلام الحربي (السوري)
    assert atts[15].relay.text == "الإعلام الحربي"
    assert atts[18].relay.text == "الصحيفة" and atts[18].direct
    assert atts[19].relay.text == "الصحيفة"
    assert [a.cue.text for a in atts if a.direct] == ["متسائلاً", "تابع", "شدّد", "أشار", "نقلت"]
    assert atts[5].antecedent == atts[3].id  # وتابع: goes back to وأشار شمخاني


def test_seed_figures_link_to_their_sources(seed_text):
    doc = check_text(seed_text).documents[0]
    atts = {a.id: a for a in doc.attributions}
    q85 = next(q for q in doc.quantities if q.text == "85")
    area = next(q for q in doc.quantities if "27.8 ألف كيلومتر مربع" in q.text)
    a85 = atts[q85.attribution]
    assert a85.source.text == "وزارة الدفاع الروسيّة" and a85.cue.text == "مؤكّدة" and q85.link_reason == "carried"
    a_area = atts[area.attribution]
    assert a_area.cue.text == "أشار" and "الجنرال ألكسندر لابين" in a_area.source.text
    assert area.link_reason == "clause"
    assert not [f for f in doc.findings if f.code == "FC101"]
