"""Turn attribution-rule matches into Attribution records: source, cue, scope.

Rules (``rules/<lang>/attribution/*.toml``) capture a ``cue`` and, when the
copy names them, a ``source``, a ``relay``, a ``frame`` and a ``quote``. The
rule's ``kind`` says how the source is found and how far the claim reaches:

* ``verb``: the source is in the match; the claim is the clause after it;
* ``frame`` (بحسب، وفقاً لـ): the source is in the match; the whole sentence;
* ``carried`` (وتابع:، وقال إنّ): the last speaker within ``window`` sentences;
* ``participle`` (مؤكداً، مشيراً): the current speaker goes on; without
  one the participle is dropped rather than left unsourced;
* ``passive`` (قيل، يُقال): no source, a vague attribution.

A quotation, when the rule captures one, is a direct quote.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

import regex

from .model import Attribution, Match, Sentence, Span
from .normalize import VOWEL_MARKS, NormalizedText, fold, fold_key, strip_marks
from .ruleset import Entry, Lexicon, Ruleset, agreement_pattern, per_lexicon
from .speakers import SpeakerIndex

# Default look-back (in sentences) when a carried rule sets no ``window``.
DEFAULT_WINDOW = 3
# How many sentences back a speaker named again between (``_named_since``) is looked for.
_NAMED_BACK = 12
# How many leading words of a source are looked up in the sources lexicon.
_HEAD_WORDS = 4
_INITIALS_AFTER = regex.compile(r"(?<=\w)\s*\([A-Z][A-Za-z&.]{1,9}\)\s*$")
_STRIP = str.maketrans({c: " " for c in "«»\"“”"})
_WORD = regex.compile(r"\S+")


# What is built once per lexicon (stops, cue classes, name words): (id of its entries, what) ->
# (the entries, the thing). Holding the entries keeps their id theirs while the memo holds it.
def classify_source(text: str, lexicon: Lexicon, modifiers: Lexicon | None = None) -> str:
    """named | official | media | document | anonymous | vague, from the source's head.

    An office with a titled name in apposition ("الناطق باسم الوزارة، الدكتور
    سامر الحلبي") is a named person speaking for it. ``modifiers`` (the
    source-modifiers lexicon) lists what may stand before the head.
    """
    return _named_in_apposition(_classify(text, lexicon, modifiers)[0], text, lexicon, modifiers)


def _named_in_apposition(kind: str, text: str, lexicon: Lexicon, modifiers: Lexicon | None = None) -> str:
    """``kind``, or "named" for an office followed by a titled name, or an unnamed head followed by a name.

    ``عضو البرلمان العراقي صلاح الجبوري``: after a word with the article, a
    word without it cannot be an adjective of that word; two such words (or
    one and a family name) are a person's name. ``modifiers`` lists, in its
    "not-name" entries, the words that may stand there all the same (نفسه،
    أمس، في).
    """
    if kind == "official" and "،" in text:
        for part in text.split("،")[1:]:
            if _titled_name(part, lexicon):
                return "named"
    if kind == "anonymous" and modifiers is not None and _name_after_definite(text, lexicon, _not_names(modifiers)):
        return "named"
    if kind in ("official", "media", "document", "anonymous") and _name_after_role(text, lexicon, modifiers):
        return "named"
    return kind


def _name_after_role(text: str, lexicon: Lexicon, modifiers: Lexicon | None) -> bool:
    """Whether the source ends in a capitalised name right after a role: «Council leader Sarah Hughes»,
    «analyst Alex Potter at Lehman Brothers» (an "employer" word and what follows it set aside).

    Only a script with capitals can say so: two or more capitalised words
    (not all capitals: an initialism is a body) that no source head is,
    after a lower-case word of four letters or more that the
    source-modifiers' "not-name" class does not list («close to Tony
    Blair», «a spokesman for Tony Blair» are not the person named).
    """
    words = _without_employer(text.translate(_STRIP).replace(",", " ").split(), lexicon, modifiers)
    run = 0
    for w in reversed(words):
        if not (w[:1].isupper() and not w.isupper() and lexicon.lookup(w) is None):
            break
        run += 1
    if run < 2 or run == len(words):
        return False
    role = words[-run - 1]
    return role.isalpha() and role.islower() and len(role) > 3 and role not in _name_class(modifiers, "not-name")


def _without_employer(words: list[str], lexicon: Lexicon, modifiers: Lexicon | None) -> list[str]:
    """``words`` without a closing "employer" phrase after a capitalised word: «analyst Alex Potter [at Lehman Brothers]»."""
    employer = _name_class(modifiers, "employer")
    for k in range(len(words) - 2, 0, -1):
        if not words[k + 1][:1].isupper():
            break
        if words[k] in employer and words[k - 1][:1].isupper() and lexicon.lookup(words[k - 1]) is None:
            return words[:k]
    return words


def _name_class(modifiers: Lexicon | None, cls: str) -> frozenset[str]:
    """The folded forms of one of ``NAME_CLASSES`` in the source-modifiers lexicon (none without one)."""
    return _not_names(modifiers)[cls] if modifiers is not None else frozenset()


_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل")
# The source-modifiers classes that say what is, or is not, a person's name in a source.
NAME_CLASSES = ("not-name", "name-ends", "unnamed", "name-follows", "employer")


def _not_names(modifiers: Lexicon) -> dict[str, frozenset[str]]:
    """Per class of ``NAME_CLASSES``, the folded forms of the source-modifiers lexicon's entries."""
    return per_lexicon(modifiers, "name classes", lambda: {
        cls: frozenset(fold_key(f) for e in modifiers.entries if e.data.get("class") == cls for f in e.forms)
        for cls in NAME_CLASSES})


