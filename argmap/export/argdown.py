"""Argdown text: positions as statements under their questions, claims as arguments that support (+>)
or attack (->) them, with type tags and holder/source metadata."""
from __future__ import annotations

import re

from argmap.export.common import actor_label, actors_by_id, stances
from argmap.model import ArgumentMap, Document

_SPECIAL = re.compile(r"([\[\]<>{}#*_`\\])")


def _text(text: str) -> str:
    """One line of Argdown text with its markup characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _meta(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_argdown(amap: ArgumentMap, documents: list[Document] | None = None) -> str:
    lines = [f"===\ntitle: {_meta('argmap: ' + (amap.debate or 'claims'))}\n===", ""]
    by_position: dict[str, list] = {}
    for s in stances(amap):
        by_position.setdefault(s.position.id, []).append(s)
    actors = actors_by_id(amap)
    for q in amap.questions:
        lines.append(f"# {_text(q.text)}")
        lines.append("")
        for pid in q.positions:
            p = next(p for p in amap.positions if p.id == pid)
            lines.append(f"[{_text(p.id)}]: {_text(p.text)} #question-{_text(q.id)}")
            for s in by_position.get(pid, []):
                c = s.claim
                arrow = "<+" if s.agree else "<-"
                holder = actor_label(actors.get(c.holder.id, c.holder))
                meta = {"holder": holder, "type": c.type, "rule": c.rule}
                if c.citation:
                    meta["source"] = c.citation.outlet + (f", {c.citation.date}" if c.citation.date else "")
                fields = ", ".join(f"{k}: {_meta(v)}" for k, v in meta.items())
                lines.append(f"  {arrow} <{_text(c.id)}>: {_text(c.text)} #{c.type} {{{fields}}}")
            lines.append("")
    unlinked = [c for c in amap.claims if not any(s.claim.id == c.id for v in by_position.values() for s in v)]
    if unlinked:
        lines += ["# Claims linked to no position", ""]
        for c in unlinked:
            lines.append(f"<{_text(c.id)}>: {_text(c.text)} #{c.type}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
