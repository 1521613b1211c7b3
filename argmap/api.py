"""Plain functions behind every CLI command (tested without the CLI)."""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from spacy.language import Language

from argmap.cache import CacheStats, ResultCache
from argmap.documents import load_documents
from argmap.errors import ArgmapError, InputError
from argmap.evaluate import EvalReport, load_gold, score
from argmap.extract import DocResult, run
from argmap.model import Attribution, Claim, Document
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


# The pipeline a worker process uses: set before forking (inherited), or built by the worker (spawn).
_WORKER: tuple[Language, RulePack] | None = None


def _init_worker(rules_dir: str | None, model: str | None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if _WORKER is None:
        _WORKER = (build_pipeline(rules_dir, model), get_rules(rules_dir))


def _extract(document: Document, nlp: Language | None = None, pack: RulePack | None = None) -> tuple[list[Claim], list[Attribution]]:
    """One document's claims and attributions (in a worker: with the worker's pipeline)."""
    if nlp is None or pack is None:
        assert _WORKER is not None
        nlp, pack = _WORKER
    result = next(run([document], nlp, pack))
    return result.claims, result.attributions


def _pool(workers: int, rules_dir: str | None, model: str | None, pipeline: tuple[Language, RulePack]) -> Pool:
    """Worker processes; forked ones share the parent's loaded pipeline (copy-on-write)."""
    global _WORKER
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    _WORKER = pipeline if method == "fork" else None
    try:
        return multiprocessing.get_context(method).Pool(workers, initializer=_init_worker, initargs=(rules_dir, model))
    finally:
        _WORKER = None


def process(paths: Iterable[str], rules_dir: str | None = None, model: str | None = None, workers: int = 1,
            encoding: str = "utf-8", on_error: Callable[[InputError], None] | None = None, *,
            cache: bool = False, cache_dir: str | Path | None = None, stats: CacheStats | None = None) -> Iterator[DocResult]:
    """Documents under `paths` -> one DocResult each (claims + attributions), in path order.

    `workers` > 1 processes whole documents in that many processes (same results as one process).
    With `cache`, results are kept in `cache_dir` ($ARGMAP_CACHE_DIR, else .argmap-cache) and a
    document whose text, rules, model and argmap are unchanged is not processed again; `stats`
    receives the cache counts. The pipeline is only built when some document needs processing.
    """
    pack = get_rules(rules_dir)
    store = ResultCache(cache_dir, pack.digest, model) if cache else None
    if store is not None and stats is not None:
        store.stats = stats
    limit = 4 * workers  # documents in flight: memory does not grow with the corpus
    pending: deque[tuple[Document, str | None, DocResult | AsyncResult]] = deque()
    pipeline: tuple[Language, RulePack] | None = None
    pool: Pool | None = None

    def finish(item: tuple[Document, str | None, DocResult | AsyncResult]) -> DocResult:
        document, key, value = item
        if isinstance(value, DocResult):
            return value
        result = DocResult(document, *value.get())
        if store is not None:
            store.put(result, key)
        return result

    try:
        for document in load_documents(paths, encoding, on_error):
            key = store.key(document) if store is not None else None
            cached = store.get(document, key) if store is not None else None
            if cached is not None:
                pending.append((document, key, cached))
            else:
                if pipeline is None:
                    pipeline = (build_pipeline(rules_dir, model), pack)
                if workers <= 1:
                    result = DocResult(document, *_extract(document, *pipeline))
                    if store is not None:
                        store.put(result, key)
                    pending.append((document, key, result))
                else:
                    if pool is None:
                        pool = _pool(workers, rules_dir, model, pipeline)
                    pending.append((document, key, pool.apply_async(_extract, (document,))))
            while pending and (isinstance(pending[0][2], DocResult) or len(pending) > limit):
                yield finish(pending.popleft())
        while pending:
            yield finish(pending.popleft())
    finally:
        if pool is not None:
            if pending:
                pool.terminate()
            else:
                pool.close()
            pool.join()


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