def _anaphors(modifiers: Lexicon | None) -> frozenset[str]:
    """The folded source-modifiers forms marked ``anaphor`` (نفس، ذاته: the same source as before)."""
    if modifiers is None:
        return frozenset()
    return per_lexicon(modifiers, "anaphors", lambda: frozenset(
        fold_key(f) for e in modifiers.entries if e.data.get("anaphor") for f in e.forms))


def _head_prefixes(modifiers: Lexicon | None) -> tuple[tuple[str, str], ...]:
    """(prefix, its lemma), folded, of the source-modifiers "prefix" class (لل -> ال: للمصادر)."""
    if modifiers is None:
        return ()
    return per_lexicon(modifiers, "head prefixes", lambda: tuple(
        (fold(f), fold(e.data.get("lemma", ""))) for e in modifiers.entries if e.data.get("class") == "prefix"
        for f in e.forms))


def _name_after_definite(text: str, lexicon: Lexicon, classes: dict[str, frozenset[str]]) -> bool:
    """Whether a name follows a word with the article in the source ``text`` (folded); see ``_named_in_apposition``.

    Quoted words are no name here (an outlet, a brand). The reading stops
    at a "name-ends" word (الذي، مقرب: what follows is not the source), or
    at a word with ل (لمراسل: who was told). An "unnamed" phrase (نشر اسمه
    in طلب عدم نشر اسمه) says the source is unnamed whatever else it holds;
    after a "name-follows" word (اسمه علي، يدعى) one word is a name.
    """
    skip, ends, unnamed, markers = (classes[c] for c in ("not-name", "name-ends", "unnamed", "name-follows"))
    words = text.replace("،", " ").split()
    joined = f" {' '.join(words)} "
    if any(f" {phrase} " in joined for phrase in unnamed):
        return False
    for i, w in enumerate(words):
        if w in ends or w[0] == "ل":
            words = words[:i]
            break

    def plain(w: str) -> bool:
        return _plain_word(w, lexicon, skip)

    def family(w: str) -> bool:  # a family name with the article (الحلبي)
        return w.startswith("ال") and w.isalpha() and w not in skip and lexicon.lookup(w) is None

    if "،" in text:  # محامي ستورمي دانيلز، مايكل آفينياتي: a name in apposition
        last = text.rsplit("،", 1)[1].split()
        if 2 <= len(last) <= 4 and plain(last[0]) and all(plain(w) or family(w) for w in last[1:]):
            return True
    for i in range(1, len(words)):
        prev = words[i - 1]
        if prev in markers and plain(words[i]):
            return True
        if not prev.startswith(_DEFINITE) or len(prev) < 4 or not plain(words[i]):
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        if plain(after) or family(after):
            return True
    return False


def _plain_word(w: str, lexicon: Lexicon, skip: frozenset[str]) -> bool:
    """Whether ``w`` may begin or go on with a person's name in a source (folded)."""
    if not w.isalpha() or len(w) < 2 or w.startswith(_DEFINITE) or w in skip:
        return False
    if w[0] == "ب" and (w[1:] in skip or lexicon.lookup(w[1:]) is not None):
        return False  # بمدينة، بوزارة: a place or a body, not a name
    return lexicon.lookup(w, clitics="وف") is None  # a source head (مسؤول) is no name


_ONE_CAPITALISED = regex.compile(r"[A-Z][a-z][\w'’-]*")


