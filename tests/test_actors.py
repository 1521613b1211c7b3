"""ActorRecognizer and holder attribution: titled names, collectives, quantifiers, others, pronouns, unknown names."""
from __future__ import annotations

import pytest

from argmap.pipeline.spans import ACTORS, meta


def _actors(nlp, text: str) -> list[tuple[str, dict]]:
    doc = nlp(text)
    return [(s.text, meta(ACTORS, s)) for s in doc.spans[ACTORS]]


@pytest.mark.parametrize("text,span,name,title,kind", [
    ("Chinese Foreign Minister Wang Yi spoke.", "Chinese Foreign Minister Wang Yi", "Wang Yi", "Chinese Foreign Minister", "official"),
    ("MFA spokeswoman Hua Chunying spoke.", "MFA spokeswoman Hua Chunying", "Hua Chunying", "MFA spokeswoman", "official"),
    ("It was written by Zhejiang University Professor Li Dunqiu in May.", "Zhejiang University Professor Li Dunqiu", "Li Dunqiu", "Zhejiang University Professor", "expert"),
    ("A piece by retired People’s Liberation Army (PLA) general Wang Hongguan appeared.", "retired People’s Liberation Army (PLA) general Wang Hongguan", "Wang Hongguan", "retired People’s Liberation Army (PLA) general", "expert"),
    ("Kyoto University Professor Tanaka Hiroshi disagreed.", "Kyoto University Professor Tanaka Hiroshi", "Tanaka Hiroshi", "Kyoto University Professor", "expert"),
])
def test_titled_names(nlp, text, span, name, title, kind) -> None:
    found = dict(_actors(nlp, text))
    assert span in found
    assert (found[span]["name"], found[span]["title"], found[span]["kind"]) == (name, title, kind)


@pytest.mark.parametrize("text,span,quantifier,kind", [
    ("Many Chinese experts agree.", "Many Chinese experts", "many", "expert"),
    ("Some Chinese academics disagree.", "Some Chinese academics", "some", "expert"),
    ("Indeed all Chinese experts agree.", "all Chinese experts", "all", "expert"),
    ("Many in China tend to agree.", "Many in China", "many", "expert"),
    ("Insiders in China think so.", "Insiders in China", None, "expert"),
    ("A Japanese editorialist argues so.", "A Japanese editorialist", None, "media"),
    ("He said pro-North Korea intellectuals objected.", "pro-North Korea intellectuals", None, "expert"),
    ("Chinese diplomacy has stressed it.", "Chinese diplomacy", None, "state"),
])
def test_collectives_keep_their_quantifier(nlp, text, span, quantifier, kind) -> None:
    found = dict(_actors(nlp, text))
    assert span in found
    assert (found[span].get("quantifier"), found[span]["kind"]) == (quantifier, kind)


def test_gazetteer_aliases_share_an_id(nlp) -> None:
    ids = {m["id"] for _, m in _actors(nlp, "Chinese President Xi Jinping met President Xi and Xi smiled.")}
    assert ids == {"xi_jinping"}


def test_others_resolves_to_the_contrasted_collective(analyse) -> None:
    res = analyse("Some Indian scholars argue that Japan's bases erode the influence of China, while others argue that "
                  "Japan's role lightens India's strategic burden.")
    holders = {c.type: (c.holder.name, c.holder.quantifier) for c in res.claims}
    assert holders == {"zero_sum": ("Indian scholars", "some"), "burden_sharing": ("Indian scholars", "others")}


def test_pronoun_carries_the_previous_person(analyse) -> None:
    res = analyse("Vietnamese Foreign Minister Pham Binh stated that the talks went well. "
                  "He also noted that the two peoples value friendship.")
    (claim,) = res.claims
    assert claim.holder.name == "Pham Binh" and claim.provenance.holder_via == "attribution"


def test_they_carries_the_previous_group(analyse) -> None:
    res = analyse("Many Korean analysts doubt the plan, as they believe it is impossible to obtain a commitment to denuclearize.")
    (claim,) = res.claims
    assert claim.holder.name == "Korean analysts" and claim.holder.quantifier == "many"


def test_unknown_name_before_a_cue(analyse) -> None:
    (claim,) = analyse("As Olga Petrova argues, the impact of the new port on the region is extremely limited.").claims
    assert claim.holder.name == "Olga Petrova" and claim.type == "limited_impact"


def test_outlet_holds_a_claim(analyse) -> None:
    (claim,) = analyse("Xinhua, noting that the envoy now uses the term, compares Laos–Vietnam relations to “brothers”.").claims
    assert claim.holder.name == "Xinhua" and claim.holder.kind == "media"


def test_author_holds_unattributed_claims(analyse) -> None:
    (claim,) = analyse("Japan is now by and large an outsider in the Korean economy.").claims
    assert claim.holder.kind == "author" and claim.provenance.holder_via == "author"


def test_agent_holds_reported_acts(analyse) -> None:
    (claim,) = analyse("Seoul has so far refused to host the Japanese premier.").claims
    assert claim.type == "chill_signal" and claim.holder.name == "South Korea" and claim.provenance.holder_via == "agent"
