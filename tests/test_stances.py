"""Stance aggregation numbers on a hand-built map, and the renderers."""
from __future__ import annotations

from argmap.link import build_map
from argmap.stances import QUANTIFIER_WEIGHT, summarize, to_markdown, to_table

from test_link import ALL, AUTHOR, DOC, MANY, XI, claim


def _report(pack):
    claims = [claim(1, "thaw_signal", "China and North Korea", XI),
              claim(2, "thaw_signal", "China and North Korea", XI),
              claim(3, "chill_signal", "China and North Korea", MANY),
              claim(4, "thaw_signal", "China and North Korea", AUTHOR, negated=True),
              claim(5, "nuclear_realism", "x", ALL)]
    return summarize(build_map(claims, pack, [DOC]))


def test_weights_and_balance(pack) -> None:
    report = _report(pack)
    traj = next(q for q in report.questions if q.id == "trajectory")
    thawing, frozen = traj.positions
    assert (thawing.support_weight, thawing.attack_weight, thawing.balance) == (2.0, 1.0, 1.0)
    assert (frozen.support_weight, frozen.balance) == (QUANTIFIER_WEIGHT["many"], 2.0)
    assert traj.leading == "trajectory.frozen"
    assert (thawing.share, frozen.share) == (round(1 / 3, 3), round(2 / 3, 3))
    assert [s.name for s in thawing.supporters] == ["Xi Jinping"] and thawing.supporters[0].claims == 2
    assert [s.name for s in thawing.opponents] == ["Author"]
    freeze = next(q for q in report.questions if q.id == "nuclear_goal").positions[1]
    assert freeze.support_weight == QUANTIFIER_WEIGHT["all"] and freeze.supporters[0].quantifiers == ["all"]


def test_actor_view(pack) -> None:
    report = _report(pack)
    xi = next(a for a in report.actors if a.actor == "xi_jinping")
    assert [(p.position, p.stance, p.claims) for p in xi.positions] == [("trajectory.thawing", "supports", 2)]


def test_markdown_and_table(pack) -> None:
    report = _report(pack)
    md = to_markdown(report)
    assert md.startswith("# Stance summary: china_nk_russia") and "## Are China–North Korea relations thawing?" in md
    assert "| Thawing | 2 | 1 |" in md and "## Who holds what" in md
    assert "trajectory.frozen" in to_table(report) and "Xi Jinping" in to_table(report, by="actor")
