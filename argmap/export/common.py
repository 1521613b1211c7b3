"""Shared views of a map for the exporters: positions per claim, actors by id, stance polarity."""
from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Actor, ArgumentMap, Claim, Position


@dataclass(frozen=True)
class Stance:
    claim: Claim
    position: Position
    agree: bool  # supports (True) or attacks (False)


def stances(amap: ArgumentMap) -> list[Stance]:
    claims = {c.id: c for c in amap.claims}
    positions = {p.id: p for p in amap.positions}
    out = [Stance(claims[e.source], positions[e.target], e.kind == "supports")
           for e in amap.edges if e.kind in ("supports", "attacks") and e.source in claims and e.target in positions]
    return sorted(out, key=lambda s: (s.claim.doc, s.claim.start, s.claim.id, s.position.id))


def actors_by_id(amap: ArgumentMap) -> dict[str, Actor]:
    return {a.id: a for a in amap.actors}


def actor_label(actor: Actor) -> str:
    return "author" if actor.kind == "author" else actor.name
