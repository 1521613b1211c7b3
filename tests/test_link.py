"""Linker on hand-built claims: supports/attacks, negation, party conditions, actor merging."""
from __future__ import annotations

from argmap.link import PartyFinder, build_map, normalise_name
from argmap.model import Actor, Citation, Claim, Document, Provenance, TextSpan

DOC = Document(id="d", path="d.md", body="China and North Korea, with Russia nearby.")


def claim(n: int, type_: str, sentence: str, holder: Actor, negated: bool = False, citation: Citation | None = None) -> Claim:
    span = TextSpan(start=n, end=n + 1, text="x")
    return Claim(id=f"c{n}", doc="d", start=n, end=n + 1, text="x", sentence=sentence, type=type_, holder=holder,
                 negated=negated, citation=citation, rule="r", provenance=Provenance(frame_rule="r", frame_span=span, holder_via="attribution"))


XI = Actor(id="xi_jinping", name="Xi Jinping", kind="official", title="Chinese President")
XI2 = Actor(id="xi_jinping", name="Xi Jinping", kind="official", title="President")
MANY = Actor(id="chinese_experts", name="Chinese experts", kind="expert", quantifier="many")
ALL = Actor(id="chinese_experts", name="Chinese experts", kind="expert", quantifier="all")
AUTHOR = Actor(id="author", name="author", kind="author")


def edges(amap, kind: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in amap.edges if e.kind == kind}


def test_type_links_to_positions(pack) -> None:
    amap = build_map([claim(1, "zero_sum", "Russia erodes China's influence.", MANY)], pack, [DOC])
    assert amap.debate == "china_nk_russia"
    assert edges(amap, "supports") == {("c1", "influence.yes")}
    assert {q.id for q in amap.questions} == {"isolation", "influence", "adjustment", "nuclear_goal", "trajectory"}
    assert all(p.question in {q.id for q in amap.questions} for p in amap.positions)


def test_negated_claim_attacks_what_it_would_support(pack) -> None:
    amap = build_map([claim(1, "thaw_signal", "Reports that Kim visited Beijing were misguided.", AUTHOR, negated=True)], pack, [DOC])
    assert edges(amap, "attacks") == {("c1", "trajectory.thawing")} and edges(amap, "supports") == set()


def test_thaw_counts_only_for_the_focal_dyad(pack) -> None:
    claims = [claim(1, "thaw_signal", "Xi praised friendship with North Korea.", XI),
              claim(2, "thaw_signal", "Russia and North Korea celebrate their friendship.", AUTHOR),
              claim(3, "thaw_signal", "This marked a relative upgrade.", AUTHOR)]
    amap = build_map(claims, pack, [DOC])
    assert edges(amap, "supports") == {("c1", "trajectory.thawing"), ("c3", "trajectory.thawing")}


def test_actors_merge_across_sentences_and_quantifiers(pack) -> None:
    claims = [claim(1, "nuclear_realism", "x", MANY), claim(2, "nuclear_realism", "y", ALL),
              claim(3, "thaw_signal", "China and North Korea", XI), claim(4, "thaw_signal", "China and North Korea", XI2)]
    amap = build_map(claims, pack, [DOC])
    assert sorted(a.id for a in amap.actors) == ["china_experts", "xi_jinping"]
    assert {(s, t) for s, t in edges(amap, "holds")} == {("china_experts", "c1"), ("china_experts", "c2"), ("xi_jinping", "c3"), ("xi_jinping", "c4")}
    assert {c.holder.quantifier for c in amap.claims if c.holder.id == "china_experts"} == {"many", "all"}


def test_author_is_one_actor_per_document(pack) -> None:
    amap = build_map([claim(1, "limited_impact", "x", AUTHOR)], pack, [DOC])
    assert [a.id for a in amap.actors] == ["author:d"]


def test_citations_are_collected_with_cites_edges(pack) -> None:
    cit = Citation(outlet="Xinhua", date="2015-05-08", raw="Xinhua, May 8", start=0, end=5)
    amap = build_map([claim(1, "burden_sharing", "x", XI, citation=cit), claim(2, "burden_sharing", "y", XI, citation=cit)], pack, [DOC])
    assert [c.outlet for c in amap.citations] == ["Xinhua"]
    assert edges(amap, "cites") == {("c1", cit.key), ("c2", cit.key)}


def test_no_debate_when_the_dyad_is_absent(pack) -> None:
    other = Document(id="o", path="o.md", body="India and Pakistan.")
    amap = build_map([claim(1, "zero_sum", "India loses influence.", MANY).model_copy(update={"doc": "o"})], pack, [other])
    assert amap.debate is None and amap.questions == [] and edges(amap, "supports") == set()


def test_deterministic(pack) -> None:
    cs = [claim(i, t, "China and North Korea", XI) for i, t in enumerate(["thaw_signal", "zero_sum", "engagement"])]
    assert build_map(cs, pack, [DOC]).model_dump_json() == build_map(list(reversed(cs)), pack, [DOC]).model_dump_json()


def test_party_finder_and_names(pack) -> None:
    finder = PartyFinder(pack)
    assert finder.find("Chinese President Xi met Pyongyang's envoy; Moscow watched.") == {"china", "north_korea", "russia"}
    assert normalise_name("Many Chinese experts", {"chinese": "china"}) == "china_experts"


def test_without_documents_the_claims_sentences_decide_the_debate(pack) -> None:
    dyad = build_map([claim(1, "zero_sum", "Russia erodes China's influence in North Korea.", MANY)], pack)
    assert dyad.debate == "china_nk_russia" and edges(dyad, "supports") == {("c1", "influence.yes")}
    other = build_map([claim(1, "zero_sum", "India loses influence to Pakistan.", MANY)], pack)
    assert other.debate is None and edges(other, "supports") == set() and [a.id for a in other.actors] == ["china_experts"]


def test_focal_dyad_condition_cases(pack) -> None:
    from argmap.link import link_allowed

    debate = pack.debates[0]
    spec = next(s for s in debate.links if s.type == "thaw_signal")
    assert link_allowed(spec, set(), debate)                              # no state named: the document's dyad
    assert link_allowed(spec, {"china", "north_korea"}, debate)
    assert link_allowed(spec, {"north_korea"}, debate)                    # one focal party, the other implied
    assert link_allowed(spec, {"china", "north_korea", "russia"}, debate)
    assert not link_allowed(spec, {"russia", "north_korea"}, debate)      # third-party warming
    assert not link_allowed(spec, {"russia"}, debate)
    assert not link_allowed(spec, {"japan"}, debate)                      # another dyad entirely
    plain = next(s for s in debate.links if s.type == "zero_sum")
    assert link_allowed(plain, {"japan"}, debate)                         # no condition: always links


def test_negated_claim_with_attacks_spec_swaps_both(pack) -> None:
    from argmap.rules.schema import DebatePack, LinkSpec

    base = pack.debates[0]
    debate = DebatePack.model_validate({**base.model_dump(by_alias=True), "links": [
        LinkSpec(type="zero_sum", supports=["influence.yes"], attacks=["influence.no"]).model_dump()]})
    amap = build_map([claim(1, "zero_sum", "China and North Korea", MANY, negated=True)], pack, [DOC], debate=debate)
    assert edges(amap, "supports") == {("c1", "influence.no")} and edges(amap, "attacks") == {("c1", "influence.yes")}
    assert {e.rule for e in amap.edges if e.kind in ("supports", "attacks")} == {"debate:china_nk_russia:links[0]:negated"}
