"""AnchoredMatcher: a spaCy Matcher that only runs on sentences containing one of its patterns' words.

spaCy's Matcher tests every pattern's first-token predicates at every token; with many `IN` sets that
dominates the pipeline. Most rule patterns have a required token with literal words (an anchor), so a
PhraseMatcher (hash lookups) finds the few sentences where a pattern can match, and the Matcher runs
only there. Patterns without an anchor run on the whole document as usual.
"""
from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_OPTIONAL = {"?", "*"}


def anchor_words(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Lower-cased words of the first required token that names literal words, or None."""
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in _OPTIONAL or op.startswith("{0") or op.startswith("{,"):
            continue
        for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
            value = spec.get(attr)
            if isinstance(value, str):
                return {value.lower()}
            if isinstance(value, dict) and set(value) == {"IN"} and value["IN"]:
                return {str(v).lower() for v in value["IN"]}
    return None


class AnchoredMatcher:
    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.anchored = Matcher(vocab)
        self.everywhere = Matcher(vocab)
        self.anchors = PhraseMatcher(vocab, attr="LOWER")
        self._words: set[str] = set()
        self._has_everywhere = False

    def add(self, key: str, patterns: list[list[dict[str, Any]]], greedy: str | None = None) -> None:
        anchored, everywhere = [], []
        for pattern in patterns:
            words = anchor_words(pattern)
            if words is None:
                everywhere.append(pattern)
            else:
                anchored.append(pattern)
                new = sorted(w for w in words - self._words if w and " " not in w)
                self._words.update(new)
                if new:
                    self.anchors.add("ANCHOR", [Doc(self.vocab, words=[w]) for w in new])
        if anchored:
            self.anchored.add(key, anchored, greedy=greedy)
        if everywhere:
            self.everywhere.add(key, everywhere, greedy=greedy)
            self._has_everywhere = True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches: list[tuple[int, int, int]] = []
        if self._has_everywhere:
            matches += self.everywhere(doc)
        hits = self.anchors(doc)
        if not hits:
            return matches
        if doc.has_annotation("SENT_START"):
            spans = {}
            for _, start, _end in hits:
                sent = doc[start].sent
                spans[sent.start] = sent
            regions = [spans[k] for k in sorted(spans)]
        else:
            regions = [doc[:]]
        for region in regions:
            matches += [(m, s + region.start, e + region.start) for m, s, e in self.anchored(region)]
        return matches
