"""CitationFinder: parenthetical references "(Outlet, Month Day, Year)" and note markers "[1]"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import CITATIONS, doc_text, set_meta
from argmap.rules.schema import CitationsFile

_PAREN = re.compile(r"\(([^()\n]{2,400})\)")
_NOTE = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class ParsedCitation:
    outlet: str
    year: int | None
    month: int | None
    day: int | None
    accessed: bool
    raw: str


class CitationParser:
    """Parses the inside of one parenthesis into zero or more citations."""

    def __init__(self, rules: CitationsFile) -> None:
        self.months = {k.lower(): v for k, v in rules.months.items()}
        self.not_outlets = {w.lower() for w in rules.not_outlets}
        names = "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True))
        self._date = re.compile(
            rf"(?:(?P<m1>{names})\s+(?P<d1>\d{{1,2}})(?:,?\s*(?P<y1>\d{{4}}))?"
            rf"|(?P<m2>{names})\s+(?P<y2>\d{{4}})|(?P<y3>(?:1[89]|20)\d{{2}}))\s*$",
            re.IGNORECASE,
        )
        prefixes = sorted(rules.prefixes, key=len, reverse=True)
        self._prefix = re.compile(r"^(?:" + "|".join(re.escape(p) for p in prefixes) + r")\s+", re.IGNORECASE) if prefixes else None
        accessed = sorted(rules.accessed_words, key=len, reverse=True)
        self._accessed = re.compile(r"(?:,\s*)?\b(?:" + "|".join(re.escape(a) for a in accessed) + r")\s*$", re.IGNORECASE) if accessed else None

    def parse(self, inner: str) -> list[ParsedCitation]:
        out: list[ParsedCitation] = []
        outlet = ""
        for entry in inner.split(";"):
            text = re.sub(r"^\s*(?:and|&)\s+", "", entry.strip())
            if self._prefix:
                text = self._prefix.sub("", text)
            m = self._date.search(text)
            if not m:
                continue
            head = text[: m.start()].rstrip(" ,")
            accessed = False
            if self._accessed and self._accessed.search(head):
                accessed = True
                head = self._accessed.sub("", head).rstrip(" ,")
            if head:
                outlet = head
            if not outlet or len(outlet) > 80 or outlet.split()[0].lower() in self.not_outlets or not (outlet[0].isupper() or outlet[0].isdigit()):
                continue
            month = m.group("m1") or m.group("m2")
            year = m.group("y1") or m.group("y2") or m.group("y3")
            out.append(ParsedCitation(
                outlet=outlet, year=int(year) if year else None,
                month=self.months[month.lower()] if month else None,
                day=int(m.group("d1")) if m.group("d1") else None,
                accessed=accessed, raw=entry.strip(),
            ))
        return out


class CitationFinder:
    """Writes doc.spans[CITATIONS]: one span per parenthesis, metadata lists its citations."""

    def __init__(self, nlp: Language, name: str, rules_dir: str | None) -> None:
        self.parser = CitationParser(get_rules(rules_dir).citations)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = doc_text(doc)
        if "(" in text:
            for m in _PAREN.finditer(text):
                cites = self.parser.parse(m.group(1))
                if not cites:
                    continue
                span = doc.char_span(m.start(), m.end(), label="citation", alignment_mode="expand")
                if span is None:
                    continue
                spans.append(span)
                set_meta(doc, CITATIONS, span, {"kind": "parenthetical", "items": [c.__dict__ for c in cites]})
        if "[" in text:
            for m in _NOTE.finditer(text):
                span = doc.char_span(m.start(), m.end(), label="note", alignment_mode="expand")
                if span is not None:
                    spans.append(span)
                    set_meta(doc, CITATIONS, span, {"kind": "note", "number": int(m.group(1))})
        doc.spans[CITATIONS] = sorted(spans, key=lambda s: s.start)
        return doc


@Language.factory("argmap_citations", default_config={"rules_dir": None})
def make_citation_finder(nlp: Language, name: str, rules_dir: str | None) -> CitationFinder:
    return CitationFinder(nlp, name, rules_dir)
