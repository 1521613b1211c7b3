"""--workers N gives exactly the output of --workers 1 (order included), with or without the cache."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import api
from argmap.cache import CacheStats
from argmap.cli import app
from argmap.documents import parse_document

from conftest import CORPUS

runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Six short documents of different lengths, cut from the seed article."""
    body = parse_document(next(CORPUS.glob("*.md")).read_text(encoding="utf-8"), "seed.md").body
    paras = [p for p in body.split("\n\n") if len(p) > 200]
    root = tmp_path / "corpus"
    root.mkdir()
    for i in range(6):
        (root / f"doc{i}.md").write_text("\n\n".join(paras[i::6][: 1 + i % 3]) + "\n", encoding="utf-8")
    return root


def _dump(results) -> list[tuple[str, list[dict], list[dict]]]:
    return [(r.document.id, [c.model_dump() for c in r.claims], [a.model_dump() for a in r.attributions]) for r in results]


def test_two_workers_equal_one(corpus: Path) -> None:
    one = _dump(api.process([str(corpus)], workers=1))
    two = _dump(api.process([str(corpus)], workers=2))
    assert [d for d, _, _ in one] == [f"doc{i}" for i in range(6)]
    assert sum(len(c) for _, c, _ in one) > 0
    assert two == one


def test_cli_workers_2_output_equals_workers_1(corpus: Path) -> None:
    for fmt in ("jsonl", "json"):
        one = runner.invoke(app, ["claims", str(corpus), "-f", fmt, "--workers", "1", "--no-cache"])
        two = runner.invoke(app, ["claims", str(corpus), "-f", fmt, "--workers", "2", "--no-cache"])
        assert one.exit_code == two.exit_code == 0, two.output
        assert two.stdout == one.stdout and one.stdout.strip()


def test_workers_with_partly_cached_corpus_keep_order(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    list(api.process([str(corpus)], workers=2, cache=True, cache_dir=cache))
    changed = corpus / "doc2.md"
    changed.write_text("Some analysts say that Beijing fears a zero-sum game.\n\n" + changed.read_text(encoding="utf-8"), encoding="utf-8")
    stats = CacheStats()
    mixed = _dump(api.process([str(corpus)], workers=2, cache=True, cache_dir=cache, stats=stats))
    assert (stats.hits, stats.misses) == (5, 1)
    assert mixed == _dump(api.process([str(corpus)], workers=1))


def test_abandoned_run_stops_its_workers(corpus: Path) -> None:
    results = api.process([str(corpus)], workers=2)
    first = next(results)
    results.close()  # the pool is terminated, nothing hangs
    assert first.document.id == "doc0"
