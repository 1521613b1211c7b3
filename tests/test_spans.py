"""spans.filter_ranges keeps exactly what spacy.util.filter_spans keeps."""
from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span
from spacy.util import filter_spans

from argmap.pipeline.spans import filter_ranges

_RANGES = st.lists(st.tuples(st.integers(0, 15), st.integers(1, 5), st.sampled_from(["A", "B"])), max_size=12)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_RANGES)
def test_filter_ranges_is_filter_spans(raw) -> None:
    doc = spacy.blank("en").make_doc(" ".join(["w"] * 20))
    ranges = [(s, s + n, label) for s, n, label in raw]
    spans = filter_spans([Span(doc, s, e, label=label) for s, e, label in ranges])
    assert filter_ranges(ranges) == [(s.start, s.end, s.label_) for s in spans]
