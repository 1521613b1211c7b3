"""Inflected forms of cue lemmas, so a blank pipeline (no lemmatizer) matches argue/argues/argued/arguing."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

_VOWELS = set("aeiou")


def regular_forms(word: str) -> set[str]:
    """Regular verb and noun inflections of one lower-case word (over-generation is harmless)."""
    w = word.lower()
    forms = {w}
    if not w.isalpha() or len(w) < 2:
        return forms
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # stop -> stopped; refer -> referred
    return forms


class Inflector:
    """Expands lemmas to surface forms using regular rules plus a table of irregular forms."""

    def __init__(self, irregular: Mapping[str, Iterable[str]]) -> None:
        self._irregular = {k.lower(): {f.lower() for f in v} for k, v in irregular.items()}

    def forms(self, lemma: str) -> list[str]:
        """All forms of a lemma; for multi-word lemmas ('lay out'), only the first word inflects."""
        words = lemma.lower().split()
        if not words:
            return []
        head = regular_forms(words[0]) | self._irregular.get(words[0], set())
        tail = " ".join(words[1:])
        return sorted(f"{h} {tail}".strip() for h in head)

    def token_forms(self, lemmas: Iterable[str]) -> list[str]:
        """Forms of single-word lemmas, for a token attribute `LOWER IN [...]`."""
        out: set[str] = set()
        for lemma in lemmas:
            out.update(self.forms(lemma))
        return sorted(out)