def _lone_name_is_a_body(source: str, text: str, sources: Lexicon, modifiers: Lexicon | None) -> bool:
    """Whether a source of one capitalised word is a body rather than a person, from the rest of the copy.

    News copy names a person in full, or with a title, before it uses the
    surname alone (Arsene Wenger ... Wenger said; Mr Brown ... Brown said);
    a company or a club it names with the one word (Qantas said). So the
    word is a person's name where ``text`` (the normalised document) puts a
    title or another capitalised word right before it that no source head
    and no word of the source-modifiers' "not-name" class is (The, But), not
    across a sentence's end («Project Rub. Nintendo»), or where a verb after
    it is followed by he, she or his («Parry said he»).
    Scripts without capitals never get here.
    """
    if not _ONE_CAPITALISED.fullmatch(source):
        return False
    skip = _name_class(modifiers, "not-name")
    before = regex.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)(\.?)\s+"  # a title or a first name, then the word
                           + regex.escape(source) + r"(?:['’]s)?(?![\w'’-])")
    for m in before.finditer(text, concurrent=False):
        word = m.group(1)
        if word.lower() in skip:
            continue
        entry = sources.lookup(word)
        if m.group(2) and (entry is None or entry.data.get("kind") != "title"):
            continue  # «Project Rub. Nintendo»: a sentence ends there; only «Mr. Wenger» keeps its point
        if entry is None or entry.data.get("kind") == "title":
            return False  # Arsene Wenger, Mr Wenger: a person
    # «Parry said he ...», «Mido admitted his ...»: the copy speaks of a man or a woman, not of a firm.
    pronoun = regex.compile(regex.escape(source) + r"\s+[a-z]+\s+(?:he|she|his|her|him)(?![\w'’-])")
    return pronoun.search(text, concurrent=False) is None


def _titled_name(text: str, lexicon: Lexicon) -> bool:
    """A title followed by more words: a person, named."""
    words = text.translate(_STRIP).split()
    for n in range(min(_HEAD_WORDS, len(words) - 1), 0, -1):
        entry = lexicon.lookup(" ".join(words[:n]), clitics="وفل")
        if entry is not None:
            return entry.data.get("kind") == "title"
    return False


def _classify(text: str, lexicon: Lexicon, modifiers: Lexicon | None = None) -> tuple[str, bool]:
    """The kind, and whether a lexicon head decided it (False: taken for a name)."""
    # The US Federal Communications Commission (FCC): the initials repeat the name before them.
    words = _INITIALS_AFTER.sub("", text).translate(_STRIP).replace("،", " ").split()
    if not words:
        return "named", False
    if modifiers is not None:
        words = _without_modifiers(words, modifiers)
    if lexicon.head == "last":  # the official news agency: the head ends the source
        at_end = _head_at_end(words, lexicon, modifiers) if "," not in text else None
        found = at_end or _head_kind(words, lexicon)
        if at_end is None and found is not None and found[0] in ("vague", "anonymous") and _names_after_head(words, lexicon):
            found = ("named", True)  # industry analysts Screen Digest, producers Barbara Broccoli and Michael Wilson
        elif found is not None and found[0] in ("vague", "anonymous") and modifiers is not None:
            found = (_known_group(found[0], text.split(), modifiers), True)
    else:
        found = _head_kind(words, lexicon)
    if found is None and lexicon.head == "last" and "," not in text:
        found = _body_before_its_name(words, lexicon, modifiers)
    if found is None and modifiers is not None:
        # مصدرنا، مكتبها: the head with a possessive ending ("suffix" modifiers) is still the head
        for form in sorted(_class_forms(modifiers, "suffix", folded=True), key=lambda f: (-len(f), f)):
            if words[0].endswith(form) and len(words[0]) > len(form) + 1:
                found = _head_kind([words[0][:-len(form)]] + words[1:], lexicon)
                if found is not None:
                    break
    return found or ("named", False)


def _known_group(kind: str, words: list[str], modifiers: Lexicon) -> str:
    """``kind``, or "official" for unnamed people the copy ties to a known body or group.

    «analysts at Citigroup», «researchers from Leeds University»: an
    "employer" word and a capitalised name; «the companies», «the judges»: a
    leading word marked ``definite`` before a vague head, a group the copy has named;
    «her lawyers», «Mr Flight's supporters»: an ``owner`` word or a possessive before it.
    """
    employer = _name_class(modifiers, "employer")
    if any(w in employer and nxt[:1].isupper() for w, nxt in zip(words, words[1:])):
        return "official"
    first = modifiers.lookup(words[0])
    plural = words[-1].endswith(tuple(_class_forms(modifiers, "plural-ending")))
    if kind == "vague" and first is not None and first.data.get("definite") and plural:
        return "official"  # a plural group: «the industry» stays vague
    owned = (first is not None and first.data.get("owner")) or \
        any(w.endswith(tuple(_class_forms(modifiers, "possessor"))) for w in words[:-1])
    if kind == "vague" and owned and plural:
        return "official"  # her lawyers, Mr Flight's supporters: people acting for someone named
    return kind


