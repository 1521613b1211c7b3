"""Scoring against gold annotations, exactly as the taxonomy's "Gold annotations" section defines it."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from argmap.errors import InputError
from argmap.model import Claim

_DROP = {"many", "some", "all", "the", "others", "other", "a", "an", "dominant", "most", "few", "several"}


class GoldClaim(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    doc: str
    start: int
    end: int
    quote: str
    type: str
    holder: str
    holder_kind: str
    negated: bool = False
    optional: bool = False
    source: str | None = None
    hard: bool = False


class TypeScore(BaseModel):
    type: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class EvalReport(BaseModel):
    per_type: list[TypeScore]
    overall: TypeScore
    holder_accuracy: float
    holder_matched: int
    holder_correct: int
    matches: list[dict[str, str]]
    false_positives: list[str]
    false_negatives: list[str]


def load_gold(paths: Iterable[str]) -> list[GoldClaim]:
    gold: list[GoldClaim] = []
    for p in paths:
        path = Path(p)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read gold file: {exc}", str(path)) from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                gold.append(GoldClaim.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as exc:
                msg = str(exc).splitlines()[0]
                raise InputError(f"invalid gold line: {msg}", str(path), n) from None
    return gold


def _words(name: str, demonyms: dict[str, str]) -> set[str]:
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    for demonym, country in sorted(demonyms.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"\b{re.escape(demonym)}\b", country, text)
    return {w for w in re.findall(r"[\w\-]+", text) if w not in _DROP}


def holder_matches(gold: GoldClaim, claim: Claim, demonyms: dict[str, str]) -> bool:
    if gold.holder.strip().lower() == "author" or gold.holder_kind == "author":
        return claim.holder.kind == "author" or claim.holder.name.lower() == "author"
    g = _words(gold.holder, demonyms)
    for name in [claim.holder.name, *claim.holder.aliases]:
        p = _words(name, demonyms)
        if g and p and (g <= p or p <= g):
            return True
    return False


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def score(gold: list[GoldClaim], claims: list[Claim], demonyms: dict[str, str]) -> EvalReport:
    docs = {g.doc for g in gold}
    preds = [c for c in claims if c.doc in docs]
    required = [g for g in gold if not g.optional]
    optional = [g for g in gold if g.optional]

    def compatible(g: GoldClaim, c: Claim) -> bool:
        return g.doc == c.doc and g.type == c.type and _overlap(g.start, g.end, c.start, c.end) and not (g.negated and not c.negated)

    # One-to-one matching, largest overlap first.
    pairs = sorted(
        ((min(g.end, c.end) - max(g.start, c.start), gi, ci) for gi, g in enumerate(required) for ci, c in enumerate(preds) if compatible(g, c)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    g_used: dict[int, int] = {}
    c_used: set[int] = set()
    for _, gi, ci in pairs:
        if gi not in g_used and ci not in c_used:
            g_used[gi] = ci
            c_used.add(ci)
    fps: list[int] = []
    for ci, c in enumerate(preds):
        if ci in c_used:
            continue
        overlaps_required = any(g.doc == c.doc and _overlap(g.start, g.end, c.start, c.end) for g in required)
        overlaps_optional = any(g.doc == c.doc and _overlap(g.start, g.end, c.start, c.end) for g in optional)
        if overlaps_optional and not overlaps_required:
            continue  # borderline: neither rewarded nor penalised
        if not overlaps_optional and any(compatible(g, c) for g in required):
            continue  # a duplicate over an already-matched gold claim is not a new error
        fps.append(ci)
    types = sorted({g.type for g in required} | {preds[ci].type for ci in fps} | {preds[ci].type for ci in c_used})

    def mk(t: str, tp: int, fp: int, fn: int) -> TypeScore:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return TypeScore(type=t, tp=tp, fp=fp, fn=fn, precision=round(p, 4), recall=round(r, 4), f1=round(f, 4))

    per_type = []
    for t in types:
        tp = sum(1 for gi in g_used if required[gi].type == t)
        fp = sum(1 for ci in fps if preds[ci].type == t)
        fn = sum(1 for gi, g in enumerate(required) if g.type == t and gi not in g_used)
        per_type.append(mk(t, tp, fp, fn))
    overall = mk("overall", len(g_used), len(fps), len(required) - len(g_used))
    correct = sum(1 for gi, ci in g_used.items() if holder_matches(required[gi], preds[ci], demonyms))
    return EvalReport(
        per_type=per_type, overall=overall,
        holder_accuracy=round(correct / len(g_used), 4) if g_used else 0.0,
        holder_matched=len(g_used), holder_correct=correct,
        matches=[{"gold": required[gi].id, "claim": preds[ci].id, "holder_gold": required[gi].holder, "holder": preds[ci].holder.name}
                 for gi, ci in sorted(g_used.items())],
        false_positives=[f"{preds[ci].doc}:{preds[ci].start}-{preds[ci].end} {preds[ci].type} [{preds[ci].rule}]" for ci in fps],
        false_negatives=[f"{g.id} {g.type}: {g.quote[:70]}" for gi, g in enumerate(required) if gi not in g_used],
    )
