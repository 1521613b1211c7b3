"""Stance summaries: who holds which position, how strongly, on what evidence.

Weights: a claim counts 1, times its holder's quantifier weight (all 3, dominant 2.5, many 2, some 1,
others 1, few 0.5; named actors 1), halved when hedged. A position's balance is its support weight minus
its attack weight; a question's shares split the positive balances between its positions.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from argmap.errors import InputError
from argmap.model import Actor, ArgumentMap, Claim

QUANTIFIER_WEIGHT = {"all": 3.0, "dominant": 2.5, "many": 2.0, "some": 1.0, "others": 1.0, "few": 0.5}
EVIDENCE_PER_POSITION = 3
By = Literal["position", "actor"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorStance(_Model):
    actor: str
    name: str
    kind: str
    quantifiers: list[str]
    claims: int
    weight: float


class Evidence(_Model):
    claim: str
    doc: str
    type: str
    holder: str
    text: str
    sentence: str
    negated: bool
    hedged: bool
    citation: str | None
    weight: float


class PositionStance(_Model):
    id: str
    text: str
    supporters: list[ActorStance]
    opponents: list[ActorStance]
    support_weight: float
    attack_weight: float
    balance: float
    share: float
    evidence: list[Evidence]


class QuestionStance(_Model):
    id: str
    text: str
    positions: list[PositionStance]
    leading: str | None
    claims: int


class ActorPosition(_Model):
    question: str
    position: str
    text: str
    stance: Literal["supports", "attacks"]
    claims: int
    weight: float


class ActorSummary(_Model):
    actor: str
    name: str
    kind: str
    claims: int
    positions: list[ActorPosition]


class StanceReport(_Model):
    debate: str | None
    by: By = "position"
    questions: list[QuestionStance]
    actors: list[ActorSummary]


def claim_weight(claim: Claim) -> float:
    w = QUANTIFIER_WEIGHT.get(claim.holder.quantifier or "", 1.0)
    return w * (0.5 if claim.hedged else 1.0)


def _citation(c: Claim) -> str | None:
    if c.citation is None:
        return None
    return f"{c.citation.outlet}, {c.citation.date}" if c.citation.date else c.citation.outlet


def _label(a: Actor) -> str:
    return "Author" if a.kind == "author" else a.name


def summarize(amap: ArgumentMap, by: By = "position") -> StanceReport:
    claims = {c.id: c for c in amap.claims}
    actors = {a.id: a for a in amap.actors}
    per_pos: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: {"supports": [], "attacks": []})
    for e in amap.edges:
        if e.kind in ("supports", "attacks") and e.source in claims:
            per_pos[e.target][e.kind].append(claims[e.source])

    def stances(cs: list[Claim]) -> list[ActorStance]:
        grouped: dict[str, list[Claim]] = defaultdict(list)
        for c in cs:
            grouped[c.holder.id].append(c)
        out = []
        for aid, group in grouped.items():
            a = actors.get(aid) or group[0].holder
            out.append(ActorStance(actor=aid, name=_label(a), kind=a.kind,
                                   quantifiers=sorted({c.holder.quantifier for c in group if c.holder.quantifier}),
                                   claims=len(group), weight=round(sum(claim_weight(c) for c in group), 2)))
        return sorted(out, key=lambda s: (-s.weight, s.name))

    questions = []
    for q in amap.questions:
        rows = []
        for pid in q.positions:
            pos = next(p for p in amap.positions if p.id == pid)
            sup, att = per_pos[pid]["supports"], per_pos[pid]["attacks"]
            sw = round(sum(claim_weight(c) for c in sup), 2)
            aw = round(sum(claim_weight(c) for c in att), 2)
            ranked = sorted(sup + att, key=lambda c: (-claim_weight(c), c.citation is None, c.hedged, c.doc, c.start))
            evidence = [Evidence(claim=c.id, doc=c.doc, type=c.type, holder=_label(c.holder), text=c.text,
                                 sentence=c.sentence, negated=c.negated, hedged=c.hedged, citation=_citation(c),
                                 weight=claim_weight(c)) for c in ranked[:EVIDENCE_PER_POSITION]]
            rows.append(PositionStance(id=pid, text=pos.text, supporters=stances(sup), opponents=stances(att),
                                       support_weight=sw, attack_weight=aw, balance=round(sw - aw, 2), share=0.0,
                                       evidence=evidence))
        total = sum(max(r.balance, 0.0) for r in rows)
        rows = [r.model_copy(update={"share": round(max(r.balance, 0.0) / total, 3) if total else 0.0}) for r in rows]
        top = max((r.balance for r in rows), default=0.0)
        leaders = [r.id for r in rows if r.balance == top]
        leading = leaders[0] if total and len(leaders) == 1 else None  # a tie is undecided
        n = len({c.id for r in rows for c in per_pos[r.id]["supports"] + per_pos[r.id]["attacks"]})
        questions.append(QuestionStance(id=q.id, text=q.text, positions=rows, leading=leading, claims=n))

    by_actor: dict[str, dict[tuple[str, str], list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for pid, kinds in per_pos.items():
        for kind, cs in kinds.items():
            for c in cs:
                by_actor[c.holder.id][(pid, kind)].append(c)
    pos_index = {p.id: p for p in amap.positions}
    summaries = []
    for aid, held in by_actor.items():
        a = actors.get(aid) or next(iter(held.values()))[0].holder
        positions = [ActorPosition(question=pos_index[pid].question, position=pid, text=pos_index[pid].text, stance=kind,  # type: ignore[arg-type]
                                   claims=len(cs), weight=round(sum(claim_weight(c) for c in cs), 2))
                     for (pid, kind), cs in held.items() if pid in pos_index]
        n = len({c.id for cs in held.values() for c in cs})
        summaries.append(ActorSummary(actor=aid, name=_label(a), kind=a.kind, claims=n,
                                      positions=sorted(positions, key=lambda p: (p.question, p.position, p.stance))))
    summaries.sort(key=lambda s: (-s.claims, s.name))
    return StanceReport(debate=amap.debate, by=by, questions=questions, actors=summaries)


# ---- renderers -------------------------------------------------------------------------------

def _who(stances: list[ActorStance]) -> str:
    return "; ".join(f"{s.name}{' (' + ', '.join(s.quantifiers) + ')' if s.quantifiers else ''} ×{s.claims}" for s in stances) or "—"


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # no terminal escapes from document text
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """One line of Markdown text: whitespace collapsed, markup characters (incl. raw HTML) backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(_CONTROL.sub(" ", text).split()))


