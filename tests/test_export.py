"""Exports: AIF node/edge rules, Argdown, GraphML networks, DNA event list, CSV; hostile labels; determinism."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.export import FORMATS, exporter
from argmap.export.aif import validate_aif
from argmap.export.dna import COLUMNS
from argmap.export.graphml import actor_networks
from argmap.link import build_map
from argmap.model import Actor, Citation

from conftest import CORPUS
from test_link import AUTHOR, DOC, MANY, XI, claim

HOSTILE = 'He said "no" <script>alert(1)</script> & {x} \\ =SUM(A1)'
RIVAL = Actor(id="rival", name='Rival "Think" <Tank> & {Co}', kind="expert")


def _map(pack):
    cit = Citation(outlet="Xinhua <News>", date="2015-05-08", raw="Xinhua, May 8", start=0, end=5)
    claims = [claim(1, "thaw_signal", "China and North Korea", XI, citation=cit),
              claim(2, "thaw_signal", "China and North Korea", AUTHOR, negated=True),
              claim(3, "chill_signal", "China and North Korea", RIVAL),
              claim(4, "nuclear_realism", "x", MANY)]
    claims[0] = claims[0].model_copy(update={"text": HOSTILE})
    return build_map(claims, pack, [DOC])


def test_aif_node_and_edge_rules(pack) -> None:
    data = json.loads(exporter("aif")(_map(pack), [DOC]))
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    assert {n["type"] for n in nodes.values()} == {"I", "L", "YA", "RA", "CA"}
    for e in data["edges"]:
        assert e["fromID"] in nodes and e["toID"] in nodes
    incoming: dict[str, list[str]] = {k: [] for k in nodes}
    outgoing: dict[str, list[str]] = {k: [] for k in nodes}
    for e in data["edges"]:
        outgoing[e["fromID"]].append(e["toID"])
        incoming[e["toID"]].append(e["fromID"])
    for nid, n in nodes.items():
        if n["type"] in ("RA", "CA"):
            assert len(outgoing[nid]) == 1 and nodes[outgoing[nid][0]]["type"] == "I"
            assert incoming[nid] and all(nodes[i]["type"] == "I" for i in incoming[nid])
        if n["type"] == "YA":
            assert [nodes[i]["type"] for i in incoming[nid]] == ["L"] and [nodes[o]["type"] for o in outgoing[nid]] == ["I"]
        if n["type"] == "L":
            assert [nodes[o]["type"] for o in outgoing[nid]] == ["YA"]
    assert any(n["text"] == HOSTILE for n in nodes.values())
    assert sum(1 for n in nodes.values() if n["type"] == "CA") == 1  # the negated thaw claim attacks
    assert validate_aif(data) == []


def test_validate_aif_finds_broken_graphs(pack) -> None:
    data = json.loads(exporter("aif")(_map(pack), [DOC]))
    ra = next(n["nodeID"] for n in data["nodes"] if n["type"] == "RA")
    broken = {**data, "edges": [e for e in data["edges"] if e["fromID"] != ra] + [{"edgeID": "x", "fromID": "1", "toID": "999"}]}
    problems = validate_aif(broken)
    assert any("not a node" in p for p in problems) and any(f"RA node {ra}" in p for p in problems)


def test_argdown_relations_and_escaping(pack) -> None:
    text = exporter("argdown")(_map(pack), [DOC])
    assert "[trajectory.thawing]: Thawing" in text
    assert "<+ <c1>:" in text and "<- <c2>:" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert 'holder: "Rival \\"Think\\" \\<Tank\\>' not in text  # metadata is quoted, not markup-escaped
    assert 'holder: "Rival \\"Think\\" <Tank> & \\u007BCo\\u007D"' in text  # braces cannot end the data block


def test_graphml_networks(pack) -> None:
    amap = _map(pack)
    root = ET.fromstring(exporter("graphml")(amap, [DOC]))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graphs = {g.get("id"): g for g in root.findall("g:graph", ns)}
    assert set(graphs) == {"actor_position", "congruence", "conflict", "subtract"}
    node_ids = [n.get("id") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")]
    assert len(node_ids) == len(set(node_ids))  # graphs kept apart in one file
    for g in graphs.values():
        ids = {n.get("id") for n in g.findall("g:node", ns)}
        assert all(e.get("source") in ids and e.get("target") in ids for e in g.findall("g:edge", ns))
    labels = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert 'Rival "Think" <Tank> & {Co}' in labels
    nets = actor_networks(amap)
    # Xi supports thawing, the author attacks it: conflict; Xi and the rival take no common position.
    assert nets["conflict"] == {("author:d", "xi_jinping"): 1}
    assert nets["subtract"][("author:d", "xi_jinping")] == -1


def test_dna_event_list(pack) -> None:
    text = exporter("dna")(_map(pack), [DOC])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == COLUMNS
    assert all(line.startswith('"') for line in text.splitlines())
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert {(r["concept"], r["agreement"]) for r in body} >= {("Thawing", "1"), ("Thawing", "0"), ("Frozen or cooling", "1")}
    xi = next(r for r in body if r["statement_id"] == "1")
    assert xi["person"] == "Xi Jinping" and xi["text"] == HOSTILE and xi["time"] == "2015-05-08"
    assert all(not r["text"].startswith("=") for r in body)


def test_csv_neutralises_formulas(pack) -> None:
    amap = _map(pack)
    amap.claims[0] = amap.claims[0].model_copy(update={"text": "=HYPERLINK(1)"})
    rows = list(csv.DictReader(io.StringIO(exporter("csv")(amap, [DOC]))))
    assert rows[0]["text"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_each_format_deterministic(tmp_path: Path, fmt: str) -> None:
    runner = CliRunner()
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for out in (a, b):
        result = runner.invoke(app, ["export", str(CORPUS), "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 500
    if fmt == "aif":
        data = json.loads(a.read_text())
        assert validate_aif(data) == [] and {n["type"] for n in data["nodes"]} >= {"I", "L", "YA", "RA"}
    if fmt == "dna":
        rows = list(csv.DictReader(io.StringIO(a.read_text()), delimiter=";"))
        assert {r["agreement"] for r in rows} <= {"0", "1"} and all(r["coder"] == "argmap" for r in rows)
        assert not any(r["person"] == "Chinese experts" for r in rows)  # a collective is an organization


NS = "{http://graphml.graphdrawing.org/xmlns}"


def _edge_weights(graph: ET.Element) -> dict[tuple[str, str], float]:
    out = {}
    for e in graph.iter(f"{NS}edge"):
        w = next(d.text for d in e.iter(f"{NS}data") if d.get("key") == "weight")
        out[(e.get("source"), e.get("target"))] = float(w)
    return out


def test_graphml_single_network_weights(pack) -> None:
    from argmap.export.graphml import to_graphml

    agree = Actor(id="ally", name="Ally", kind="expert")
    claims = [claim(1, "thaw_signal", "China and North Korea", XI), claim(2, "thaw_signal", "China and North Korea", agree),
              claim(3, "engagement", "x", XI), claim(4, "engagement", "x", agree),
              claim(5, "thaw_signal", "China and North Korea", AUTHOR, negated=True)]
    amap = build_map(claims, pack, [DOC])
    for name, expected in {"congruence": {("actor:ally", "actor:xi_jinping"): 2.0},
                           "conflict": {("actor:ally", "actor:author:d"): 1.0, ("actor:author:d", "actor:xi_jinping"): 1.0},
                           "subtract": {("actor:ally", "actor:xi_jinping"): 2.0, ("actor:ally", "actor:author:d"): -1.0,
                                        ("actor:author:d", "actor:xi_jinping"): -1.0}}.items():
        root = ET.fromstring(to_graphml(amap, [DOC], network=name))
        graphs = root.findall(f"{NS}graph")
        assert [g.get("id") for g in graphs] == [name]
        assert _edge_weights(graphs[0]) == expected
    two_mode = ET.fromstring(to_graphml(amap, [DOC], network="actor_position")).find(f"{NS}graph")
    weights = _edge_weights(two_mode)
    assert weights[("actor:xi_jinping", "position:trajectory.thawing")] == 1.0
    assert weights[("actor:author:d", "position:trajectory.thawing")] == 1.0
    agreement = {e.get("source"): next(d.text for d in e if d.get("key") == "agreement") for e in two_mode.iter(f"{NS}edge")
                 if e.get("target") == "position:trajectory.thawing"}
    assert agreement == {"actor:xi_jinping": "1", "actor:ally": "1", "actor:author:d": "0"}
    with pytest.raises(ValueError):
        to_graphml(amap, [DOC], network="nope")


def test_graphml_drops_characters_xml_cannot_hold(pack) -> None:
    odd = Actor(id="odd", name="Odd\x01Name\x1b[0m \ud800 <b>&amp;", kind="expert")
    amap = build_map([claim(1, "thaw_signal", "China and North Korea", odd)], pack, [DOC])
    root = ET.fromstring(exporter("graphml")(amap, [DOC]))  # parses: no control characters, no lone surrogates
    labels = {d.text for d in root.iter(f"{NS}data") if d.get("key") == "label"}
    assert "OddName[0m  <b>&amp;" in labels


def test_argdown_titles_tags_comments_and_data(pack) -> None:
    from argmap.export.argdown import _meta, _tag, _text, _title

    assert _title("nuclear_goal.freeze") == "nuclear_goal.freeze"  # titles are raw: no backslashes
    assert _title("a]b[c<d>") == "a b c d"
    assert _tag("nuclear_goal.freeze") == "nuclear_goal-freeze"
    assert _text("see http://x.org // not a comment @[ref]") == "see http:\\/\\/x.org \\/\\/ not a comment \\@\\[ref\\]"
    assert _meta('} x {\n"q"\\') == '"\\u007D x \\u007B \\"q\\"\\\\"'
    text = exporter("argdown")(_map(pack), [DOC])
    assert "[nuclear_goal.freeze]:" in text and "#question-nuclear_goal" in text and "\\_" not in text.split("#")[0]
    for line in text.splitlines():
        if line.lstrip().startswith(("<+", "<-")):
            data = line[line.index(" {") + 1:]
            assert data.endswith("}") and data.count("{") == 1 and data.count("}") == 1


def test_dna_person_organization_columns(pack) -> None:
    from argmap.export.dna import is_person, person_and_organization

    named = Actor(id="lu_chao", name="Lü Chao", kind="expert")
    assert is_person(named) and is_person(XI)
    assert not is_person(Actor(id="ce", name="Chinese experts", kind="expert"))
    assert not is_person(Actor(id="ic", name="Insiders in China", kind="expert"))
    assert not is_person(Actor(id="mc", name="Many In China", kind="expert", quantifier="many"))
    assert not is_person(Actor(id="x", name="Xinhua News", kind="media"))
    assert person_and_organization(XI, DOC) == ("Xi Jinping", "Chinese President")
    assert person_and_organization(named, DOC) == ("Lü Chao", "")
    assert person_and_organization(MANY, DOC) == ("", "Chinese experts")
    doc = DOC.model_copy(update={"publication": "China Brief", "metadata": {"author": "Jane Roe"}})
    assert person_and_organization(AUTHOR, doc) == ("Jane Roe", "China Brief")
    assert person_and_organization(AUTHOR, DOC) == ("author", "")


def test_aif_participants_match_locutions(pack) -> None:
    data = json.loads(exporter("aif")(_map(pack), [DOC]))
    people = {p["participantID"]: p["surname"] for p in data["participants"]}
    assert {loc["personID"] for loc in data["locutions"]} == set(people)
    assert people["xi_jinping"] == "Xi Jinping" and people["author:d"] == "author"
    l_nodes = {n["nodeID"]: n["text"] for n in data["nodes"] if n["type"] == "L"}
    assert {loc["nodeID"] for loc in data["locutions"]} == set(l_nodes)
    assert any(t.startswith("Xi Jinping: ") for t in l_nodes.values())


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_labels_survive_every_export(pack, fmt: str) -> None:
    amap = _map(pack)
    formula = "=" + HOSTILE
    amap.claims[1] = amap.claims[1].model_copy(update={"text": formula})
    text = exporter(fmt)(amap, [DOC])
    if fmt == "aif":
        texts = {n["text"] for n in json.loads(text)["nodes"]}
        assert HOSTILE in texts and formula in texts
    elif fmt == "graphml":
        root = ET.fromstring(text)
        assert 'Rival "Think" <Tank> & {Co}' in {d.text for d in root.iter(f"{NS}data")}
        assert "<Tank>" not in text and "&lt;Tank&gt;" in text
    elif fmt == "argdown":
        assert "<script>" not in text and "{x}" not in text and "\\{x\\}" in text
    else:  # dna, csv: every row as wide as the header, quotes round-trip, formulas neutralised
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if fmt == "dna" else ","))
        assert all(len(r) == len(rows[0]) for r in rows)
        cells = [cell for r in rows for cell in r]
        assert HOSTILE in cells and "'" + formula in cells and not any(c.startswith("=") for c in cells)
    assert exporter(fmt)(amap, [DOC]) == text  # byte-identical on a second run


def test_cli_graphml_network_and_bad_inputs(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "congruence.graphml"
    result = runner.invoke(app, ["export", str(CORPUS), "--to", "graphml", "--network", "congruence", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graphs = ET.fromstring(out.read_text()).findall(f"{NS}graph")
    assert [g.get("id") for g in graphs] == ["congruence"] and graphs[0].findall(f"{NS}edge")
    bad = runner.invoke(app, ["export", str(CORPUS), "--to", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 2 and not (tmp_path / "x.pdf").exists()
    doc = next(CORPUS.glob("*.md"))
    before = doc.read_bytes()
    refused = runner.invoke(app, ["export", str(doc), "--to", "csv", "-o", str(doc)])
    assert refused.exit_code == 2 and doc.read_bytes() == before
