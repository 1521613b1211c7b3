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


def test_argdown_relations_and_escaping(pack) -> None:
    text = exporter("argdown")(_map(pack), [DOC])
    assert "[trajectory.thawing]: Thawing" in text
    assert "<+ <c1>:" in text and "<- <c2>:" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert 'holder: "Rival \\"Think\\" \\<Tank\\>' not in text  # metadata is quoted, not markup-escaped
    assert 'holder: "Rival \\"Think\\" <Tank> & {Co}"' in text


def test_graphml_networks(pack) -> None:
    amap = _map(pack)
    root = ET.fromstring(exporter("graphml")(amap, [DOC]))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graphs = {g.get("id"): g for g in root.findall("g:graph", ns)}
    assert set(graphs) == {"actor_position", "congruence", "conflict", "subtract"}
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
