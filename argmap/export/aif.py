"""Argument Interchange Format (AIF) JSON: I-nodes for claims and positions, RA/CA for support/attack,
L-nodes for the actors' locutions joined to their I-nodes by YA (asserting) nodes."""
from __future__ import annotations

import json
from typing import Any

from argmap.export.common import actor_label, actors_by_id, stances
from argmap.model import ArgumentMap, Document


def to_aif(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    """AIF JSON (nodes, edges, locutions, participants), node ids numbered in a stable order.

    Positions and claims are I-nodes; each claim's locution (L, "Holder: text") asserts it through a YA node;
    a claim supporting a position goes through an RA node, one attacking it through a CA node. Participants
    carry the actor id as participantID and the actor's name as surname (names are not split).
    """
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, str]] = []
    locutions: list[dict[str, str]] = []
    ids: dict[str, str] = {}

    def node(key: str, text: str, type_: str, **extra: str) -> str:
        if key not in ids:
            ids[key] = str(len(nodes) + 1)
            nodes.append({"nodeID": ids[key], "text": text, "type": type_, **extra})
        return ids[key]

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b})

    for p in amap.positions:
        node(f"pos:{p.id}", p.text, "I")
    actors = actors_by_id(amap)
    for c in sorted(amap.claims, key=lambda c: (c.doc, c.start, c.id)):
        i = node(f"claim:{c.id}", c.text, "I")
        speaker = actor_label(actors.get(c.holder.id, c.holder))
        loc = node(f"loc:{c.id}", f"{speaker}: {c.text}", "L")
        locutions.append({"nodeID": loc, "personID": c.holder.id, "start": f"{c.doc}:{c.start}", "end": f"{c.doc}:{c.end}"})
        ya = node(f"ya:{c.id}", "Asserting", "YA")
        edge(loc, ya)
        edge(ya, i)
    for s in stances(amap):
        kind = "RA" if s.agree else "CA"
        scheme = "Default Inference" if s.agree else "Default Conflict"
        s_node = node(f"{kind}:{s.claim.id}:{s.position.id}", scheme, kind)
        edge(ids[f"claim:{s.claim.id}"], s_node)
        edge(s_node, ids[f"pos:{s.position.id}"])
    speakers = sorted({loc["personID"] for loc in locutions})
    participants = [{"participantID": aid, "firstname": "", "surname": actor_label(actors[aid]) if aid in actors else aid}
                    for aid in speakers]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants},
                      ensure_ascii=False, indent=2) + "\n"


def validate_aif(data: dict[str, Any]) -> list[str]:
    """Problems with an AIF graph (empty when valid): dangling edges, RA/CA without I premises or with other than
    one I conclusion, YA not joining one L to one I, locutions naming no L-node."""
    nodes = {n["nodeID"]: n["type"] for n in data["nodes"]}
    incoming: dict[str, list[str]] = {k: [] for k in nodes}
    outgoing: dict[str, list[str]] = {k: [] for k in nodes}
    problems = []
    for e in data["edges"]:
        if e["fromID"] not in nodes or e["toID"] not in nodes:
            problems.append(f"edge {e['edgeID']} has an endpoint that is not a node")
            continue
        outgoing[e["fromID"]].append(nodes[e["toID"]])
        incoming[e["toID"]].append(nodes[e["fromID"]])
    for nid, kind in nodes.items():
        if kind in ("RA", "CA") and (not incoming[nid] or set(incoming[nid]) != {"I"} or outgoing[nid] != ["I"]):
            problems.append(f"{kind} node {nid} needs I premises and exactly one I conclusion")
        if kind == "YA" and (incoming[nid] != ["L"] or outgoing[nid] != ["I"]):
            problems.append(f"YA node {nid} must join one L-node to one I-node")
    for loc in data.get("locutions", []):
        if nodes.get(loc["nodeID"]) != "L":
            problems.append(f"locution {loc['nodeID']} is not an L-node")
    return problems
