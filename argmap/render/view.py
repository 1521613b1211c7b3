"""What a map shows: the ArgumentMap filtered by the user's options, and its claims laid out in columns and rows."""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from argmap.errors import ArgmapError
from argmap.model import Actor, ArgumentMap, Claim

ROW_WIDTH = 3  # claims of one actor side by side under a position before a new row starts
LINK_KINDS = ("supports", "attacks")


@dataclass(frozen=True)
class RenderOptions:
    """Filters and layout choices shared by every map format."""

    questions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_support: int = 0
    collapse: bool | None = False  # None: collapse when the map has more than AUTO_COLLAPSE claims
    title: str | None = None


@dataclass
class Item:
    """One claim node, or with --collapse one node per (actor, type, position, link kind)."""

    id: str
    type: str
    actor: Actor
    claims: list[Claim]
    links: list[tuple[str, str]]  # (supports|attacks, position id)

    @property
    def negated(self) -> bool:
        return all(c.negated for c in self.claims)


@dataclass
class Row:
    anchor: str  # id of this row's actor node
    actor: Actor
    items: list[Item]


@dataclass
class Column:
    position: str | None  # None: claims linked to no position
    question: str | None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Layout:
    amap: ArgumentMap
    items: list[Item]
    columns: list[Column]
    support: dict[str, dict[str, int]]  # position -> {"supports": n, "attacks": n} (distinct claims)


def node_id(prefix: str, raw: str) -> str:
    """A node id safe in DOT (no port colons), SVG ids and URL fragments."""
    return prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", raw)


def actor_key(a: Actor) -> str:
    return a.id if a.quantifier is None else f"{a.id}.{a.quantifier}"


def actor_label(a: Actor) -> str:
    if a.kind == "author" and a.name.lower() == "author":
        return "Author"
    return a.name + (f" ({a.quantifier})" if a.quantifier and a.quantifier not in a.name.lower() else "")


def _holder_matches(a: Actor, wanted: list[str]) -> bool:
    return any(w == a.id.lower() or w == a.kind or w in a.name.lower() for w in wanted)


def filter_map(amap: ArgumentMap, opts: RenderOptions) -> ArgumentMap:
    """The sub-map the options ask for; unknown question ids are a user error."""
    known_q = [q.id for q in amap.questions]
    for q in opts.questions:
        if q not in known_q:
            raise ArgmapError(f"unknown question '{q}' (known: {', '.join(known_q) or 'none'})")
    questions = [q for q in amap.questions if not opts.questions or q.id in opts.questions]
    qids = {q.id for q in questions}
    positions = [p for p in amap.positions if p.question in qids]
    types = set(opts.types)
    wanted = [w.lower() for w in opts.actors]
    claims = [c for c in amap.claims
              if (not types or c.type in types) and (not wanted or _holder_matches(c.holder, wanted))]
    cids = {c.id for c in claims}
    pids = {p.id for p in positions}
    links = [e for e in amap.edges if e.kind in LINK_KINDS and e.source in cids and e.target in pids]
    if opts.min_support > 0:
        counts: dict[str, set[str]] = defaultdict(set)
        for e in links:
            if e.kind == "supports":
                counts[e.target].add(e.source)
        positions = [p for p in positions if len(counts[p.id]) >= opts.min_support]
        pids = {p.id for p in positions}
        questions = [q for q in questions if any(p.question == q.id for p in positions)]
        links = [e for e in links if e.target in pids]
    if opts.questions or opts.min_support > 0:
        linked = {e.source for e in links}
        claims = [c for c in claims if c.id in linked]
        cids = linked
    holders = {c.holder.id for c in claims}
    cited = {(c.citation.outlet, c.citation.date, c.citation.raw) for c in claims if c.citation}
    other = [e for e in amap.edges if e.kind not in LINK_KINDS and (e.source in cids or e.target in cids)]
    return ArgumentMap(
        debate=amap.debate, questions=questions, positions=positions, claims=claims,
        actors=[a for a in amap.actors if a.id in holders],
        citations=[c for c in amap.citations if (c.outlet, c.date, c.raw) in cited],
        documents=sorted({c.doc for c in claims} | set(amap.documents)),
        edges=links + other,
    )


def _claim_order(c: Claim) -> tuple[str, int, int, str]:
    return (c.doc, c.start, c.end, c.id)


def _items(amap: ArgumentMap, collapse: bool, pos_rank: dict[str, int]) -> list[Item]:
    by_claim: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for e in amap.edges:
        if e.kind in LINK_KINDS and e.target in pos_rank:
            by_claim[e.source].append((e.kind, e.target))
    claims = sorted(amap.claims, key=_claim_order)
    if not collapse:
        return [Item(c.id, c.type, c.holder, [c], sorted(set(by_claim[c.id]), key=lambda l: (pos_rank[l[1]], l[0])))
                for c in claims]
    groups: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    actors: dict[str, Actor] = {}
    for c in claims:
        # Collapsed, every document's author is one voice ("the authors"), not one node per article.
        akey = "author" if c.holder.kind == "author" else actor_key(c.holder)
        actors.setdefault(akey, c.holder.model_copy(update={"id": "author"}) if akey == "author" else c.holder)
        for kind, pos in by_claim[c.id] or [("", "")]:
            groups[(akey, c.type, pos, kind)].append(c)
    items = []
    for (akey, type_, pos, kind), members in groups.items():
        digest = hashlib.sha1("\x00".join((akey, type_, pos, kind)).encode()).hexdigest()[:10]
        items.append(Item(f"g-{digest}", type_, actors[akey], members, [(kind, pos)] if pos else []))
    return sorted(items, key=lambda i: (pos_rank.get(i.links[0][1], 10**6) if i.links else 10**6, i.type,
                                        actor_label(i.actor).lower(), i.id))


def layout(amap: ArgumentMap, collapse: bool = False) -> Layout:
    """Items in one column per position (the first they link to), rows of one actor's items under it."""
    pos_rank = {p.id: i for i, p in enumerate(amap.positions)}
    items = _items(amap, collapse, pos_rank)
    support: dict[str, dict[str, int]] = {p.id: {"supports": 0, "attacks": 0} for p in amap.positions}
    seen: set[tuple[str, str, str]] = set()
    for e in amap.edges:
        if e.kind in LINK_KINDS and e.target in support and (e.kind, e.source, e.target) not in seen:
            seen.add((e.kind, e.source, e.target))
            support[e.target][e.kind] += 1
    columns: list[Column] = [Column(p.id, p.question) for p in amap.positions] + [Column(None, None)]
    by_col: dict[str | None, list[Item]] = defaultdict(list)
    for it in items:
        by_col[it.links[0][1] if it.links else None].append(it)
    for ci, col in enumerate(columns):
        per_actor: dict[str, list[Item]] = defaultdict(list)
        for it in by_col[col.position]:
            per_actor[actor_key(it.actor)].append(it)
        ordered = sorted(per_actor.items(), key=lambda kv: (-len(kv[1]), actor_label(kv[1][0].actor).lower(), kv[0]))
        for akey, its in ordered:
            for start in range(0, len(its), ROW_WIDTH):
                anchor = node_id("a-", f"{akey}-{ci}-{len(col.rows)}")
                col.rows.append(Row(anchor, its[0].actor, its[start:start + ROW_WIDTH]))
    columns = [c for c in columns if c.position is not None or c.rows]
    return Layout(amap, items, columns, support)

