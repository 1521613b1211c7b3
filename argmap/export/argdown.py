"""Argdown text: positions as statements under their questions, claims as arguments under them (`<+` the
argument supports the position, `<-` it attacks it), with #type tags and holder/source metadata."""
from __future__ import annotations

import re

from argmap.export.common import actor_label, actors_by_id, stances
from argmap.model import ArgumentMap, Document

_SPECIAL = re.compile(r"([\[\]<>{}#*_`\\/@])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TITLE_BAD = re.compile(r"[\[\]<>\x00-\x1f\x7f-\x9f]")
_TAG_BAD = re.compile(r"[^A-Za-z0-9_\-]")


def _line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _text(text: str) -> str:
    """One line of Argdown text with its markup characters escaped (references, tags, data, emphasis, comments)."""
    return _SPECIAL.sub(r"\\\1", _line(text))


def _title(text: str) -> str:
    """A statement or argument title: Argdown reads it raw up to the closing bracket, so brackets are dropped."""
    return _line(_TITLE_BAD.sub(" ", text)) or "untitled"


def _tag(text: str) -> str:
    """A #tag: letters, digits, '_' and '-' only (Argdown ends a tag at any other character)."""
    return _TAG_BAD.sub("-", text)


def _meta(value: str) -> str:
    """A YAML double-quoted value; braces as \\u escapes so Argdown's data block cannot end inside it."""
    out = _line(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("{", "\\u007B").replace("}", "\\u007D") + '"'


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
            lines.append(f"[{_title(p.id)}]: {_text(p.text)} #question-{_tag(q.id)}")
            for s in by_position.get(pid, []):
                c = s.claim
                arrow = "<+" if s.agree else "<-"
                holder = actor_label(actors.get(c.holder.id, c.holder))
                meta = {"holder": holder, "type": c.type, "rule": c.rule}
                if c.citation:
                    meta["source"] = c.citation.outlet + (f", {c.citation.date}" if c.citation.date else "")
                fields = ", ".join(f"{k}: {_meta(v)}" for k, v in meta.items())
                lines.append(f"  {arrow} <{_title(c.id)}>: {_text(c.text)} #{_tag(c.type)} {{{fields}}}")
            lines.append("")
    unlinked = [c for c in amap.claims if not any(s.claim.id == c.id for v in by_position.values() for s in v)]
    if unlinked:
        lines += ["# Claims linked to no position", ""]
        for c in unlinked:
            lines.append(f"<{_title(c.id)}>: {_text(c.text)} #{_tag(c.type)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