def _starts_with_title(text: str, lexicon: Lexicon) -> bool:
    """Whether the source starts with a title (وزير النقل, الوزير): an office that a person holds."""
    found = _head_entry(text.translate(_STRIP).replace("،", " ").split(), lexicon)
    return found is not None and found[0].data.get("kind") == "title"


def _head_at_end(words: list[str], lexicon: Lexicon, modifiers: Lexicon | None) -> tuple[str, bool] | None:
    """The kind the head that ends the source gives, where words stand before it: «the official news agency».

    For a lexicon whose heads come last. The source is read up to its first
    "not-name" word (a spokesman [for the ministry]); a source with a comma is
    a name in apposition, and one that ends in a name, are read from their
    start; a title after capitalised words only is a family name (Ms King),
    an unnamed head after them a body's name (The Scottish Executive), and
    after a possessive an office (Microsoft's chief financial officer).
    """
    stop = _name_class(modifiers, "not-name")
    employer = _name_class(modifiers, "employer")

    def inside_a_name(i: int) -> bool:
        # Department for Education and Skills: the word joins two capitalised words of one name, unless it
        # is where a person works (Paul Miller of Thames Valley Police: no head before it).
        if not (words[i - 1][:1].isupper() and words[i + 1:i + 2] and words[i + 1][:1].isupper()):
            return False
        return words[i].lower() not in employer or lexicon.lookup(words[i - 1]) is not None

    end = next((i for i, w in enumerate(words) if i and w.lower() in stop and not inside_a_name(i)), len(words))
    if any(w[:1].isupper() and lexicon.lookup(w) is None for w in (words[end - 1], words[-1])):
        return None  # a name ends it: Nationwide economist Alex Bannister
    for start in range(max(0, end - _HEAD_WORDS), end):
        entry = lexicon.lookup(" ".join(words[start:end]), clitics="وفل")
        if entry is None:
            continue
        kind = entry.data.get("kind", "named")
        if kind == "title":
            if all(w[:1].isupper() for w in words[:start]):
                return None  # the chief executive: read from the start; Ms King, Mr Bishop: a family name
            kind = "official"  # the prime minister, the attorney general: the office
        elif kind in ("anonymous", "vague") and start and all(w[:1].isupper() for w in words[:start + 1]):
            kind = "official"  # The Scottish Executive: a body's proper name, not "an executive"
        elif kind == "anonymous" and modifiers is not None and \
                any(w.endswith(tuple(_class_forms(modifiers, "possessor"))) for w in words[:start]):
            kind = "official"  # Microsoft's chief financial officer: one office of a named body
        return kind, True
    return None


def _body_before_its_name(words: list[str], lexicon: Lexicon, modifiers: Lexicon | None) -> tuple[str, bool] | None:
    """The kind of a body's head right before the capitalised name that ends the source: the name is the
    body's (Dutch firm Heineken, search giant Google, carrier Ryanair), not a person's (economist Alex
    Bannister; the source-modifiers' "person-ending" heads, Foreign Office spokesman Ian Smith; a
    "role-of" word before the head, an analyst at research firm Gartner)."""
    if modifiers is None:
        return None
    person_endings = tuple(_class_forms(modifiers, "person-ending"))
    role_of = _class_forms(modifiers, "role-of")
    start = len(words)
    while start > 1 and words[start - 1][:1].isupper() and lexicon.lookup(words[start - 1]) is None:
        start -= 1
    if start == len(words) or not words[start - 1][:1].islower():
        return None
    for n in range(min(_HEAD_WORDS, start), 0, -1):
        entry = lexicon.lookup(" ".join(words[start - n:start]))
        if entry is None:
            continue
        kind = entry.data.get("kind", "named")
        person = words[start - 1].lower().endswith(person_endings) or any(w.lower() in role_of for w in words[:start - n])
        return (kind, True) if kind in ("official", "media") and not person else None
    return None


def _names_after_head(words: list[str], lexicon: Lexicon) -> bool:
    """Whether a group's head opening the source is followed by names only: the words say who the group is."""
    found = _head_entry(words, lexicon)
    if found is None or len(words) <= found[1]:
        return False
    rest = words[found[1]:]
    return rest[0][:1].isupper() and all(w[:1].isupper() or w in ("and", "&") for w in rest)


def _head_entry(words: list[str], lexicon: Lexicon) -> tuple[Entry, int] | None:
    """The longest lexicon head at the start of ``words`` and its length in words, or None."""
    for n in range(min(_HEAD_WORDS, len(words)), 0, -1):
        entry = lexicon.lookup(" ".join(words[:n]), clitics="وفل")
        if entry is not None:
            return entry, n
    return None


