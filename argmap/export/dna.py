"""Discourse Network Analyzer event list: `;`-separated, every field quoted, DNA's columns then argmap's."""
from __future__ import annotations

import csv
import io

from argmap.export.common import actors_by_id, stances
from argmap.model import ArgumentMap, Document
from argmap.outputs import safe_cell

COLUMNS = ["statement_id", "time", "person", "organization", "concept", "agreement", "start_position",
           "stop_position", "text", "coder", "document_id", "document_title", "document_author",
           "document_source", "document_section", "document_type",
           "claim_type", "question", "hedged", "negated", "rule"]
PERSON_KINDS = {"official", "expert"}


def to_dna(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    docs = {d.id: d for d in documents or []}
    actors = actors_by_id(amap)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, s in enumerate(stances(amap), 1):
        c = s.claim
        actor = actors.get(c.holder.id, c.holder)
        named_person = actor.kind in PERSON_KINDS and not c.holder.quantifier and actor.title is not None
        person = actor.name if named_person else ""
        organization = actor.name if not named_person else (actor.title or "")
        if actor.kind == "author":
            person, organization = "author", docs[c.doc].publication or "" if c.doc in docs else ""
        doc = docs.get(c.doc)
        time = (c.citation.date if c.citation and c.citation.date else None) or (doc.date if doc else "") or ""
        row = [n, time, person, organization, s.position.text, 1 if s.agree else 0, c.start, c.end, c.text, "argmap",
               c.doc, doc.title if doc and doc.title else "", str(doc.metadata.get("author", "")) if doc else "",
               doc.publication if doc and doc.publication else "", "", "article",
               c.type, s.position.question, str(c.hedged).lower(), str(c.negated).lower(), c.rule]
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
