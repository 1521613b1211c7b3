"""Plain functions behind every CLI command (tested without the CLI)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from argmap.documents import load_documents
from argmap.errors import ArgmapError, InputError
from argmap.evaluate import EvalReport, load_gold, score
from argmap.extract import DocResult, run
from argmap.model import Claim
from argmap.pipeline import build_pipeline
from argmap.pipeline.rulecache import get_rules
from argmap.rules.loader import RulePack


def demonym_map(pack: RulePack) -> dict[str, str]:
    """'chinese' -> 'china' etc., from the state actors of the gazetteer."""
    out: dict[str, str] = {}
    for a in pack.actors.actors:
        if a.kind == "state":
            for d in a.demonyms:
                out[d.lower()] = a.name.lower()
    return out


def process(paths: Iterable[str], rules_dir: str | None = None, model: str | None = None, workers: int = 1,
            encoding: str = "utf-8", on_error: Callable[[InputError], None] | None = None) -> Iterator[DocResult]:
    """Documents under `paths` -> one DocResult each (claims + attributions), in path order."""
    pack = get_rules(rules_dir)
    nlp = build_pipeline(rules_dir, model)
    yield from run(load_documents(paths, encoding, on_error), nlp, pack, workers=workers)


def filter_claims(claims: Iterable[Claim], types: list[str] | None = None, holders: list[str] | None = None) -> list[Claim]:
    types_set = set(types or [])
    wanted = [h.lower() for h in holders or []]
    out = []
    for c in claims:
        if types_set and c.type not in types_set:
            continue
        if wanted and not any(w in c.holder.name.lower() or w == c.holder.id or w == c.holder.kind for w in wanted):
            continue
        out.append(c)
    return out


def evaluate(gold_paths: list[str], corpus: list[str], rules_dir: str | None = None, model: str | None = None) -> EvalReport:
    gold = load_gold(gold_paths)
    if not gold:
        raise ArgmapError("gold files hold no claims", gold_paths[0] if gold_paths else None)
    pack = get_rules(rules_dir)
    claims = [c for r in process(corpus, rules_dir, model) for c in r.claims]
    return score(gold, claims, demonym_map(pack))
