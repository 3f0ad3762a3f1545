"""Check machinery: selection, severities, messages as data, the reference table, the corpus reducer."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factcheck import check_text
from factcheck.checks import CORPUS_REGISTRY, REGISTRY, all_checks
from factcheck.checks.config import settings, words
from factcheck.checks.reference import load_reference
from factcheck.errors import RuleFileError
from factcheck.model import Document
from factcheck.pipeline import Options, run_corpus
from factcheck.report import report_json, validate_report
from factcheck import __version__
from factcheck.model import Report

from conftest import FIXTURES, ROOT

REFERENCE = str(FIXTURES / "checks" / "reference.csv")
# An unsourced figure (FC101) and a missing currency (FC301) in one text.
TWO = "بلغت كلفة المشروع 3 مليارات."


def _codes(text, **opts):
    return [(f.code, f.severity) for f in check_text(text, options=Options(**opts)).documents[0].findings]


def test_codes_and_names_are_the_contract():
    names = {c.code: c.name for c in all_checks()}
    assert names == {
        "FC101": "unsourced-claim", "FC102": "anonymous-source", "FC103": "vague-source",
        "FC104": "doubtful-attribution", "FC201": "conflicting-figures", "FC202": "corpus-conflict",
        "FC203": "arithmetic-inconsistency", "FC204": "reference-mismatch", "FC301": "missing-unit",
        "FC302": "ambiguous-currency", "FC303": "implausible-value",
    }
    assert set(CORPUS_REGISTRY) == {"FC202"} and "FC202" not in REGISTRY


def test_every_check_has_messages_in_both_languages():
    data = settings().checks
    assert set(data) == {c.code for c in all_checks()}
    for code, entry in data.items():
        assert entry["en"]["message"] and entry["ar"]["message"], code
        assert set(entry["en"]) == set(entry["ar"]), f"{code}: message parts differ between en and ar"


def test_select_ignore_by_prefix_and_severity_override():
    assert _codes(TWO) == [("FC101", "warning"), ("FC301", "warning")]
    assert _codes(TWO, select=("FC3",)) == [("FC301", "warning")]
    assert _codes(TWO, ignore=("FC1",)) == [("FC301", "warning")]
    assert _codes(TWO, select=("FC3",), ignore=("FC301",)) == []
    assert _codes(TWO, severities={"FC301": "error"}) == [("FC101", "warning"), ("FC301", "error")]


def test_messages_follow_the_message_language():
    en = check_text(TWO, options=Options(select=("FC301",))).documents[0].findings[0].message
    ar = check_text(TWO, options=Options(select=("FC301",), message_lang="ar")).documents[0].findings[0].message
    assert "no currency" in en and "بلا عملة" in ar and "3 مليارات" in ar


@pytest.mark.parametrize(("first", "headline"), [
    ("مقتل 29 شخصا في غرق عبارة", True),
    # a whole sentence on a line of its own is the lead, not a headline
    ("لقي 29 شخصا حتفهم إثر غرق عبارة قرب الجزيرة.", False),
    # so is a long first line without a full stop
    ("لقي 29 شخصا حتفهم إثر غرق عبارة قرب جزيرة سولاويسي بينما تبحث فرق الإنقاذ عن عشرات الركاب المفقودين بعد يوم من"
     " وقوع الحادث", False),
])
def test_an_unsourced_first_line_is_called_a_headline_only_when_it_is_one(first, headline):
    text = first + "\nوأوضح الدفاع المدني أن فرق الإنقاذ ما زالت تبحث عن المفقودين."
    [f] = [f for f in check_text(text).documents[0].findings if f.code == "FC101"]
    assert ("headline" in f.message) == headline, f.message


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_check_word_lists_name_only_nouns_the_lexicon_has(lang):
    # A list of noun ids that names no entry is silently empty: the check it feeds never fires.
    from factcheck.ruleset import load_ruleset

    ids = {e.id for e in load_ruleset(lang).lexicon("nouns").entries}
    w = words(lang)
    lists = [name for name in w.lists if any(v.startswith(f"{lang}.noun.") for v in w[name])]
    assert "self_describing_nouns" in lists and "people_nouns" in lists
    for name in lists:
        assert w[name] <= ids, f"{lang}.toml {name}: {sorted(w[name] - ids)} are not in the nouns lexicon"
    assert set(w.subjects) and all(w.subjects[s].get("before") for s in w.subjects)


@pytest.mark.parametrize(("lang", "text", "key"), [
    ("en", "Officials said the city's population was 3 million.", "population city"),
    ("en", "The governor said the city had a population of 3 million.", "population city"),
    ("en", "The governor said the unemployment rate stood at 5%.", "rate unemployment"),
    ("en", "The minister said the number of deaths was 40.", "death"),
    ("en", "The firm said the plan could cost the UK £1bn.", None),
    ("en", "Police said the blast killed 12 people.", "death"),
    ("en", "Police said 12 people were killed in the blast.", "death"),
    ("en", "Police said the blast killed 12 civilians.", "death civilian"),
    ("ar", "وقال المسؤول إن عدد سكان المدينة 3 ملايين نسمة.", "سكان مدينه"),
    ("ar", "وقال المسؤول إن عدد القتلى بلغ 30 شخصا.", "killed"),
    ("ar", "وقال المسؤول إن الهجوم أدى إلى مقتل 30 شخصا.", "killed"),
    ("ar", "وقال المسؤول إن الهجوم أدى إلى مقتل 30 مدنيا.", "killed civilian"),
    ("ar", "وقال المسؤول إن 30 شخصا لقوا حتفهم.", "killed"),
    ("ar", "وقال المسؤول إن الاشتباكات أدت إلى مقتل 10 في المدينة.", "killed"),  # a headline's bare figure
    ("ar", "وقال المسؤول إن الانفجار أدى إلى إصابة 4 آخرين.", "wounded"),
    ("ar", "وقال المسؤول إن الاشتباكات أدت إلى تدمير 10 منازل.", None),
    ("ar", "وقال المسؤول إن عددا من 30 مرشحا انسحبوا.", None),
    ("ar", "وقال سكان إن 30 منزلا دمرت.", None),
])
def test_what_a_figure_measures(lang, text, key, monkeypatch):
    import factcheck.pipeline as pipeline

    seen = []
    real = pipeline.run_checks
    monkeypatch.setattr(pipeline, "run_checks", lambda ctx, *rest: seen.append(ctx) or real(ctx, *rest))
    check_text(text, lang)
    [ctx] = seen
    [q] = [q for q in ctx.quantities if q.statistic]
    found = ctx.subject(q, 8)
    assert (found and found[0]) == key


def test_parts_sum_is_said_as_written():
    # compared with the least the parts may be (300 may be 299.5), but said as the article adds them
    text = "قال الوزير إن 500 طالب نجحوا، منهم 300 طالب و250 طالبة."
    [f] = [f for f in check_text(text).documents[0].findings if f.code == "FC203"]
    assert "add up to 550," in f.message and text[f.start:f.end] == "250 طالبة"


def test_conflict_points_at_the_later_figure_and_names_the_earlier():
    text = "قال المحافظ إن عدد سكان المدينة 3 ملايين نسمة.\nوأوضح التقرير أن عدد سكان المدينة 300 ألف نسمة."
    doc = check_text(text).documents[0]
    [f] = [f for f in doc.findings if f.code == "FC201"]
    assert text[f.start:f.end] == "300 ألف نسمة" and f.line == 2
    [rel] = f.related
    assert text[rel["start"]:rel["end"]] == "3 ملايين نسمة" == rel["text"]
    assert "line 1" in f.message
    # the measured thing as the article writes it, not its folded key (سكان مدينه)
    assert "(سكان المدينة)" in f.message


def test_a_corpus_conflict_names_the_measured_thing_as_written():
    docs = [Document(i, f"{verb} الوزارة أن عدد سكان مدينة الحسيمة بلغ {n} ألف نسمة حسب إحصاء زلزال مدينة الحسيمة.")
            for i, verb, n in (("a", "أعلنت", 120), ("b", "أكدت", 45))]
    found = [f for r in run_corpus(docs, Options(select=("FC202",))) for f in r.findings]
    assert len(found) == 2 and all(f.message.endswith("(سكان مدينة)") for f in found), [f.message for f in found]


def test_a_conflict_names_an_event_by_its_label():
    text = ("وقالت وكالة سبأ إن عدد القتلى في غارة السوق بلغ 30 شخصا.\n"
            "وقال مدير المستشفى أحمد سالم إن 20 قتيلا سقطوا في غارة السوق.")
    [f] = [f for f in check_text(text, options=Options(message_lang="ar")).documents[0].findings if f.code == "FC201"]
    assert f.message.endswith("(القتلى)") and "«20 قتيلا»" in f.message


def test_anonymous_source_span_covers_source_and_cue_and_lists_figures():
    text = "وقالت مصادر مطلعة إن 40 شخصا اعتقلوا."
    doc = check_text(text).documents[0]
    [f] = doc.findings
    assert f.code == "FC102" and text[f.start:f.end] == "قالت مصادر مطلعة"
    assert [q.text for q in doc.quantities if q.id in f.quantities] == ["40 شخصا"]


def test_reference_table_loads_units_and_aliases():
    table = load_reference(REFERENCE)
    syria = next(e for e in table.entries if e.subject == "مساحة سوريا")
    assert syria.dimension == "meter ** 2" and syria.base_value == pytest.approx(185180e6)
    assert "مساحه سوريه" in syria.names  # aliases are folded like the text
    tunisia = next(e for e in table.entries if e.subject == "عدد سكان تونس")
    assert tunisia.unit is None and tunisia.dimension == "count"


@pytest.mark.parametrize(("body", "fragment"), [
    ("subject,value\nx,1\n", "the header must be"),
    ("subject,aliases,value,unit,tolerance,source\nx,,abc,,0.1,s\n", ":2 [x]: value and tolerance must be numbers"),
    ("subject,aliases,value,unit,tolerance,source\nx,,1,parsecs-of-nothing,0.1,s\n", ":2 [x]: unknown unit"),
    ("subject,aliases,value,unit,tolerance,source\n,,1,,0.1,s\n", ":2: subject is empty"),
])
def test_reference_table_errors_name_file_and_row(tmp_path, body, fragment):
    path = tmp_path / "ref.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_reference(str(path))
    assert str(path) in str(err.value) and fragment in str(err.value)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_reference_flag(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("قال الوزير إن مساحة سوريا تبلغ 150 ألف كيلومتر مربع.\n", encoding="utf-8")
    out = _cli("check", "--format", "json", "--reference", REFERENCE, str(article))
    assert out.returncode == 1, out.stderr
    obj = json.loads(out.stdout)
    validate_report(obj)
    assert [f["code"] for f in obj["documents"][0]["findings"]] == ["FC204"]
    assert _cli("check", str(article)).returncode == 0  # without the table there is nothing to compare
    bad = tmp_path / "bad.csv"
    bad.write_text("nope\n", encoding="utf-8")
    out = _cli("check", "--reference", str(bad), str(article))
    assert out.returncode == 2 and "bad.csv" in out.stderr


def test_corpus_conflict_reports_both_documents_and_validates():
    docs = [Document("a", "أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا."),
            Document("b", "قالت الشرطة إن عدد المعتقلين في مظاهرة العاصمة بلغ 40 شخصا."),
            Document("c", "أكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 45 قتيلا.")]
    results = run_corpus(docs, Options(select=("FC202",)))
    found = {r.id: [(f.code, f.related[0]["document"]) for f in r.findings] for r in results}
    assert found == {"a": [("FC202", "c")], "b": [], "c": [("FC202", "a")]}
    validate_report(report_json(Report(tuple(results), __version__)))
    assert all(not r.findings for r in run_corpus(docs, Options(ignore=("FC2",))))


def test_corpus_conflict_work_is_bounded_per_figure(monkeypatch):
    from factcheck.checks import corpus

    calls = []
    original = corpus.CorpusConflict._same_event
    monkeypatch.setattr(corpus.CorpusConflict, "_same_event",
                        lambda self, a, b: calls.append(1) or original(self, a, b))
    text = "أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا."
    n = 200
    run_corpus([Document(f"d{i}", text) for i in range(n)], Options(select=("FC202",)))
    bucket = settings().params("FC202")["bucket"]
    assert bucket < n and len(calls) <= n * bucket  # all pairs would be n*(n-1)/2 = 19,900

def test_corpus_conflict_same_event_at_the_similarity_threshold():
    """Two figures are one event from the least overlap on: 7 shared words of 7 and 20 is exactly
    the threshold of 0.35, and 6 is under it."""
    from factcheck.checks import corpus
    from factcheck.checks.keys import Fact

    reducer = corpus.CorpusConflict()
    assert reducer.similarity == 0.35 and reducer.shared == 3  # the figures this test is built on
    words = [f"w{i}" for i in range(20)]

    def fact(context):
        return Fact(("عدد القتلى", "count"), 1, 1, "q1", "1", 0, 1, 1, 1, frozenset(context), None)

    assert reducer._same_event(fact(words[:7]), fact(words))
    assert reducer._same_event(fact(words), fact(words[:7]))
    assert not reducer._same_event(fact(words[:6]), fact(words))  # 6 of 20: under the threshold
    assert not reducer._same_event(fact(words[:7]), fact([f"x{i}" for i in range(7)]))  # nothing shared



def test_corpus_conflict_keeps_only_compact_facts():
    result = run_corpus([Document("a", "أعلنت الوزارة أن عدد ضحايا الزلزال بلغ 120 قتيلا.")],
                        Options(select=("FC202",)))[0]
    assert result.facts and all(len(f.context) < 40 for f in result.facts)
    assert run_corpus([Document("a", "بلغ 120 قتيلا.")], Options(select=("FC1",)))[0].facts == ()


def test_word_lists_are_folded():
    assert "ارتفع" in words("ar")["change_words"] and "الاردن" in words("ar").countries["JOD"]
    assert words("xx")["change_words"] == frozenset()


def test_ans_stance_pairs_as_a_conflict_test_bed(shared_dir):
    """ANS pairs (dev split): figures that differ in a 'disagree' pair are found; 'agree' pairs stay silent."""
    pairs = []
    with open(shared_dir / "corpus" / "ar-claims.jsonl", encoding="utf-8") as fh:
        for line in fh:
            o = json.loads(line)
            if o["kind"] == "stance_pair" and o["split"] == "dev" and o["label"] in ("agree", "disagree"):
                pairs.append(o)
    docs = [Document(f"{o['id']}#{s}", o[k]) for o in pairs for s, k in (("a", "claim"), ("b", "claim_b"))]
    results = {r.id: r for r in run_corpus(docs, Options(select=("FC202",)))}
    within = {"agree": 0, "disagree": 0}
    for o in pairs:
        a = results[f"{o['id']}#a"]
        if any(rel["document"] == f"{o['id']}#b" for f in a.findings for rel in f.related):
            within[o["label"]] += 1
    assert within["agree"] == 0
    assert within["disagree"] >= 3


def test_corpus_conflict_partial_reducers_merge_to_the_same_result():
    from factcheck.checks import corpus_reducers
    from factcheck.pipeline import process_document

    texts = ["أعلنت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 120 قتيلا.",
             "أكدت الوزارة أن عدد ضحايا زلزال مدينة الحسيمة بلغ 45 قتيلا.",
             "قالت الشرطة إن عدد المعتقلين في مظاهرة العاصمة بلغ 40 شخصا.",
             "أفادت الوزارة بأن عدد ضحايا زلزال مدينة الحسيمة بلغ 300 قتيل."]
    opts = Options(select=("FC202",))
    results = [process_document(Document(f"d{i}", t), opts) for i, t in enumerate(texts)]

    def found(reducer):
        return sorted((doc, f.related[0]["document"]) for doc, fs in reducer.finish().items() for f in fs)

    [whole] = corpus_reducers(("FC202",))
    for r in results:
        whole.add(r)
    [left], [right] = corpus_reducers(("FC202",)), corpus_reducers(("FC202",))
    for r in results[:2]:
        left.add(r)
    for r in results[2:]:
        right.add(r)
    left.merge(right)
    assert found(left) == found(whole) and ("d1", "d3") in found(whole)


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column, counted afresh from the text."""
    return sum(len(l) + 1 for l in text.split("\n")[:line - 1]) + column - 1


def test_every_finding_says_where_its_text_starts_and_ends():
    from conftest import FIXTURES

    seen = 0
    for path in sorted((FIXTURES / "articles").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for f in check_text(text).documents[0].findings:
            if f.end_line is None:
                continue
            seen += 1
            assert _offset(text, f.line, f.column) == f.start and _offset(text, f.end_line, f.end_column) == f.end, (path, f)
    assert seen >= 10


def test_clitic_matches_reads_a_word_with_one_proclitic_more():
    from factcheck.checks.corpus import clitic_matches

    # «للبنان» is keyed «بنان» (لل read as ل + ال); «ولبنان» keeps its و.
    assert clitic_matches(frozenset({"بنان"}), frozenset({"لبنان"})) == 1
    assert clitic_matches(frozenset({"ولبنان"}), frozenset({"لبنان"})) == 1
    assert clitic_matches(frozenset({"ولبنان"}), frozenset({"بلبنان"})) == 1
    assert clitic_matches(frozenset({"مصر"}), frozenset({"عصر"})) == 0
    assert clitic_matches(frozenset(), frozenset({"لبنان"})) == 0