def to_markdown(report: StanceReport, by: By | None = None) -> str:
    by = by or report.by
    lines = [f"# Stance summary{': ' + report.debate if report.debate else ''}", ""]
    if by == "actor":
        lines += _actors_markdown(report)
        return "\n".join(lines).rstrip() + "\n"
    if not report.questions:
        lines += ["No debate pack applies to these documents: no positions to summarise.", ""]
    for q in report.questions:
        lead = next((p.text for p in q.positions if p.id == q.leading), None)
        lines += [f"## {_md(q.text)}", "", f"*{q.claims} claim(s); leaning: {_md(lead) if lead else 'undecided'}*", "",
                  "| position | support | attack | share | supporters | opponents |", "|---|---:|---:|---:|---|---|"]
        for p in q.positions:
            lines.append(f"| {_md(p.text)} | {p.support_weight:g} | {p.attack_weight:g} | {p.share:.0%} | {_md(_who(p.supporters))} | {_md(_who(p.opponents))} |")
        lines.append("")
        for p in q.positions:
            if not p.evidence:
                continue
            lines.append(f"**{_md(p.text)}** — strongest evidence:")
            lines.append("")
            for ev in p.evidence:
                flags = "".join([" (denied)" if ev.negated else "", " (hedged)" if ev.hedged else ""])
                cite = f" ({_md(ev.citation)})" if ev.citation else ""
                lines.append(f"- {_md(ev.holder)}: “{_md(ev.text)}”{cite}{flags}")
            lines.append("")
    lines += _actors_markdown(report)
    return "\n".join(lines).rstrip() + "\n"


def _actors_markdown(report: StanceReport) -> list[str]:
    lines = ["## Who holds what", "", "| actor | kind | claims | positions |", "|---|---|---:|---|"]
    for a in report.actors:
        held = "; ".join(f"{'+' if p.stance == 'supports' else '−'}{p.text} ({p.claims})" for p in a.positions) or "—"
        lines.append(f"| {_md(a.name)} | {a.kind} | {a.claims} | {_md(held)} |")
    lines.append("")
    return lines


def to_table(report: StanceReport, by: By | None = None) -> str:
    by = by or report.by
    out: list[str] = []
    if by == "actor":
        for a in report.actors:
            out.append(f"{a.name} [{a.kind}] — {a.claims} claim(s)")
            for p in a.positions:
                out.append(f"    {'+' if p.stance == 'supports' else '-'} {p.position:32} {p.claims:3d}  {p.text}")
        return _CONTROL.sub(" ", "\n".join(out)) + "\n"
    for q in report.questions:
        out.append(f"{q.id}: {q.text}")
        for p in q.positions:
            marker = "*" if p.id == q.leading else " "
            against = f"  against: {_who(p.opponents)}" if p.opponents else ""
            out.append(f"  {marker} {p.id:32} +{p.support_weight:<5g} -{p.attack_weight:<5g} {p.share:5.0%}  {_who(p.supporters)}{against}")
        out.append("")
    if not report.questions:
        out.append("No debate pack applies: no positions to summarise.")
    return _CONTROL.sub(" ", "\n".join(out).rstrip()) + "\n"


def stance_report(paths: list[str], rules_dir: str | None = None, model: str | None = None, encoding: str = "utf-8",
                  by: By = "position", on_error: Callable[[InputError], None] | None = None) -> StanceReport:
    """Documents -> stance report (the plain function behind `argmap stances`)."""
    from argmap import api
    from argmap.link import build_map
    from argmap.pipeline.rulecache import get_rules

    results = list(api.process(paths, rules_dir, model, 1, encoding, on_error=on_error))
    return summarize(build_map(results, get_rules(rules_dir), documents=[r.document for r in results]), by=by)
