"""Reading documents: front matter, body offsets, segments."""
from __future__ import annotations

from argmap.documents import parse_document, segments


def test_front_matter_fields_and_extra_keys() -> None:
    doc = parse_document("---\ntitle: T\ndate: 2015-05\nvolume: 15\n---\nBody.\n", "x/a.md")
    assert (doc.id, doc.title, doc.date, doc.metadata) == ("a", "T", "2015-05", {"volume": 15})
    assert doc.body == "Body.\n" and doc.year() == 2015


def test_segments_keep_body_offsets() -> None:
    doc = parse_document("---\ntitle: T\n---\nFirst line.\n\n  Second para here.\r\nThird.", "a.md")
    for seg in segments(doc):
        assert doc.body[seg.offset:seg.offset + len(seg.text)] == seg.text
    assert [s.text for s in segments(doc)] == ["First line.", "Second para here.", "Third."]


def test_very_long_lines_are_cut_at_sentence_ends() -> None:
    body = "A sentence that goes on. " * 5000
    doc = parse_document(body, "a.md")
    segs = list(segments(doc))
    assert len(segs) > 1
    assert "".join(s.text for s in segs) == body.strip()
    for seg in segs:
        assert doc.body[seg.offset:seg.offset + len(seg.text)] == seg.text


def test_opening_quote_starts_the_next_sentence(nlp) -> None:
    doc = nlp('Profits rose 12 percent. "We are pleased," she said. He left. “Fine,” they said.')
    assert [s.text for s in doc.sents] == ["Profits rose 12 percent.", '"We are pleased," she said.', "He left.", "“Fine,” they said."]


def test_abbreviations_do_not_split_sentences(nlp) -> None:
    doc = nlp("Gen. Wang met U.S. officials in Dec. 2014 and Mr. Smith in Jan. 2015. Then he left.")
    assert [s.text for s in doc.sents] == ["Gen. Wang met U.S. officials in Dec. 2014 and Mr. Smith in Jan. 2015.", "Then he left."]