def _head_kind(words: list[str], lexicon: Lexicon) -> tuple[str, bool] | None:
    """The kind the longest lexicon head at the start of ``words`` gives, or None."""
    found = _head_entry(words, lexicon)
    if found is None:
        return None
    entry, n = found
    kind = entry.data.get("kind", "named")
    if kind == "title":  # "الرئيس فلاديمير بوتين" is named, "الرئاسة" is not a title
        # A title in construct with words that all have the article (وزير الخارجية الأمريكي) is an
        # office; after a title with the article they may be a family name (العميد الصبيحي).
        named = len(words) > n and (words[n - 1].startswith(_DEFINITE)
                                    or any(not w.startswith(_DEFINITE) for w in words[n:]))
        return ("named" if named else "official"), True
    return kind, True


def _without_modifiers(words: list[str], modifiers: Lexicon) -> list[str]:
    """The words with a prefix of the first read as its lemma (للمصادر -> المصادر) and a leading modifier word dropped."""
    for form, lemma in _head_prefixes(modifiers):
        if words[0].startswith(form):
            words = [lemma + words[0][len(form):]] + words[1:]
            break
    while len(words) > 1:  # بعض المصادر، اثنان من كبار المسؤولين: the head comes after
        n = next((n for n in (2, 1) if len(words) > n and _is_word_modifier(modifiers, " ".join(words[:n]))), 0)
        if not n:
            break
        words = words[n:]
    return words


def _is_word_modifier(modifiers: Lexicon, phrase: str) -> bool:
    """Whether ``phrase`` is listed in the source-modifiers' "word" class (بعض، اثنان من، كبار)."""
    entry = modifiers.lookup(phrase)
    return entry is not None and entry.data.get("class") == "word"


def build_attributions(nt: NormalizedText, sentences: tuple[Sentence, ...], matches: Iterable[Match],
                       ruleset: Ruleset) -> list[Attribution]:
    """Attributions in text order, with their scope and speaker ids."""
    cues = ruleset.lexicon("cues")
    sources = ruleset.lexicon("sources")
    modifiers = ruleset.lexicon("source-modifiers")
    stops = _stops(modifiers)
    vocalised = _class_forms(cues, "passive-vocalised")
    other_words = _class_forms(cues, "spelled-other", unmarked=True)
    openers = _class_forms(cues, "clause-opener", folded=True)
    starts = [s.norm_start for s in sentences]
    matches = sorted(matches, key=lambda m: m.norm_start)
    speakers = SpeakerIndex(same=_anaphors(modifiers), prefixes=_head_prefixes(modifiers))
    bodies: dict[str, bool] = {}  # one-word source -> whether it is a body (_lone_name_is_a_body), per document
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
        cue = _span(nt, (cue_s, cue_e))
        assert cue is not None
        if other_words and strip_marks(_bare(cue.text)) in other_words:
            continue  # يُدعى رضوان: "is called", spelled with ى, not يدعي "claims"
        if entry is not None and entry.data.get("clause-initial") \
                and not _starts_clause(nt.text, cue_s, cue.text, openers):
            continue  # العلاقات بين الرئيسين: the preposition, not the verb بيّن
        if rule_kind == "carried" and _bare(cue.text) in vocalised:
            rule_kind = "passive"  # أُعلن written with its damma: nobody is named
        source_span = m.groups.get("source")
        # How many words the rule read as the source, before a stop trims it and up to an appositive
        # after a comma (sources.unheaded_words).
        read_words = len(nt.text[slice(*source_span)].split("،")[0].split()) if source_span is not None else 0
        if source_span is not None and stops.phrases:
            source_span = (source_span[0], source_end(nt, source_span, stops, sources))
        source = _span(nt, source_span)
        speaker: str | None = None
        antecedent: str | None = None
        carried = False
        if source is not None:
            folded = nt.text[slice(*source_span)]
            kind, by_head = _classify(folded, sources, modifiers)
            # classify_source, without classifying the head a second time.
            named = _named_in_apposition(kind, folded, sources, modifiers) if by_head else kind
            kind = m.params.get("source-kind") or named
            if kind == "named" and not by_head:
                body = bodies.get(source.text)
                if body is None:
                    body = bodies[source.text] = _lone_name_is_a_body(source.text, nt.text, sources, modifiers)
                if body:
                    kind = "official"  # Qantas said: a company, where the copy never gives the word a first name
            if m.params.get("needs-head") and not by_head:
                continue  # وفق الخطة: a guideline, not a source
            if sources.unheaded_words is not None and not by_head and read_words > sources.unheaded_words:
                continue  # أكد خلو جسدي السائحين ...: an object read on to a clause, not a source
            if m.params.get("yields") and (kind == "media" or _sentence_has_speaker(out, sent.index)):
                continue  # في تصريح لـ«الحياة»: the outlet; or the verb already named the speaker
            title = kind == "official" and _starts_with_title(folded, sources)
            speaker, kind = speakers.resolve(folded, kind, title=title)
        elif rule_kind == "passive":
            kind = m.params.get("source-kind") or "vague"
        else:
            window = int(m.params.get("window", DEFAULT_WINDOW))
            prev = _last_speaker(out, sent.index, window)
            if prev is None:
                continue
            # A surname alone ("Sturrock insisted") agrees as the fullest mention of its speaker
            # ("Plymouth boss Paul Sturrock") would.
            if not agrees(m.params, cue.text, prev.source.text if prev.source else "") and (
                    prev.speaker is None or not agrees(m.params, cue.text, speakers.fullest(prev.speaker))):
                continue
            prev = _named_since(out, prev, nt.original, cue.start, sent.index, modifiers) or prev
            one_word = m.params.get("one-word-kinds")
            if one_word and prev.source is not None and len(prev.source.text.split()) == 1 \
                    and prev.kind not in one_word:
                continue  # «Netcraft said ... he said»: a body named by one word is no «he»
            source, kind, speaker, carried = prev.source, prev.kind, prev.speaker, True
            antecedent = prev.antecedent or prev.id  # the attribution that named the speaker
        quote = _span(nt, m.groups.get("quote"))
        reach = "frame" if rule_kind == "frame" else ("quote" if quote is not None else "clause")
        if m.params.get("scope") == "none":
            reach = "speaker"  # وأشاد المدرب بـ ...: names who speaks next, covers no figure
        scope = _scope(m, i, matches, sent, rule_kind, source_span)
        lo = min(cue.start, source.start) if source is not None and not carried else cue.start
        hi = max(cue.end, source.end) if source is not None and not carried else cue.end
        out.append(Attribution(
            id=f"a{len(out) + 1}", start=lo, end=hi, kind=kind, source=source, cue=cue, lemma=lemma,
            stance=stance, rule=m.rule_id, sentence=sent.index, paragraph=sent.paragraph,
            scope_start=scope[0], scope_end=scope[1], speaker=speaker, quote=quote, carried=carried, reach=reach,
            relay=_span(nt, m.groups.get("relay")), direct=quote is not None, antecedent=antecedent,
            norm_quote=m.groups.get("quote"),
        ))
    return out


