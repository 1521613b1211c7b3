"""Shared fixtures: the shipped rule pack and pipeline, built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from argmap.documents import parse_document
from argmap.extract import DocResult, run
from argmap.pipeline import build_pipeline
from argmap.rules.loader import RulePack, default_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory):
    """CLI runs in tests cache their results in a temporary folder, never in the checkout."""
    import os

    old = os.environ.get("ARGMAP_CACHE_DIR")
    os.environ["ARGMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("argmap-cache"))
    yield
    if old is None:
        os.environ.pop("ARGMAP_CACHE_DIR", None)
    else:
        os.environ["ARGMAP_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rules(default_rules_dir())


@pytest.fixture(scope="session")
def nlp(pack: RulePack):
    return build_pipeline(str(pack.root))


@pytest.fixture(scope="session")
def analyse(nlp, pack):
    """Run the whole extraction on a text (optionally with front matter) and return the DocResult."""

    def _run(text: str, doc_id: str = "t") -> DocResult:
        return next(run([parse_document(text, f"{doc_id}.md", doc_id)], nlp, pack))

    return _run
