"""GraphML networks as Discourse Network Analyzer defines them: the actor–position two-mode network, and
actor–actor congruence (same position, same polarity), conflict (same position, opposite polarity) and
subtract (congruence minus conflict) networks. Loads in Gephi; all text escaped by ElementTree."""
from __future__ import annotations

import re
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


NETWORKS = ("actor_position", "congruence", "conflict", "subtract")
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: object) -> str:
    """Text XML 1.0 can hold: control characters (other than tab and newlines) and lone surrogates dropped."""
    return _NOT_XML.sub("", str(value))


def to_graphml(amap: ArgumentMap, documents: list[Document] | None = None, network: str = "all") -> str:
    """GraphML with one <graph> per network (`network="all"`), or only the named one.

    Gephi merges every <graph> of a file into one workspace and networkx reads only the first, so for those
    tools export one network per file (`argmap export --to graphml --network congruence`).
    """
    if network != "all" and network not in NETWORKS:
        raise ValueError(f"unknown network '{network}': use all, {', '.join(NETWORKS)}")
    wanted = NETWORKS if network == "all" else (network,)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("mode", "node", "string"),
            ("weight", "edge", "double"), ("agreement", "edge", "int"), ("network", "edge", "string")]
    for name, domain, type_ in keys:
        ET.SubElement(root, f"{{{NS}}}key", {"id": name, "for": domain, "attr.name": name, "attr.type": type_})

    def data(parent: ET.Element, key: str, value: object) -> None:
        ET.SubElement(parent, f"{{{NS}}}data", {"key": key}).text = _xml_text(value)

    def graph(gid: str) -> ET.Element:
        return ET.SubElement(root, f"{{{NS}}}graph", {"id": gid, "edgedefault": "undirected"})

    def node(parent: ET.Element, nid: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{NS}}}node", {"id": _xml_text(nid)})

    def edge(parent: ET.Element, eid: str, source: str, target: str) -> ET.Element:
        return ET.SubElement(parent, f"{{{NS}}}edge", {"id": eid, "source": _xml_text(source), "target": _xml_text(target)})

    actors = actors_by_id(amap)
    polarity = actor_position_polarity(amap)
    networks = actor_networks(amap)
    used_actors = sorted({a for a, _ in polarity})
    # one network per file: plain node ids; several in one file: ids prefixed so the graphs stay apart
    prefix = (lambda name: f"{name}:") if network == "all" else (lambda name: "")

    if "actor_position" in wanted:
        two_mode = graph("actor_position")
        for aid in used_actors:
            n = node(two_mode, f"{prefix('actor_position')}actor:{aid}")
            data(n, "label", actor_label(actors[aid]) if aid in actors else aid)
            data(n, "kind", actors[aid].kind if aid in actors else "")
            data(n, "mode", "actor")
        for p in amap.positions:
            n = node(two_mode, f"{prefix('actor_position')}position:{p.id}")
            data(n, "label", p.text)
            data(n, "kind", p.question)
            data(n, "mode", "position")
        for i, ((aid, pid), counts) in enumerate(sorted(polarity.items())):
            for agree in (True, False):
                if counts[agree]:
                    e = edge(two_mode, f"ap{i}{'p' if agree else 'c'}", f"{prefix('actor_position')}actor:{aid}",
                             f"{prefix('actor_position')}position:{pid}")
                    data(e, "weight", counts[agree])
                    data(e, "agreement", 1 if agree else 0)
                    data(e, "network", "actor_position")

    for name in ("congruence", "conflict", "subtract"):
        if name not in wanted:
            continue
        g = graph(name)
        for aid in used_actors:
            n = node(g, f"{prefix(name)}actor:{aid}")
            data(n, "label", actor_label(actors[aid]) if aid in actors else aid)
            data(n, "kind", actors[aid].kind if aid in actors else "")
            data(n, "mode", "actor")
        for i, ((a, b), w) in enumerate(sorted(networks[name].items())):
            if w == 0:
                continue
            e = edge(g, f"{name}{i}", f"{prefix(name)}actor:{a}", f"{prefix(name)}actor:{b}")
            data(e, "weight", w)
            data(e, "network", name)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
