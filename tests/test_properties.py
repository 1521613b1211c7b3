"""Property-based tests (Hypothesis, fixed seed, bounded examples): offsets always valid, errors always clear."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.documents import parse_document
from argmap.errors import ArgmapError
from argmap.extract import run
from argmap.pipeline import build_pipeline
from argmap.rules.loader import default_rules_dir, load_rules

from conftest import CORPUS

PROFILE = settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SENTENCES = [s.strip() for s in re.split(r"(?<=[.!?])\s+", next(CORPUS.glob("*.md")).read_text(encoding="utf-8")) if len(s.strip()) > 20]


def _check(analyse, text: str) -> None:
    try:
        res = analyse(text)
    except ArgmapError:
        return  # e.g. an empty document: a clear error is an allowed outcome
    body = res.document.body
    for c in res.claims:
        assert 0 <= c.start < c.end <= len(body)
        assert body[c.start:c.end] == c.text
        assert c.provenance.frame_span.text == body[c.provenance.frame_span.start:c.provenance.frame_span.end]
        if c.citation:
            assert 0 <= c.citation.start < c.citation.end <= len(body)


@PROFILE
@given(st.text(max_size=400))
def test_random_unicode_text(analyse, text: str) -> None:
    _check(analyse, text)


@PROFILE
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.sampled_from([" ", "\n", "\n\n", "\r\n", " — "]))
def test_sentence_soup_from_the_corpus(analyse, parts: list[str], sep: str) -> None:
    _check(analyse, sep.join(parts))


TOKEN_KEYS = st.sampled_from(["LOWER", "LEMMA", "LEX", "GAP", "TEXT", "IS_PUNCT", "OP", "ACTOR", "BOGUS"])
TOKEN_VALUES = st.one_of(
    st.sampled_from(["influence", "lose", "burden", "?", "+", "*", "{0,3}", "expert", "official", "influence_nouns", "no_lexicon"]),
    st.integers(min_value=-2, max_value=30), st.booleans(),
    st.fixed_dictionaries({"IN": st.lists(st.sampled_from(["a", "the", "influence"]), max_size=3)}),
    st.fixed_dictionaries({"REGEX": st.sampled_from(["^[A-Z]", "(a+)+$", "[", "x{2}"])}),
)
TOKEN = st.dictionaries(TOKEN_KEYS, TOKEN_VALUES, min_size=0, max_size=2)
RULE = st.fixed_dictionaries(
    {"id": st.sampled_from(["gen.one", "gen.two", "Bad Id"]), "type": st.sampled_from(["zero_sum", "burden_sharing", "no_such_type"])},
    optional={"patterns": st.lists(st.lists(TOKEN, min_size=0, max_size=4), max_size=2),
              "phrases": st.lists(st.sampled_from(["zero sum", "at the expense of", ""]), max_size=2),
              "examples": st.lists(st.sampled_from(["Russia's actions eroded China's influence."]), max_size=1),
              "extra_key": st.just(1)},
)


@settings(max_examples=25, derandomize=True, deadline=None)
@given(st.lists(RULE, min_size=1, max_size=3))
def test_random_rule_packs_load_or_fail_clearly(rules: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pack_dir = Path(tmp) / "rules"
        shutil.copytree(default_rules_dir(), pack_dir)
        (pack_dir / "frames" / "generated.yml").write_text(yaml.safe_dump({"frames": rules}), encoding="utf-8")
        try:
            pack = load_rules(pack_dir)
        except ArgmapError as exc:
            assert str(exc).startswith(str(pack_dir)) and "\n" not in str(exc)
            return
        nlp = build_pipeline(str(pack_dir))
        text = "Some experts argue that Russia's actions eroded China's influence at the expense of Beijing."
        res = next(run([parse_document(text, "g.md", "g")], nlp, pack))
        for c in res.claims:
            assert res.document.body[c.start:c.end] == c.text
