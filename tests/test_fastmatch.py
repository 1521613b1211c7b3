"""fastmatch.AnchoredMatcher finds exactly what one spaCy Matcher with the same patterns finds."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from argmap.documents import parse_document, segments
from argmap.pipeline.fastmatch import AnchoredMatcher, anchors, max_length, word_anchored

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


# Random patterns over a small vocabulary, every operator, checked against spaCy's Matcher on random
# texts (with sentence starts and entity types set): TokenPattern must give spaCy's exact matches.
_WORDS = ["china", "China", "said", "not", "the", "Kim", ",", ".", "ties", "warm"]
_OPS = [None, "?", "*", "+", "!", "{0,3}", "{2}", "{1,2}", "{,2}"]


def _spec(draw_word, draw_kind, draw_op):
    kind = draw_kind
    spec: dict = {}
    if kind == "lower":
        spec["LOWER"] = draw_word.lower()
    elif kind == "orth_in":
        spec["ORTH"] = {"IN": [draw_word, "ties"]}
    elif kind == "not_in":
        spec["LOWER"] = {"NOT_IN": [draw_word.lower()]}
    elif kind == "title":
        spec["IS_TITLE"] = True
    elif kind == "punct":
        spec["IS_PUNCT"] = False
    elif kind == "sent":
        spec["IS_SENT_START"] = False
    elif kind == "ent":
        spec["ENT_TYPE"] = {"IN": ["STATE"]}
    if draw_op is not None:
        spec["OP"] = draw_op
    return spec


_SPECS = st.builds(_spec, st.sampled_from(_WORDS), st.sampled_from(["lower", "orth_in", "not_in", "title", "punct", "sent", "ent"]),
                   st.sampled_from(_OPS))


@settings(max_examples=150, derandomize=True, deadline=None)
@given(patterns=st.lists(st.lists(_SPECS, min_size=1, max_size=5), min_size=1, max_size=4),
       words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25), greedy=st.sampled_from([None, "LONGEST", "FIRST"]))
def test_random_patterns_same_as_spacy(patterns, words, greedy) -> None:
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    doc = nlp.make_doc(" ".join(words))
    for i, tok in enumerate(doc):
        tok.is_sent_start = i == 0 or doc[i - 1].text == "."
    doc.ents = [Span(doc, t.i, t.i + 1, label="STATE") for t in doc if t.text == "China"]
    plain, fast = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    usable = [p for p in patterns if not all(s.get("OP") in ("?", "*", "{0,3}", "{,2}") for s in p)]
    if not usable:
        return
    plain.add("K", usable, greedy=greedy)
    fast.add("K", usable, greedy=greedy)
    assert sorted(fast(doc)) == sorted(plain(doc))


_KINDS = ["lower", "orth_in", "not_in", "title", "punct", "sent", "ent"]
_TEXTS = ["not China said , the Kim ties . warm China warm", "China", "said not said . Kim Kim Kim said the",
          "the ties , not warm . China said ties warm warm warm"]


@pytest.mark.parametrize("op", _OPS)
def test_every_operator_around_an_anchor(op) -> None:
    """Each operator, with each kind of token test, before and after an exactly-once anchor (TokenPattern's split)."""
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    plain, fast = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    n = 0
    for kind in _KINDS:
        for word in ("not", "Kim", "warm"):
            other = _spec(word, kind, op)
            for pattern in ([other, {"LOWER": "said"}], [{"LOWER": "china"}, other], [other, {"LOWER": "ties"}, other]):
                plain.add(f"P{n}", [pattern])
                fast.add(f"P{n}", [pattern])
                n += 1
    assert sum(u.pattern is not None for u in fast._units) == n  # all checked by TokenPattern, none by spaCy
    for text in _TEXTS:
        doc = nlp.make_doc(text)
        for i, tok in enumerate(doc):
            tok.is_sent_start = i == 0 or doc[i - 1].text == "."
        doc.ents = [Span(doc, t.i, t.i + 1, label="STATE") for t in doc if t.text == "China"]
        assert sorted(fast(doc)) == sorted(plain(doc)), text


def test_word_anchored() -> None:
    assert word_anchored([{"IS_TITLE": True, "OP": "?"}, {"LOWER": {"IN": ["said", "says"]}}])
    assert not word_anchored([{"IS_TITLE": True}, {"LOWER": "said", "OP": "+"}])  # the word may repeat
    assert not word_anchored([{"LOWER": "said", "LENGTH": 4}])  # LENGTH needs spaCy's Matcher
    assert not word_anchored([{"IS_TITLE": True}, {"IS_TITLE": True}])
