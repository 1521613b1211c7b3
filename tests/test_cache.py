"""The result cache: second runs are served from it, and a changed document or rule invalidates it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import api
from argmap.cache import ENV_VAR, CacheStats, ResultCache
from argmap.cli import app
from argmap.documents import parse_document
from argmap.rules.loader import default_rules_dir

from conftest import CORPUS

runner = CliRunner()


def _paragraphs() -> list[str]:
    body = parse_document(next(CORPUS.glob("*.md")).read_text(encoding="utf-8"), "seed.md").body
    return [p for p in body.split("\n\n") if len(p) > 200]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Three short documents cut from the seed article."""
    paras = _paragraphs()
    root = tmp_path / "corpus"
    root.mkdir()
    for i, name in enumerate(("a", "b", "c")):
        (root / f"{name}.md").write_text("\n\n".join(paras[3 * i:3 * i + 3]) + "\n", encoding="utf-8")
    return root


def _run(paths: list[str], cache_dir: Path | None, **kw) -> tuple[list[dict], CacheStats]:
    stats = CacheStats()
    out = [
        {"doc": r.document.id, "claims": [c.model_dump() for c in r.claims], "attributions": [a.model_dump() for a in r.attributions]}
        for r in api.process(paths, cache=cache_dir is not None, cache_dir=cache_dir, stats=stats, **kw)
    ]
    return out, stats


def test_second_run_is_served_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh, _ = _run([str(corpus)], None)
    first, s1 = _run([str(corpus)], cache)
    second, s2 = _run([str(corpus)], cache)
    assert (s1.misses, s1.hits, s1.written) == (3, 0, 3)
    assert (s2.misses, s2.hits, s2.written) == (0, 3, 0)
    assert first == second == fresh
    assert sum(len(d["claims"]) for d in fresh) > 0


def test_changed_document_alone_is_processed_again(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run([str(corpus)], cache)
    doc = corpus / "b.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nMany Chinese experts argue that the rapprochement is a zero-sum game.\n", encoding="utf-8")
    again, stats = _run([str(corpus)], cache)
    assert (stats.misses, stats.hits) == (1, 2)
    assert again == _run([str(corpus)], None)[0]
    assert [d["doc"] for d in again] == ["a", "b", "c"]


def test_rule_change_invalidates_every_entry(corpus: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    cache = tmp_path / "cache"
    _run([str(corpus)], cache, rules_dir=str(rules))
    assert _run([str(corpus)], cache, rules_dir=str(rules))[1].hits == 3
    lexicons = rules / "lexicons.yml"
    lexicons.write_text(lexicons.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, stats = _run([str(corpus)], cache, rules_dir=str(rules))
    assert (stats.misses, stats.hits) == (3, 0)


def test_identical_text_under_another_name_is_its_own_entry(corpus: Path, tmp_path: Path) -> None:
    shutil.copy(corpus / "a.md", corpus / "d.md")
    out, stats = _run([str(corpus)], tmp_path / "cache")
    assert stats.misses == 4
    a, d = out[0], out[3]
    assert d["doc"] == "d" and {c["doc"] for c in d["claims"]} <= {"d"}
    assert [c["text"] for c in a["claims"]] == [c["text"] for c in d["claims"]]


def test_corrupt_entries_are_ignored_and_rewritten(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh, _ = _run([str(corpus)], cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_bytes(b"\xff\xfe\x00garbage")
    entries[2].write_text(json.dumps({"key": "other", "claims": [], "attributions": []}), encoding="utf-8")
    again, stats = _run([str(corpus)], cache)
    assert again == fresh
    assert (stats.bad, stats.misses, stats.written) == (3, 3, 3)
    assert _run([str(corpus)], cache)[1].hits == 3


def test_unwritable_cache_never_fails_a_run(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    out, stats = _run([str(corpus)], blocker / "cache")
    assert out == _run([str(corpus)], None)[0]
    assert stats.written == 0 and stats.misses == 3


def test_key_covers_model_and_rules(tmp_path: Path) -> None:
    doc = parse_document("Experts argue that it is a zero-sum game.\n", "x.md")
    base = ResultCache(tmp_path, "digest-1").key(doc)
    assert base == ResultCache(tmp_path, "digest-1").key(doc)
    assert base != ResultCache(tmp_path, "digest-2").key(doc)
    assert base != ResultCache(tmp_path, "digest-1", model="en_core_web_sm").key(doc)
    assert base != ResultCache(tmp_path, "digest-1").key(parse_document("Experts argue that it is a zero-sum game!\n", "x.md"))


def test_cli_cache_options(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    env_dir = tmp_path / "from-env"
    monkeypatch.setenv(ENV_VAR, str(env_dir))
    plain = runner.invoke(app, ["claims", str(corpus), "-f", "jsonl", "--no-cache"])
    assert plain.exit_code == 0, plain.output
    assert not env_dir.exists() and not (tmp_path / ".argmap-cache").exists()
    cached = runner.invoke(app, ["claims", str(corpus), "-f", "jsonl"])
    assert cached.stdout == plain.stdout
    assert len(list(env_dir.rglob("*.json"))) == 3
    explicit = tmp_path / "explicit"
    again = runner.invoke(app, ["claims", str(corpus), "-f", "jsonl", "--cache-dir", str(explicit)])
    assert again.stdout == plain.stdout
    assert len(list(explicit.rglob("*.json"))) == 3
    monkeypatch.delenv(ENV_VAR)
    runner.invoke(app, ["claims", str(corpus), "-f", "json"])
    assert len(list((tmp_path / ".argmap-cache").rglob("*.json"))) == 3