@dataclass(frozen=True)
class Stops:
    """What ends a source (the source-modifiers lexicon's "stop" and "keep" entries), folded."""

    phrases: dict[str, frozenset[str] | None]  # phrase -> its spellings, vowel marks dropped, when it must be spelled so
    keeps: frozenset[str]  # a word and a stop in which the stop belongs to the source (المشرف على)
    longest: int  # words in the longest phrase
    first: regex.Pattern[str] | None = None  # finds a phrase's first word after a space: most sources hold none


def _stops(modifiers: Lexicon) -> Stops:
    """The stops of a source-modifiers lexicon, built once per ruleset."""
    return per_lexicon(modifiers, "stops", lambda: _build_stops(modifiers))


def _build_stops(modifiers: Lexicon) -> Stops:
    """The "stop", "event" and "keep" entries of a source-modifiers lexicon, folded."""
    phrases: dict[str, set[str] | None] = {}
    keeps: set[str] = set()
    for entry in modifiers.entries:
        kind = entry.data.get("class")
        for form in entry.forms:
            key = fold_key(form)
            if kind == "keep":
                keeps.add(key)
            elif kind in ("stop", "event"):
                if not entry.data.get("spelled"):
                    phrases[key] = None
                elif phrases.get(key, set()) is not None:
                    phrases.setdefault(key, set()).add(" ".join(strip_marks(form).split()))  # type: ignore[union-attr]
    firsts = sorted({k.split()[0] for k in phrases}, key=lambda w: (-len(w), w))
    first = regex.compile(r"\s(?:" + "|".join(map(regex.escape, firsts)) + r")(?!\w)") if firsts else None
    return Stops({k: (frozenset(v) if v is not None else None) for k, v in phrases.items()}, frozenset(keeps),
                 max((len(k.split()) for k in phrases), default=0), first)


