"""Span-group names and per-span metadata stored in `doc.user_data` (survives Doc serialisation)."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

ACTORS = "argmap_actors"
CITATIONS = "argmap_citations"
ATTRIBUTIONS = "argmap_attributions"
FRAMES = "argmap_frames"
MENTIONS = "argmap_mentions"
_TEXT = "argmap|text"


def doc_text(doc: Doc) -> str:
    """The Doc's text: kept in user_data by `with_text`, since `Doc.text` rebuilds it token by token."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def with_text(doc: Doc, text: str) -> Doc:
    """Record the text `doc` was made from (see doc_text)."""
    doc.user_data[_TEXT] = text
    return doc


def _key(group: str, span: Span) -> str:
    return f"argmap|{group}|{span.start}|{span.end}|{span.label_}"


def set_meta(doc: Doc, group: str, span: Span, meta: dict[str, Any]) -> None:
    doc.user_data[_key(group, span)] = meta


def meta(group: str, span: Span) -> dict[str, Any]:
    return span.doc.user_data.get(_key(group, span), {})


def inside(span: Span, spans: list[Span]) -> bool:
    """Whether `span` lies within any of `spans`."""
    return any(s.start <= span.start and span.end <= s.end for s in spans)


def filter_ranges(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """spacy.util.filter_spans on (start, end, label) triples: longest first, then earliest; sorted by start."""
    taken: set[int] = set()
    out = []
    for r in sorted(ranges, key=lambda r: (r[1] - r[0], -r[0]), reverse=True):
        if r[0] not in taken and r[1] - 1 not in taken:
            out.append(r)
            taken.update(range(r[0], r[1]))
    return sorted(out, key=lambda r: r[0])


def sentence_ends(doc: Doc) -> list[int]:
    """For each token, the end of its sentence (as Token.sent gives it), from one read of SENT_START."""
    starts = doc.to_array("SENT_START").tolist() if len(doc) else []
    ends = [0] * len(doc)
    end = len(doc)
    for i in range(len(doc) - 1, -1, -1):
        ends[i] = end
        if starts[i] == 1:
            end = i
    return ends
