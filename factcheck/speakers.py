"""Speaker ids: one id per person or body, however the copy names it later.

A later mention gets an earlier speaker's id when
* it is the same words (folded, quotes and spacing ignored);
* for a person or a body, one mention opens or closes the other
  ("شمخاني" and "أمين سر المجلس الأعلى للأمن القومي الإيراني" in
  "أمين سر المجلس الأعلى ... علي شمخاني"; not «المرصد» in the middle of
  «مدير المرصد رامي عبد الرحمن»);
* it is a definite head alone, "الصحيفة" or "المصدر", and an earlier
  mention starts with that head ("صحيفة «الوطن»", "مصدر أمني");
* it says it is the same source ("المصدر نفسه", "ذات المصدر": the
  source-modifiers words marked ``anaphor``): the most recent speaker
  whose mention starts with its head, or else, for an anonymous head
  alone ("the source"), the most recent speaker.
The most recent matching speaker wins. Anonymous and vague sources are
merged only through the definite-head rule: two "مصادر" (or two officials
who asked not to be named) are not one source, but "المصدر" after "مصدر
أمني" is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

_QUOTES = str.maketrans({c: " " for c in "«»\"“”()"})
# Kinds that name one identifiable person or body.
_IDENTIFIED = {"named", "official", "media"}


def mention_words(text: str) -> tuple[str, ...]:
    """The words of a (folded) source mention, quotes and commas dropped."""
    return tuple(text.translate(_QUOTES).replace("،", " ").replace(",", " ").split())


@dataclass
class _Speaker:
    id: str
    kind: str
    mentions: list[tuple[str, ...]] = field(default_factory=list)
    named: list[tuple[str, ...]] = field(default_factory=list)  # mentions that named the person
    office: bool = False  # first named by a title alone (وزير النقل): the office is the person


class SpeakerIndex:
    """Hands out speaker ids in text order, merging mentions of the same source."""

    def __init__(self, same: frozenset[str] = frozenset(), prefixes: tuple[tuple[str, str], ...] = ()) -> None:
        """``same``: words that make a mention the source named before (نفس، نفسه); ``prefixes``:
        (prefix, what it stands for) of a head's first word (للمصدر is ل + المصدر)."""
        self._speakers: list[_Speaker] = []
        self._recent: list[_Speaker] = []  # most recent last
        self._same = same
        self._prefixes = prefixes

    def resolve(self, folded: str, kind: str, title: bool = False) -> tuple[str, str]:
        """(speaker id, kind) for a new mention; the kind of a known speaker wins, unless the
        mention is longer than every earlier one and names a person where the speaker was an office.

        ``title``: the mention is a title with no name (وزير النقل); once a
        fuller mention names its holder, the speaker is that person.
        """
        words = mention_words(folded)
        found = None
        same = self._same
        # At most a head, a word that qualifies it and the same-word: "المصدر الأمني نفسه", not
        # "ديفيد مارتن في القناة ذاتها" (the same channel).
        if 1 < len(words) <= 3 and (words[0] in same or words[-1] in same):
            words = words[1:] if words[0] in same else words[:-1]
            found = self._find_same(words, latest=kind == "anonymous" and len(words) == 1)
        if found is None:
            found = self._find(words, kind)
        if found is None:
            found = _Speaker(f"s{len(self._speakers) + 1}", kind, office=title)
            self._speakers.append(found)
        fuller = len(words) > max(map(len, found.mentions), default=0)
        # A fuller mention that names the person («Icstis spokesman Rob Dwight» after «Icstis») is named,
        # and so is a later part of such a mention («لافروف» after «وزير الخارجية الروسي سيرغي لافروف»).
        named_now = kind == "named" and found.kind == "official" and (
            fuller or any(m == words or _at_edge_of(words, m) for m in found.named))
        if named_now:
            found.named.append(words)
            if found.office:
                found.kind = "named"  # وزير النقل ... وزير النقل البحري، سليم الحدّاد ... الوزير
        found.mentions.append(words)
        if found in self._recent:
            self._recent.remove(found)
        self._recent.append(found)
        return found.id, ("named" if named_now else found.kind)

    def fullest(self, speaker_id: str) -> str:
        """The longest mention of a speaker, its words joined by spaces ("" for an unknown id)."""
        for sp in self._speakers:
            if sp.id == speaker_id:
                return " ".join(max(sp.mentions, key=len, default=()))
        return ""

    def _find_same(self, words: tuple[str, ...], latest: bool) -> _Speaker | None:
        """The speaker "the same source" points back to: the latest one named with its head, else
        (``latest``: an anonymous head alone, "the source") the latest speaker."""
        head = next((lemma + words[0][len(p):] for p, lemma in self._prefixes if words[0].startswith(p)), words[0])
        found = self._latest_with_head(head)
        if found is None and latest and self._recent:
            return self._recent[-1]
        return found

    def _latest_with_head(self, word: str) -> _Speaker | None:
        """The latest speaker a mention of which opens with ``word``, or with it bare of its article."""
        bare = word[2:] if word.startswith("ال") and len(word) > 3 else word
        for sp in reversed(self._recent):
            if any(m[0] in (bare, word) for m in sp.mentions):
                return sp
        return None

    def _find(self, words: tuple[str, ...], kind: str) -> _Speaker | None:
        if not words:
            return None
        if kind in _IDENTIFIED or kind == "document":
            for sp in reversed(self._recent):
                if any(m == words for m in sp.mentions):
                    return sp
            for sp in reversed(self._recent):
                if not _compatible(sp.kind, kind):
                    continue
                if any(_at_edge_of(words, m) or _at_edge_of(m, words) for m in sp.mentions):
                    return sp
        if len(words) == 1 and words[0].startswith("ال") and len(words[0]) > 3:
            return self._latest_with_head(words[0])
        return None


def _compatible(a: str, b: str) -> bool:
    # A title alone reads as official ("الوزير"); it may still be the named minister.
    if a == b:
        return True
    return {a, b} <= {"named", "official"}


def _at_edge_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` opens or closes ``long`` (and is shorter): its title or its name.

    A run in the middle is something the person's title names, not the person:
    «المرصد» in «مدير المرصد رامي عبد الرحمن» is the body he runs.
    """
    n = len(short)
    if n >= len(long):
        return False
    return long[:n] == short or long[-n:] == short
