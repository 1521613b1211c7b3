"""Linking: claims -> the debate's positions (supports/attacks), actors merged, citations collected."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from argmap.extract import DocResult
from argmap.model import Actor, ArgumentMap, Citation, Claim, Document, Edge, Position, Question
from argmap.rules.loader import RulePack
from argmap.rules.schema import DebatePack, LinkSpec

_DROP = {"many", "some", "all", "the", "a", "an", "others", "other", "most", "few", "several", "dominant"}


class PartyFinder:
    """Which gazetteer states a text mentions (names, aliases, demonyms, officials' states); compiled once."""

    def __init__(self, pack: RulePack) -> None:
        names: dict[str, str] = {}
        for actor in pack.actors.actors:
            state = actor.id if actor.kind == "state" else actor.state
            if not state:
                continue
            for name in [actor.name, *actor.aliases, *actor.demonyms]:
                names[name] = state
        self._state = names
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self._regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if names else None

    def find(self, text: str) -> set[str]:
        if self._regex is None:
            return set()
        return {self._state[m.group(0)] for m in self._regex.finditer(text)}


def normalise_name(name: str, demonyms: dict[str, str] | None = None) -> str:
    """Case-folded words without quantifiers or articles, demonyms as their country ('Chinese' -> 'china')."""
    words = [w for w in re.findall(r"[\w\-’']+", name.casefold()) if w not in _DROP]
    words = [(demonyms or {}).get(w, w) for w in words]
    return "_".join(words) or name.casefold()


def canonical_actor(actor: Actor, doc: str, gazetteer: set[str], demonyms: dict[str, str] | None = None) -> str:
    """One id per real-world actor: gazetteer ids as they are, others by normalised name; the author per document."""
    if actor.kind == "author":
        return f"author:{doc}"
    if actor.id in gazetteer:
        return actor.id
    return normalise_name(actor.name, demonyms)


def link_allowed(spec: LinkSpec, mentioned: set[str], debate: DebatePack) -> bool:
    """`when_mentions` conditions on the parties the claim's sentence names.

    focal: a focal party is named. third_party: a third party is named. focal_dyad: a focal party is named,
    and a third party only together with both focal parties (so Russia–North Korea warming is not a thaw
    in China–North Korea relations); a sentence naming no state at all takes the document's dyad.
    """
    focal = set(debate.focal_dyad) & mentioned
    third = set(debate.third_parties) & mentioned
    for cond in spec.when_mentions:
        if cond == "focal" and not focal:
            return False
        if cond == "third_party" and not third:
            return False
        if cond == "focal_dyad" and mentioned and (not focal or (third and focal != set(debate.focal_dyad))):
            return False
    return True


def _results(items: Iterable[Any]) -> tuple[list[Claim], list[Document]]:
    claims: list[Claim] = []
    documents: list[Document] = []
    for item in items:
        if isinstance(item, DocResult):
            claims += item.claims
            documents.append(item.document)
        elif isinstance(item, Claim):
            claims.append(item)
        else:
            raise TypeError(f"cannot link {type(item).__name__}")
    return claims, documents


def choose_debate(pack: RulePack, texts: dict[str, str], finder: PartyFinder) -> DebatePack | None:
    """The debate pack whose focal dyad most documents mention (first in pack order on ties); None if none does."""
    best, best_n = None, 0
    for debate in pack.debates:
        n = sum(1 for text in texts.values() if set(debate.focal_dyad) <= finder.find(text))
        if n > best_n:
            best, best_n = debate, n
    return best


def _doc_texts(claims: list[Claim], docs: list[Document]) -> dict[str, str]:
    """Each document's text for party detection: its body, or (claims without documents) its claims' sentences."""
    texts = {d.id: d.body for d in docs}
    for c in claims:
        if c.doc not in {d.id for d in docs}:
            texts[c.doc] = texts.get(c.doc, "") + "\n" + c.sentence
    return texts


def build_map(items: Iterable[Any], pack: RulePack, documents: list[Document] | None = None,
              debate: DebatePack | None = None) -> ArgumentMap:
    """DocResults (or Claims) -> an ArgumentMap. Deterministic: same claims in any order, same JSON.

    The debate is the pack whose focal dyad most documents mention (bodies, or the claims' sentences when no
    documents are given); only claims of documents mentioning both focal parties are linked to its positions.
    Every holder becomes one actor: gazetteer actors by id, others by normalised name (quantifiers and articles
    dropped, demonyms as countries), the author once per document (`author:<doc>`, since articles have different
    authors). Claims keep their holder's quantifier, so the set of quantifiers seen per actor stays available.
    A negated claim attacks what its type would support and supports what it would attack (rule suffix
    `:negated`).
    """
    claims, docs = _results(items)
    if documents is not None:
        docs = documents
    finder = PartyFinder(pack)
    texts = _doc_texts(claims, docs)
    if debate is None:
        debate = choose_debate(pack, texts, finder)
    applies = {d for d, text in texts.items() if debate is not None and set(debate.focal_dyad) <= finder.find(text)}
    gazetteer = {a.id for a in pack.actors.actors}
    demonyms = {d.casefold(): a.name.casefold().replace(" ", "_") for a in pack.actors.actors if a.kind == "state" for d in a.demonyms if " " not in d}

    actors: dict[str, Actor] = {}
    aliases: dict[str, set[str]] = {}
    linked: list[Claim] = []
    edges: list[Edge] = []
    citations: dict[str, Citation] = {}
    for claim in sorted(claims, key=lambda c: (c.doc, c.start, c.end, c.type, c.id)):
        aid = canonical_actor(claim.holder, claim.doc, gazetteer, demonyms)
        holder = claim.holder.model_copy(update={"id": aid})
        claim = claim.model_copy(update={"holder": holder})
        linked.append(claim)
        if aid not in actors:
            actors[aid] = Actor(id=aid, name=holder.name, kind=holder.kind, title=holder.title)
        aliases.setdefault(aid, set()).add(holder.name)
        edges.append(Edge(kind="holds", source=aid, target=claim.id))
        if claim.citation is not None:
            citations[claim.citation.key] = claim.citation
            edges.append(Edge(kind="cites", source=claim.id, target=claim.citation.key))
        if debate is None or claim.doc not in applies:
            continue
        mentioned = finder.find(claim.sentence)
        for i, spec in enumerate(debate.links):
            if spec.type != claim.type or not link_allowed(spec, mentioned, debate):
                continue
            supports, attacks = (spec.attacks, spec.supports) if claim.negated else (spec.supports, spec.attacks)
            rule = f"debate:{debate.id}:links[{i}]" + (":negated" if claim.negated else "")
            edges += [Edge(kind="supports", source=claim.id, target=p, rule=rule) for p in supports]
            edges += [Edge(kind="attacks", source=claim.id, target=p, rule=rule) for p in attacks]

    merged = [a.model_copy(update={"aliases": sorted(aliases[a.id] - {a.name})}) for a in actors.values()]
    unique_edges = {(e.kind, e.source, e.target): e for e in edges}
    return ArgumentMap(
        debate=debate.id if debate else None,
        questions=[Question(id=q.id, text=q.text, positions=[p.id for p in q.positions]) for q in (debate.questions if debate else [])],
        positions=[Position(id=p.id, question=q.id, text=p.text) for q in (debate.questions if debate else []) for p in q.positions],
        claims=linked,
        actors=sorted(merged, key=lambda a: a.id),
        citations=[citations[k] for k in sorted(citations)],
        documents=sorted({d.id for d in docs} | {c.doc for c in linked}),
        edges=[unique_edges[k] for k in sorted(unique_edges)],
    )
