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


def test_a_tie_is_undecided(pack) -> None:
    claims = [claim(1, "thaw_signal", "China and North Korea", XI), claim(2, "chill_signal", "China and North Korea", XI)]
    report = summarize(build_map(claims, pack, [DOC]))
    traj = next(q for q in report.questions if q.id == "trajectory")
    assert traj.leading is None and [p.share for p in traj.positions] == [0.5, 0.5]
    assert "leaning: undecided" in to_markdown(report)
    assert all(q.leading is None and q.claims == 0 for q in report.questions if q.id != "trajectory")


def test_hedged_claims_count_half_and_all_outweighs_some(pack) -> None:
    from argmap.model import Actor

    some = Actor(id="chinese_experts", name="Chinese experts", kind="expert", quantifier="some")
    hedged = claim(2, "nuclear_realism", "x", XI).model_copy(update={"hedged": True})
    report = summarize(build_map([claim(1, "nuclear_realism", "x", ALL), hedged, claim(3, "denuclearization_first", "x", some)], pack, [DOC]))
    goal = next(q for q in report.questions if q.id == "nuclear_goal")
    denuc, freeze = goal.positions
    assert freeze.support_weight == QUANTIFIER_WEIGHT["all"] + 0.5 and denuc.support_weight == QUANTIFIER_WEIGHT["some"]
    assert goal.leading == "nuclear_goal.freeze"
    assert [e.claim for e in freeze.evidence] == ["c1", "c2"]  # strongest first


def test_hostile_text_is_inert_in_markdown_and_table(pack) -> None:
    from argmap.model import Actor

    evil = Actor(id="evil", name="<script>alert(1)</script> | [x](javascript:y) \x1b[31m", kind="expert")
    c = claim(1, "thaw_signal", "China and North Korea", evil).model_copy(update={"text": "*bold* <img src=x> | `code`"})
    report = summarize(build_map([c], pack, [DOC]))
    md = to_markdown(report)
    import re

    assert not re.search(r"(?<!\\)[<>\[\]]", md.split("\n", 1)[1])  # every < > [ ] escaped
    assert not re.search(r"(?<!\\)\]\(", md) and "\x1b" not in md
    assert "\\<script\\>" in md and "\\*bold\\*" in md
    row = next(line for line in md.splitlines() if line.startswith("| Thawing |"))
    assert row.count("|") - row.count("\\|") == 7  # the name's pipe does not add a column
    for text in (to_table(report), to_table(report, by="actor")):
        assert "\x1b" not in text
