"""fastmatch.AnchoredMatcher finds exactly what one spaCy Matcher with the same patterns finds."""
from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from argmap.documents import parse_document, segments
from argmap.pipeline.fastmatch import AnchoredMatcher, anchors, max_length

from conftest import CORPUS


def _texts(pack) -> list[str]:
    texts = [s.text for p in sorted(CORPUS.glob("*.md")) for s in segments(parse_document(p.read_text(), str(p)))]
    for rule in [*pack.frames, *pack.attribution.cues]:
        for ex in [*rule.examples, *rule.counter_examples]:
            texts.append(ex if isinstance(ex, str) else ex.text)
    return texts


def _rule_patterns(pack) -> dict[str, list[list[dict]]]:
    compiler = pack.compiler()
    out: dict[str, list[list[dict]]] = {}
    for rule in pack.frames:
        if rule.patterns:
            out[rule.id] = [compiler.compile(p) for p in rule.patterns]
    for cue in pack.attribution.cues:
        pats = [compiler.compile(p) for p in cue.patterns]
        for lemma in cue.lemmas:
            words = lemma.split()
            pats.append([{"LOWER": {"IN": pack.inflector.token_forms([words[0]])}}, *({"LOWER": w.lower()} for w in words[1:])])
        if pats:
            out[cue.id] = pats
    return out


SYNTHETIC = {
    "opt_tail": [[{"LOWER": "the"}, {"IS_TITLE": True, "OP": "?"}, {"IS_TITLE": True, "OP": "?"}]],
    "gap": [[{"LOWER": {"IN": ["china", "russia"]}}, {"IS_SENT_START": False, "OP": "{0,6}"}, {"LOWER": {"IN": ["said", "says"]}}]],
    "plus": [[{"IS_TITLE": True, "OP": "+"}, {"LOWER": "said"}]],
    "star_first": [[{"IS_PUNCT": True, "OP": "*"}, {"ORTH": "North"}, {"ORTH": "Korea"}]],
    "negated": [[{"LOWER": "not", "OP": "!"}, {"LOWER": {"IN": ["clear", "certain"]}}]],
    "no_anchor": [[{"IS_TITLE": True}, {"IS_TITLE": True}]],
    "fixed": [[{"LOWER": "of"}, {"IS_ALPHA": True, "OP": "{2}"}]],
}


@pytest.mark.parametrize("greedy", [None, "LONGEST", "FIRST"])
def test_same_matches_as_spacy(nlp, pack, greedy) -> None:
    plain, fast = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    for key, patterns in {**_rule_patterns(pack), **SYNTHETIC}.items():
        plain.add(key, patterns, greedy=greedy)
        fast.add(key, patterns, greedy=greedy)
    docs = list(nlp.pipe(_texts(pack)))
    assert len(docs) > 100
    for doc in docs:
        assert sorted(fast(doc)) == sorted(plain(doc)), doc.text


def test_anchors_and_reach(nlp) -> None:
    pattern = [{"LOWER": {"IN": ["a", "b"]}, "OP": "?"}, {"ORTH": "X"}, {"IS_SENT_START": False, "OP": "{0,4}"}, {"TEXT": {"IN": ["y"]}}]
    assert [len(words) for _, words in anchors(pattern)] == [1, 1]
    assert max_length(pattern) == 7
    assert max_length([{"LOWER": "a", "OP": "+"}]) is None
    assert anchors([{"IS_TITLE": True}]) == []
    assert AnchoredMatcher(nlp.vocab)(nlp.make_doc("")) == []
