"""spans.filter_ranges keeps exactly what spacy.util.filter_spans keeps."""
from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span
from spacy.util import filter_spans

from argmap.pipeline.spans import doc_text, filter_ranges, sentence_ends, with_text

_RANGES = st.lists(st.tuples(st.integers(0, 15), st.integers(1, 5), st.sampled_from(["A", "B"])), max_size=12)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_RANGES)
def test_filter_ranges_is_filter_spans(raw) -> None:
    doc = spacy.blank("en").make_doc(" ".join(["w"] * 20))
    ranges = [(s, s + n, label) for s, n, label in raw]
    spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in ranges])
    assert filter_ranges(ranges) == [(s.start, s.end, s.label_) for s in spans]


def test_sentence_ends_agree_with_token_sent() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("One two. Three four five! Six? Seven")
    assert sentence_ends(doc) == [t.sent.end for t in doc]


def test_doc_text_is_the_text_the_doc_was_made_from() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Seoul  said\tno.")
    assert doc_text(doc) == doc.text == "Seoul  said\tno."
    made = with_text(nlp.make_doc("Beijing agreed."), "Beijing agreed.")
    assert doc_text(made) == "Beijing agreed."