def source_end(nt: NormalizedText, span: tuple[int, int], stops: Stops, titles: Lexicon | None = None) -> int:
    """Where the source at the normalised ``span`` ends: before the first stop after its first word.

    A ``spelled`` stop counts only where the original text spells it as one of
    its forms (على ends «أكد الأمين العام على ضرورة», the name علي does not
    end «قال الوزير علي الحسن», though both fold the same); a stop that forms
    a ``keep`` phrase with the one or two words before it («المشرف العام على
    المنتخب») does not, nor one right after a title of the ``titles`` lexicon
    (the sources lexicon: الدكتور على, a name in Egyptian spelling).
    """
    text = nt.text
    if stops.first is None or stops.first.search(text, span[0], span[1]) is None:
        return span[1]
    words = [m.span() for m in _WORD.finditer(text, span[0], span[1])]
    for j in range(1, len(words)):
        for n in range(min(stops.longest, len(words) - j), 0, -1):
            phrase = " ".join(text[a:b] for a, b in words[j:j + n])
            if phrase not in stops.phrases:
                continue
            spellings = stops.phrases[phrase]
            if spellings is not None and " ".join(strip_marks(nt.original_text(a, b)) for a, b in words[j:j + n]) not in spellings:
                continue
            if any(" ".join(text[a:b] for a, b in words[k:j + 1]) in stops.keeps for k in range(max(0, j - 2), j)):
                continue
            if titles is not None and _is_title(text[slice(*words[j - 1])], titles):
                continue  # الدكتور على أبو الريش: the name, spelled as the preposition
            end = words[j - 1][1]
            while end > words[j - 1][0] + 1 and text[end - 1] in "،,":
                end -= 1
            return end
    return span[1]


def _starts_clause(text: str, at: int, written: str, openers: frozenset[str]) -> bool:
    """Whether a cue at ``at`` (normalised ``text``; ``written``: as the copy spells it) starts a clause.

    A cue written with its vowels (بيّن) is the verb wherever it stands.
    Otherwise a clause starts after nothing, after punctuation, after a
    glued و or ف, or after an opener (كما، فيما: the cues lexicon's
    "clause-opener" forms).
    """
    if VOWEL_MARKS.search(written) or written[:1] in "وف" and len(written) > 3:
        return True
    j = at
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or not text[j - 1].isalnum():
        return True
    k = j
    while k > 0 and text[k - 1].isalnum():
        k -= 1
    word = text[k:j]
    return word in ("و", "ف") or word in openers


def _class_forms(lexicon: Lexicon, cls: str, unmarked: bool = False, folded: bool = False) -> frozenset[str]:
    """The bare forms (``_bare``) of the entries of class ``cls``; ``unmarked``: without tashkeel;
    ``folded``: as the normalised text spells them (compared with it, not with the copy).

    "passive-vocalised": the cues written with their vowels (أُعلن), a passive.
    "spelled-other": forms another word folds into (يُدعى "is called" folds to
    يدعي "claims"); they are compared without their vowels, however the
    lexicon writes them.
    """
    def build() -> frozenset[str]:
        forms = (f for e in lexicon.entries if e.data.get("class") == cls for f in e.forms)
        if folded:
            return frozenset(fold(f) for f in forms)
        return frozenset(strip_marks(_bare(f)) if unmarked else _bare(f) for f in forms)

    return per_lexicon(lexicon, f"{cls}/{unmarked}/{folded}", build)


def _scope(m: Match, i: int, matches: list[Match], sent: Sentence, rule_kind: str,
           source: tuple[int, int] | None) -> tuple[int, int]:
    """The normalised span whose figures the attribution covers (``source``: the source's span, trimmed)."""
    if rule_kind == "frame" or m.params.get("scope") == "sentence":
        return sent.norm_start, sent.norm_end  # بحسب X; Sales rose 5%, the firm said.
    after = max(m.groups["cue"][1], source[1] if source is not None else 0)
    if m.params.get("scope") == "none":
        return after, after  # دعا الوزير إلى ...: a speaker for what follows, no claim of its own
    if "quote" in m.groups:
        after = min(after, m.groups["quote"][0])
    end = sent.norm_end
    for nxt in matches[i + 1:]:
        if nxt.norm_start >= sent.norm_end:
            break
        if nxt.params.get("kind", "verb") != "frame" and nxt.norm_start >= after:
            end = nxt.norm_start
            break
    if "quote" in m.groups:
        end = max(end, m.groups["quote"][1])
    return after, end


# The agreement patterns read a cue or a source, a few words: a pattern that backtracks without
# end on them is a broken rule, stopped here rather than left to hang the run.
_AGREEMENT_TIMEOUT = 0.1


def agrees(params: dict, cue: str, source: str) -> bool:
    """Whether a carried ``cue`` may go on from a last speaker named ``source``.

    Each pair of a rule's ``agree`` list (its ``plural-cue`` and
    ``plural-source`` are one more, ruleset.py) says: a cue its ``cue`` finds
    goes on only from a source its ``source`` finds. One person does not
    become «قالوا»; «قالت» does not go on from «وزير النقل». Both read the
    folded text. A rule without pairs agrees with every source.
    """
    folded_cue, folded_source = fold(cue), None
    for pair in params.get("agree", ()):
        if agreement_pattern(pair["cue"]).search(folded_cue, timeout=_AGREEMENT_TIMEOUT) is None:
            continue
        if folded_source is None:
            folded_source = fold(source)
        if agreement_pattern(pair["source"]).search(folded_source, timeout=_AGREEMENT_TIMEOUT) is None:
            return False
    return True


