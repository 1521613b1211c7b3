"""AttributionFinder: reported speech and belief in ordinary news text, whatever the domain."""
from __future__ import annotations

import pytest


def _atts(analyse, text):
    return [(a.source.text if a.source else None, a.cue.text, a.content.text) for a in analyse(text).attributions]


@pytest.mark.parametrize("text,source,cue,content", [
    ("The mayor said that the bridge would reopen in June.", "The mayor", "said", "the bridge would reopen in June"),
    ("According to the ministry, exports rose by 5 percent.", "the ministry", "According to", "exports rose by 5 percent"),
    ("Exports rose by 5 percent, according to the ministry.", "the ministry", "according to", "Exports rose by 5 percent"),
    ("Stability benefits everyone (Xinhua, May 8).", None, None, None),
    ("As the senator argued, the bill is unfair to farmers.", "the senator", "argued", "the bill is unfair to farmers"),
    ("The bill is unfair to farmers, the senator said.", "the senator", "said", "The bill is unfair to farmers"),
    ("Reuters reported that the plant had closed.", "Reuters", "reported", "the plant had closed"),
    ("Reports that the plant had closed were false.", None, "Reports", "the plant had closed were false"),
    ("Many economists believe that inflation will fall.", "Many economists", "believe", "inflation will fall"),
])
def test_attribution_structures(analyse, text, source, cue, content) -> None:
    atts = _atts(analyse, text)
    assert (source, cue, content) in atts if cue else atts == []


def test_content_excludes_its_closing_citation(analyse) -> None:
    assert _atts(analyse, "The spokeswoman said that stability benefits everyone (Xinhua, May 8).") == [
        ("The spokeswoman", "said", "stability benefits everyone")]


def test_offsets_point_into_the_body(analyse) -> None:
    res = analyse("---\ntitle: T\n---\nThe mayor said that the bridge would reopen.\n")
    (a,) = res.attributions
    body = res.document.body
    for span in (a.source, a.cue, a.content):
        assert body[span.start:span.end] == span.text


def test_no_attribution_without_a_cue(analyse) -> None:
    assert analyse("The bridge reopened in June after repairs.").attributions == []


def test_participle_cue_takes_the_clause_subject(analyse) -> None:
    atts = _atts(analyse, "Some Japanese scholars have published op-eds arguing that the treaty is outdated.")
    assert ("Some Japanese scholars", "arguing", "the treaty is outdated") in atts


def test_content_stops_at_the_next_attribution(analyse) -> None:
    atts = _atts(analyse, "Some analysts argue that tariffs help, while others argue that they hurt.")
    assert ("Some analysts", "argue", "tariffs help") in atts
    assert ("others", "argue", "they hurt") in atts


def test_ordinary_news_text(analyse) -> None:
    text = ('The company said on Tuesday that profits rose 12 percent. "We are very pleased," chief executive '
            'Jane Smith told reporters. Smith added that the firm would hire 500 workers. The union, however, '
            'warned that jobs were at risk. It is widely believed that the merger will close in May.')
    res = analyse(text)
    got = {a.cue.text: (a.holder.name if a.holder else None, a.content.text) for a in res.attributions}
    assert got["said"] == ("company", "profits rose 12 percent")
    assert got["told"] == ("Jane Smith", "We are very pleased")
    assert got["added"] == ("Jane Smith", "the firm would hire 500 workers")
    assert got["warned"] == ("union", "jobs were at risk")
    assert got["believed"] == (None, "the merger will close in May")
