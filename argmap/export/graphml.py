"""GraphML networks as Discourse Network Analyzer defines them: the actor–position two-mode network, and
actor–actor congruence (same position, same polarity), conflict (same position, opposite polarity) and
subtract (congruence minus conflict) networks. Loads in Gephi; all text escaped by ElementTree."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import combinations

from argmap.export.common import actor_label, actors_by_id, stances
from argmap.model import ArgumentMap, Document

NS = "http://graphml.graphdrawing.org/xmlns"


def actor_position_polarity(amap: ArgumentMap) -> dict[tuple[str, str], dict[bool, int]]:
    """(actor, position) -> {agree: claim count}."""
    out: dict[tuple[str, str], dict[bool, int]] = defaultdict(lambda: {True: 0, False: 0})
    for s in stances(amap):
        out[(s.claim.holder.id, s.position.id)][s.agree] += 1
    return out


def actor_networks(amap: ArgumentMap) -> dict[str, dict[tuple[str, str], int]]:
    """Congruence, conflict and subtract edge weights between pairs of actors."""
    polarity = actor_position_polarity(amap)
    held: dict[str, dict[str, set[bool]]] = defaultdict(lambda: defaultdict(set))
    for (actor, position), counts in polarity.items():
        for agree, n in counts.items():
            if n:
                held[actor][position].add(agree)
    congruence: dict[tuple[str, str], int] = defaultdict(int)
    conflict: dict[tuple[str, str], int] = defaultdict(int)
    for a, b in combinations(sorted(held), 2):
        for position in set(held[a]) & set(held[b]):
            for pa in held[a][position]:
                for pb in held[b][position]:
                    (congruence if pa == pb else conflict)[(a, b)] += 1
    subtract = {k: congruence.get(k, 0) - conflict.get(k, 0) for k in set(congruence) | set(conflict)}
    return {"congruence": dict(congruence), "conflict": dict(conflict), "subtract": subtract}


def to_graphml(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("mode", "node", "string"),
            ("weight", "edge", "double"), ("agreement", "edge", "int"), ("network", "edge", "string")]
    for name, domain, type_ in keys:
        ET.SubElement(root, f"{{{NS}}}key", {"id": name, "for": domain, "attr.name": name, "attr.type": type_})

    def data(parent: ET.Element, key: str, value: object) -> None:
        ET.SubElement(parent, f"{{{NS}}}data", {"key": key}).text = str(value)

    actors = actors_by_id(amap)
    polarity = actor_position_polarity(amap)
    networks = actor_networks(amap)
    used_actors = sorted({a for a, _ in polarity})

    two_mode = ET.SubElement(root, f"{{{NS}}}graph", {"id": "actor_position", "edgedefault": "undirected"})
    for aid in used_actors:
        n = ET.SubElement(two_mode, f"{{{NS}}}node", {"id": f"actor:{aid}"})
        data(n, "label", actor_label(actors[aid]) if aid in actors else aid)
        data(n, "kind", actors[aid].kind if aid in actors else "")
        data(n, "mode", "actor")
    for p in amap.positions:
        n = ET.SubElement(two_mode, f"{{{NS}}}node", {"id": f"position:{p.id}"})
        data(n, "label", p.text)
        data(n, "kind", p.question)
        data(n, "mode", "position")
    for i, ((aid, pid), counts) in enumerate(sorted(polarity.items())):
        for agree in (True, False):
            if counts[agree]:
                e = ET.SubElement(two_mode, f"{{{NS}}}edge", {"id": f"ap{i}{'p' if agree else 'c'}", "source": f"actor:{aid}", "target": f"position:{pid}"})
                data(e, "weight", counts[agree])
                data(e, "agreement", 1 if agree else 0)

    for name in ("congruence", "conflict", "subtract"):
        g = ET.SubElement(root, f"{{{NS}}}graph", {"id": name, "edgedefault": "undirected"})
        for aid in used_actors:
            n = ET.SubElement(g, f"{{{NS}}}node", {"id": f"{name}:{aid}"})
            data(n, "label", actor_label(actors[aid]) if aid in actors else aid)
            data(n, "mode", "actor")
        for i, ((a, b), w) in enumerate(sorted(networks[name].items())):
            if w == 0:
                continue
            e = ET.SubElement(g, f"{{{NS}}}edge", {"id": f"{name}{i}", "source": f"{name}:{a}", "target": f"{name}:{b}"})
            data(e, "weight", w)
            data(e, "network", name)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
