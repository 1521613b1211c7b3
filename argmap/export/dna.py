"""Discourse Network Analyzer event list: `;`-separated, every field quoted, DNA's columns then argmap's."""
from __future__ import annotations

import csv
import io

from argmap.export.common import actors_by_id, stances
from argmap.model import Actor, ArgumentMap, Document
from argmap.outputs import safe_cell

COLUMNS = ["statement_id", "time", "person", "organization", "concept", "agreement", "start_position",
           "stop_position", "text", "coder", "document_id", "document_title", "document_author",
           "document_source", "document_section", "document_type",
           "claim_type", "question", "hedged", "negated", "rule"]
PERSON_KINDS = {"official", "expert"}


def is_person(actor: Actor) -> bool:
    """A named individual: an official or expert with no quantifier, and a title or a capitalised name of 2+ words
    ('Lü Chao'); collectives ('Chinese experts', 'Insiders in China') are organisations in DNA's terms."""
    if actor.kind not in PERSON_KINDS or actor.quantifier:
        return False
    words = actor.name.split()
    return actor.title is not None or (len(words) >= 2 and all(w[:1].isupper() for w in words))


def person_and_organization(actor: Actor, doc: Document | None) -> tuple[str, str]:
    """DNA's person and organization columns: a person and their title (which names the office or body);
    states, media and collectives as organizations; the author as the document's author and publication."""
    if actor.kind == "author":
        author = str(doc.metadata.get("author") or "") if doc else ""
        return author or "author", (doc.publication or "") if doc else ""
    if is_person(actor):
        return actor.name, actor.title or ""
    return "", actor.name


def to_dna(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    docs = {d.id: d for d in documents or []}
    actors = actors_by_id(amap)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, s in enumerate(stances(amap), 1):
        c = s.claim
        actor = actors.get(c.holder.id, c.holder).model_copy(update={"quantifier": c.holder.quantifier})
        doc = docs.get(c.doc)
        person, organization = person_and_organization(actor, doc)
        time = (c.citation.date if c.citation and c.citation.date else None) or (doc.date if doc else "") or ""
        row = [n, time, person, organization, s.position.text, 1 if s.agree else 0, c.start, c.end, c.text, "argmap",
               c.doc, doc.title if doc and doc.title else "", str(doc.metadata.get("author", "")) if doc else "",
               doc.publication if doc and doc.publication else "", "", "article",
               c.type, s.position.question, str(c.hedged).lower(), str(c.negated).lower(), c.rule]
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
