"""ContextAnnotator: negation scope, reported-as-false, hedging, counterfactuals."""
from __future__ import annotations


def test_cue_inside_the_frame_does_not_negate(analyse) -> None:
    (claim,) = analyse("The dominant view is that the aid package is not a game changer for the economy.").claims
    assert claim.type == "limited_impact" and not claim.negated


def test_reported_as_false_negates(analyse) -> None:
    (claim,) = analyse("Reports that the Laotian president stopped over in Hanoi were misguided.").claims
    assert claim.type == "thaw_signal" and claim.negated and claim.holder.kind == "author"
    assert "context.reported_false" in claim.provenance.context_rules


def test_confirmed_report_is_not_negated(analyse) -> None:
    (claim,) = analyse("Speculation that the Laotian president received an invitation to Hanoi is most certainly true.").claims
    assert not claim.negated


def test_denial_negates_within_its_scope(analyse) -> None:
    (claim,) = analyse("The ministry denied that Seoul had suspended contacts with Tokyo.").claims
    assert claim.type == "chill_signal" and claim.negated


def test_negation_scope_ends_at_a_terminator(analyse) -> None:
    (claim,) = analyse("They did not say so, but relations between Seoul and Tokyo have soured since the ruling.").claims
    assert not claim.negated


def test_hedge(analyse) -> None:
    (claim,) = analyse("Tokyo appears to favor a freeze of Pyongyang's nuclear activities.").claims
    assert claim.hedged and claim.type == "nuclear_realism"


def test_counterfactual_frames_are_not_claims(analyse) -> None:
    assert analyse("His visit would have served as an occasion to break the ice with Hanoi.").claims == []


def test_questions_and_headings_are_not_claims(analyse) -> None:
    assert analyse("Does Japan's growing role undermine Chinese influence?").claims == []
    assert analyse("A Negligible Strategic Impact\n\nThe weather was fine.").claims == []


def test_warming_between_third_party_and_partner_is_rapprochement(analyse) -> None:
    text = ("China and North Korea are neighbours. Economic ties between Russia and North Korea are "
            "experiencing a relative boom.")
    (claim,) = analyse(text).claims
    assert claim.type == "rapprochement"


def test_warming_without_a_debate_pack_is_a_thaw(analyse) -> None:
    (claim,) = analyse("Economic ties between Iran and Venezuela are experiencing a relative boom.").claims
    assert claim.type == "thaw_signal"
