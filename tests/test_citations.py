"""CitationFinder: parenthetical references, partial dates, several sources, notes."""
from __future__ import annotations

import pytest

from argmap.pipeline.citations import CitationParser


@pytest.fixture(scope="module")
def parser(pack):
    return CitationParser(pack.citations)


def test_outlet_and_full_date(parser) -> None:
    (c,) = parser.parse("Global Times, November 27, 2014")
    assert (c.outlet, c.year, c.month, c.day, c.accessed) == ("Global Times", 2014, 11, 27, False)


def test_partial_date_has_no_year(parser) -> None:
    (c,) = parser.parse("Xinhua, May 8")
    assert (c.outlet, c.year, c.month, c.day) == ("Xinhua", None, 5, 8)


def test_see_prefix_is_dropped(parser) -> None:
    (c,) = parser.parse("see China Brief, May 7, 2014")
    assert c.outlet == "China Brief"


def test_accessed_date(parser) -> None:
    (c,) = parser.parse("Chinese Customs, accessed May 15")
    assert c.outlet == "Chinese Customs" and c.accessed and (c.month, c.day) == (5, 15)


def test_several_sources_in_one_parenthesis(parser) -> None:
    cites = parser.parse("Consensus Online, November 1, 2014; Phoenix TV, November 20, 2014")
    assert [(c.outlet, c.day) for c in cites] == [("Consensus Online", 1), ("Phoenix TV", 20)]


def test_dates_without_outlet_inherit_the_previous_one(parser) -> None:
    cites = parser.parse("Global Times, November 27, 2014; December 1, 2014; and December 4, 2014")
    assert [(c.outlet, c.month, c.day) for c in cites] == [("Global Times", 11, 27), ("Global Times", 12, 1), ("Global Times", 12, 4)]


@pytest.mark.parametrize("inner", ["table 1", "PLA", "Since February 2014", "未雨绸缪", "see below"])
def test_non_citations(parser, inner: str) -> None:
    assert parser.parse(inner) == []


def test_year_only(parser) -> None:
    (c,) = parser.parse("People’s Daily Online, 2006")
    assert (c.outlet, c.year, c.month) == ("People’s Daily Online", 2006, None)


def test_claim_citation_takes_year_from_document(analyse) -> None:
    text = "---\ndate: 2015-05\n---\nXinhua compares the two countries to brothers (Xinhua, May 8).\n"
    res = analyse(text)
    (claim,) = res.claims
    assert claim.citation is not None
    assert (claim.citation.outlet, claim.citation.date) == ("Xinhua", "2015-05-08")
    assert res.document.body[claim.citation.start:claim.citation.end] == "(Xinhua, May 8)"


def test_one_source_per_claim_in_order(analyse) -> None:
    text = ("Some scholars argue that Japan's aid undermined the influence of Korea, while others argue that "
            "it eased Korea's burden (Daily A, May 1, 2014; Daily B, May 2, 2014).")
    claims = analyse(text).claims
    assert [(c.type, c.citation.outlet) for c in claims] == [("zero_sum", "Daily A"), ("burden_sharing", "Daily B")]


def test_note_marker_is_kept_as_reference(analyse) -> None:
    text = "Insiders think that the envoy suffered a humiliation in Hanoi. [1]\n\nNotes\n\n  1. Author's interview, Hanoi, April 2015.\n"
    (claim,) = analyse(text).claims
    assert claim.citation is not None and claim.citation.outlet == "note 1"
    assert claim.citation.raw == "Author's interview, Hanoi, April 2015."
