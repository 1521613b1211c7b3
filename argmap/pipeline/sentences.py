"""SentenceFixer: an opening quote after a sentence end begins the next sentence (the sentencizer
attaches it to the previous one). Only quote characters are visited, found by a regex on the text."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from argmap.pipeline.spans import doc_text

_QUOTE = re.compile(r"[\"“‘]")
_ENDS = {".", "!", "?", "…"}


class SentenceFixer:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if not doc.has_annotation("SENT_START"):
            return doc
        for m in _QUOTE.finditer(text):
            i = m.start()
            span = doc.char_span(i, i + 1)
            if span is None or span.start == 0 or span.end >= len(doc):
                continue
            tok = span[0]
            opening = tok.text in ("“", "‘") or (tok.whitespace_ == "" and (i == 0 or text[i - 1].isspace()))
            if opening and doc[tok.i - 1].text in _ENDS:
                tok.is_sent_start = True
                doc[tok.i + 1].is_sent_start = False
        return doc


@Language.factory("argmap_sentences")
def make_sentence_fixer(nlp: Language, name: str) -> SentenceFixer:
    return SentenceFixer()
