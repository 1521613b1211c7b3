"""Scoring exactly as the taxonomy's "Gold annotations" section says, and the seed figures."""
from __future__ import annotations

from argmap import api
from argmap.evaluate import GoldClaim, holder_matches, score
from argmap.model import Actor, Claim, Provenance, TextSpan

from conftest import CORPUS, GOLD

DEMONYMS = {"chinese": "china", "russian": "russia"}


def _gold(i: int, start: int, end: int, type_: str, holder: str = "author", kind: str = "author", **kw) -> GoldClaim:
    return GoldClaim(id=f"g{i}", doc="d", start=start, end=end, quote="q", type=type_, holder=holder, holder_kind=kind, **kw)


def _claim(start: int, end: int, type_: str, holder: str = "author", kind: str = "author", negated: bool = False) -> Claim:
    span = TextSpan(start=start, end=end, text="x")
    return Claim(id=f"c{start}{type_}", doc="d", start=start, end=end, text="x", sentence="x", type=type_,
                 holder=Actor(id=holder, name=holder, kind=kind), negated=negated, rule="r",
                 provenance=Provenance(frame_rule="r", frame_span=span, holder_via="author"))


def test_overlap_and_equal_type_match() -> None:
    rep = score([_gold(1, 0, 10, "zero_sum")], [_claim(5, 20, "zero_sum")], DEMONYMS)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)


def test_wrong_type_is_fp_and_fn() -> None:
    rep = score([_gold(1, 0, 10, "zero_sum")], [_claim(5, 20, "burden_sharing")], DEMONYMS)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (0, 1, 1)


def test_optional_gold_is_neither_rewarded_nor_penalised() -> None:
    gold = [_gold(1, 0, 10, "zero_sum", optional=True), _gold(2, 50, 60, "thaw_signal")]
    rep = score(gold, [_claim(0, 5, "burden_sharing"), _claim(50, 55, "thaw_signal")], DEMONYMS)
    assert (rep.overall.tp, rep.overall.fp, rep.overall.fn) == (1, 0, 0)
    assert rep.overall.recall == 1.0


def test_non_negated_prediction_over_negated_gold_is_fp() -> None:
    gold = [_gold(1, 0, 10, "thaw_signal", negated=True)]
    assert score(gold, [_claim(0, 10, "thaw_signal")], DEMONYMS).overall.fp == 1
    assert score(gold, [_claim(0, 10, "thaw_signal", negated=True)], DEMONYMS).overall.tp == 1


def test_holder_rules() -> None:
    g = _gold(1, 0, 10, "zero_sum", holder="Chinese academics", kind="expert")
    assert holder_matches(g, _claim(0, 10, "zero_sum", "Some China academics", "expert"), DEMONYMS)
    assert holder_matches(_gold(2, 0, 1, "x", holder="Many in China", kind="expert"), _claim(0, 1, "x", "Many in China", "expert"), DEMONYMS)
    assert not holder_matches(g, _claim(0, 10, "zero_sum", "Russian academics", "expert"), DEMONYMS)
    assert holder_matches(_gold(3, 0, 1, "x"), _claim(0, 1, "x"), DEMONYMS)
    assert not holder_matches(_gold(4, 0, 1, "x"), _claim(0, 1, "x", "Xinhua", "media"), DEMONYMS)


def test_seed_article_meets_the_targets() -> None:
    report = api.evaluate([str(p) for p in sorted(GOLD.glob("*.jsonl"))], [str(CORPUS)])
    assert report.overall.f1 >= 0.85, report.false_positives + report.false_negatives
    assert report.holder_accuracy >= 0.80