def _span(nt: NormalizedText, span: tuple[int, int] | None) -> Span | None:
    if span is None:
        return None
    s, e = nt.to_original(*span)
    return Span(s, e, nt.original[s:e])


def _is_title(word: str, sources: Lexicon) -> bool:
    entry = sources.lookup(word, clitics="وفل")
    return entry is not None and entry.data.get("kind") == "title"


def _bare(surface: str) -> str:
    """A cue as written, without و/ف and tatweel, tashkeel kept (أُعلن)."""
    s = surface.replace("\u0640", "")
    if s[:1] in "وف" and len(s) > 3:
        s = s[1:]
    return s


def _sentence_has_speaker(found: list[Attribution], sentence: int) -> bool:
    return any(a.sentence == sentence and a.source is not None and a.reach != "frame" for a in found)


# A name that opens a clause, as its subject (... but McIlroy is unfazed; And McIlroy, whose time ...),
# not one the clause speaks of (said Charles was one of his heroes); {skip}: the source-modifiers'
# "not-name" words capitalised (For BT Retail, she said), {name}: the last word of the speaker's name,
# after up to three capitalised words (a courtesy title, its full stop, first names: Mr. John Reid).
_SUBJECT_NAME = (r"(?:^|[.!?][\"”’]?\s+|(?<![\w\-])(?:but|and|while|But|And|While)\s+)(?!(?:{skip})\s)"
                 r"(?:[A-Z][\w\x27’\-]+\.?\s+){{0,3}}{name}(?![\w\x27’\-])")


def _subject_name_skip(modifiers: Lexicon) -> str:
    """The "not-name" words, capitalised, as one alternation (built once per lexicon)."""
    return per_lexicon(modifiers, "subject-name-skip", lambda: "|".join(
        regex.escape(w[:1].upper() + w[1:]) for w in sorted(_name_class(modifiers, "not-name"), key=lambda w: (-len(w), w))
        if w[:1].isalpha()) or "(?!)")


def _named_since(found: list[Attribution], prev: Attribution, original: str, cue_start: int,
                 sentence: int, modifiers: Lexicon) -> Attribution | None:
    """Another person who spoke before ``prev`` and whose last name opens a clause again after it, the
    latest so named: he goes on (Bogdanov said ... but McIlroy is unfazed. He admitted: ...).

    Only between people (``prev`` named, the other named), within the last ``_NAMED_BACK`` sentences.
    """
    if prev.kind != "named" or prev.source is None:
        return None
    gap = original[prev.end:cue_start]
    best: tuple[int, Attribution] | None = None
    seen: set[str | None] = {prev.speaker}
    for a in reversed(found):
        if sentence - a.sentence > _NAMED_BACK:
            break
        if a.kind != "named" or a.source is None or a.carried or a.speaker in seen:
            continue
        seen.add(a.speaker)
        words = a.source.text.split()
        last = words[-1] if words else ""
        if len(last) < 3 or not last[:1].isupper() or last.isupper():
            continue  # DEC, ABC: a body's initials, however the source was classed
        pattern = _SUBJECT_NAME.format(skip=_subject_name_skip(modifiers), name=regex.escape(last))
        at = max((mo.end() for mo in regex.finditer(pattern, gap)
                  if not _inside_quotation(original, prev.end + mo.end())), default=-1)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, a)
    return best[1] if best else None


def _inside_quotation(original: str, at: int) -> bool:
    """Whether ``at`` lies inside a quotation: the last quotation mark before it in its paragraph opens
    one (a space or a colon before it, a word after it). A quotation that runs on over paragraphs
    opens each of them again, and so need not close where a paragraph ends."""
    start = original.rfind("\n", 0, at) + 1
    mark = max(original.rfind(q, start, at) for q in '"“”')
    if mark < 0 or original[mark] == "”":
        return False
    before = original[mark - 1] if mark > start else " "
    after = original[mark + 1] if mark + 1 < len(original) else " "
    return (before.isspace() or before in ":(—–-") and not after.isspace()


def _last_speaker(found: list[Attribution], sentence: int, window: int) -> Attribution | None:
    """The most recent attribution with a source, no more than ``window`` sentences back.

    Every line of news copy is its own paragraph, so the look-back crosses
    paragraphs; framing phrases (بحسب X) are not speakers who go on talking.
    """
    for a in reversed(found):
        if sentence - a.sentence > window:
            return None
        if a.source is not None and a.reach != "frame":
            return a
    return None
