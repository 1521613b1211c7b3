"""Argument-map rendering: SVG structure, escaping of hostile text, determinism, filters, CLI end to end."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.model import Actor, ArgumentMap, Citation, Claim, Edge, Position, Provenance, Question, TextSpan
from argmap.render import MapInput, render
from argmap.render.dot import dot_source, run_dot
from argmap.render.html import to_html
from argmap.render.view import RenderOptions

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HOSTILE = 'He said "x < y && z > w" {rank=same} C:\\path\\n \\" </script><script>alert(1)</script> \u2028end'
COLORS = {"zero_sum": "#D55E00", "limited_impact": "#56B4E9", "thaw_signal": "#E69F00", "chill_signal": "#0072B2"}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

AUTHOR = Actor(id="author", name="author", kind="author")
LU = Actor(id="lu_chao", name="Lü Chao", kind="expert")
XINHUA = Actor(id="xinhua", name="Xinhua", kind="media")


def claim(n: int, type_: str, holder: Actor, text: str, negated: bool = False, outlet: str | None = None) -> Claim:
    start = 100 * n
    cite = Citation(outlet=outlet, date="2015-05-08", raw=f"({outlet}, May 8)", start=start + 60, end=start + 70) if outlet else None
    return Claim(id=Claim.make_id("doc", start, start + 50, type_), doc="doc", start=start, end=start + 50, text=text,
                 sentence=f"Sentence of {text}", type=type_, holder=holder, negated=negated, citation=cite,
                 rule=f"{type_}.rule{n}", cue="argues" if holder is LU else None,
                 provenance=Provenance(frame_rule=f"{type_}.rule{n}", frame_span=TextSpan(start=start, end=start + 5, text=text[:5]),
                                       holder_via="attribution" if holder is not AUTHOR else "author"))


def hand_map(hostile: bool = False) -> ArgumentMap:
    """Two questions, four positions, six claims (one negated: an attack), three actors."""
    claims = [
        claim(1, "zero_sum", LU, HOSTILE if hostile else "Russia erodes Chinese influence in Pyongyang.", outlet="Dangjian"),
        claim(2, "limited_impact", AUTHOR, "Russia's involvement is not a game changer."),
        claim(3, "limited_impact", LU, "The impact is extremely limited.", outlet="Dangjian"),
        claim(4, "thaw_signal", XINHUA, "Xinhua compared relations to brothers.", outlet="Xinhua"),
        claim(5, "thaw_signal", AUTHOR, "Reports that Kim stopped over in Beijing were misguided.", negated=True),
        claim(6, "chill_signal", AUTHOR, "China interrupted political contacts."),
    ]
    questions = [Question(id="influence", text="Does Russia undermine Chinese influence?", positions=["influence.yes", "influence.no"]),
                 Question(id="trajectory", text="Are relations thawing?", positions=["trajectory.thawing", "trajectory.frozen"])]
    positions = [Position(id="influence.yes", question="influence", text="Yes: zero-sum"),
                 Position(id="influence.no", question="influence", text="No: negligible"),
                 Position(id="trajectory.thawing", question="trajectory", text="Thawing"),
                 Position(id="trajectory.frozen", question="trajectory", text="Frozen")]
    links = [("supports", 0, "influence.yes"), ("supports", 1, "influence.no"), ("supports", 2, "influence.no"),
             ("supports", 3, "trajectory.thawing"), ("attacks", 4, "trajectory.thawing"), ("supports", 5, "trajectory.frozen")]
    edges = [Edge(kind=k, source=claims[i].id, target=p, rule="link") for k, i, p in links]
    edges += [Edge(kind="holds", source=c.holder.id, target=c.id) for c in claims]
    return ArgumentMap(debate="test_debate", questions=questions, positions=positions, claims=claims,
                       actors=[AUTHOR, LU, XINHUA], citations=[c.citation for c in claims if c.citation],
                       documents=["doc"], edges=edges)


def svg_nodes(svg: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.findtext(f"{SVG}title"): g for g in root.iter(f"{SVG}g") if g.get("class", "").split()[:1] == ["node"]
            or "node" in g.get("class", "").split()}


def top_y(g: ET.Element) -> float:
    """The highest point of a node's outline (SVG y grows downwards)."""
    ys = []
    for el in g.iter():
        if el.tag in (f"{SVG}polygon", f"{SVG}path") and (el.get("points") or el.get("d")):
            nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", el.get("points") or el.get("d") or "")]
            ys.extend(nums[1::2])
        if el.tag == f"{SVG}ellipse":
            ys.append(float(el.get("cy")) - float(el.get("ry")))
    return min(ys)


@needs_dot
def test_svg_has_questions_on_top_then_positions_then_claims_and_actors() -> None:
    amap = hand_map()
    nodes = svg_nodes(run_dot(dot_source(amap, COLORS), "svg"))
    for name in ("q-influence", "q-trajectory", "p-influence.yes", "p-influence.no", "p-trajectory.thawing", "p-trajectory.frozen"):
        assert name in nodes, name
        assert nodes[name].get("id") == f"m-{name}"
    assert all(c.id in nodes for c in amap.claims)
    actors = [n for n, g in nodes.items() if "actor" in g.get("class", "")]
    assert len(actors) >= 3
    q = max(top_y(nodes[n]) for n in ("q-influence", "q-trajectory"))
    p = [top_y(nodes[f"p-{x}"]) for x in ("influence.yes", "influence.no", "trajectory.thawing", "trajectory.frozen")]
    assert len(set(p)) == 1 and q < p[0]  # questions above one row of positions
    assert all(top_y(nodes[c.id]) > p[0] for c in amap.claims)
    assert all(top_y(nodes[a]) > min(top_y(nodes[c.id]) for c in amap.claims) for a in actors)
    tooltip = nodes["p-influence.no"].find(f".//{SVG}a").get(f"{XLINK}title")
    assert "negligible" in tooltip


@needs_dot
def test_support_and_attack_edges_differ_in_line_and_arrowhead_not_only_colour() -> None:
    amap = hand_map()
    root = ET.fromstring(run_dot(dot_source(amap, COLORS), "svg"))
    edges = {g.findtext(f"{SVG}title"): g for g in root.iter(f"{SVG}g") if "edge" in g.get("class", "").split()}
    neg = next(c for c in amap.claims if c.negated)
    pos = next(c for c in amap.claims if c.type == "thaw_signal" and not c.negated)
    attack, support = edges[f"{neg.id}->p-trajectory.thawing"], edges[f"{pos.id}->p-trajectory.thawing"]
    assert "attacks" in attack.get("class") and "supports" in support.get("class")
    assert attack.find(f".//{SVG}path").get("stroke-dasharray") and not support.find(f".//{SVG}path").get("stroke-dasharray")
    assert attack.findall(f".//{SVG}polyline") or attack.findall(f".//{SVG}polygon")  # tee arrowhead
    assert len(support.findall(f".//{SVG}polygon")) == 1  # filled triangle


def test_claim_colour_by_type_and_legend() -> None:
    src = dot_source(hand_map(), COLORS)
    assert 'BGCOLOR="#D55E00"' in src and 'BGCOLOR="#E69F00"' in src
    assert "cluster_legend" in src and "legend-supports-c" in src and "legend-attacks-c" in src


@needs_dot
def test_hostile_text_is_escaped_in_dot_svg_and_html() -> None:
    amap = hand_map(hostile=True)
    src = dot_source(amap, COLORS)
    svg = run_dot(src, "svg")  # dot accepts the source (no syntax error, no label injection)
    root = ET.fromstring(svg)  # and the SVG is well-formed XML
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    titles = [a.get(f"{XLINK}title") or "" for a in root.iter(f"{SVG}a")]
    assert any('"x < y && z > w" {rank=same} C:\\path\\n \\" </script><script>alert(1)</script>' in t for t in titles)
    labels = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert 'He said "x < y' in labels
    page = to_html(amap, COLORS, documents=[])
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data_text = page.split('<script type="application/json" id="argmap-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_text and ">" not in data_text and "&" not in data_text and "\u2028" not in data_text
    data = json.loads(data_text)
    hostile_claim = amap.claims[0]
    assert data["claims"][hostile_claim.id]["text"] == " ".join(HOSTILE.split())


@needs_dot
def test_outputs_are_byte_identical_across_runs() -> None:
    a, b = hand_map(), hand_map()
    assert dot_source(a, COLORS) == dot_source(b, COLORS)
    assert run_dot(dot_source(a, COLORS), "svg") == run_dot(dot_source(b, COLORS), "svg")
    assert to_html(a, COLORS) == to_html(b, COLORS)
    shuffled = b.model_copy(update={"claims": list(reversed(b.claims)), "edges": list(reversed(b.edges))})
    assert dot_source(shuffled, COLORS) == dot_source(a, COLORS)


def test_filters_question_type_actor_min_support() -> None:
    amap = hand_map()
    src = dot_source(amap, COLORS, RenderOptions(questions=("trajectory",)))
    assert "q-trajectory" in src and "q-influence" not in src and "p-influence.no" not in src
    src = dot_source(amap, COLORS, RenderOptions(types=("limited_impact",)))
    kept = {c.id for c in amap.claims if c.type == "limited_impact"}
    assert all((c.id in src) == (c.id in kept) for c in amap.claims)
    src = dot_source(amap, COLORS, RenderOptions(actors=("lü chao",)))
    assert all((c.id in src) == (c.holder.id == "lu_chao") for c in amap.claims)
    src = dot_source(amap, COLORS, RenderOptions(min_support=2))
    assert "p-influence.no" in src and "p-influence.yes" not in src and "q-trajectory" not in src


def test_unknown_question_is_a_user_error() -> None:
    from argmap.errors import ArgmapError

    with pytest.raises(ArgmapError, match="unknown question 'nope'"):
        dot_source(hand_map(), COLORS, RenderOptions(questions=("nope",)))


def test_collapse_aggregates_per_actor_type_position() -> None:
    amap = hand_map()
    amap.claims.append(claim(7, "limited_impact", LU, "Russia cannot pay for it.", outlet="Dangjian"))
    amap.edges.append(Edge(kind="supports", source=amap.claims[-1].id, target="influence.no"))
    src = dot_source(amap, COLORS, RenderOptions(collapse=True))
    assert "limited_impact ×2" in src
    assert not any(c.id in src for c in amap.claims)
    groups = set(re.findall(r'\bg-[0-9a-f]{10}\b', src))
    assert len(groups) == 6  # (Lü, zero_sum, yes) (author, limited, no) (Lü, limited, no x2) (Xinhua, thaw) (author, thaw attack) (author, chill)


# ---- end to end through the CLI ---------------------------------------------------------------

runner = CliRunner()


def _linker_ready() -> bool:
    try:
        import argmap.link  # noqa: F401
    except ImportError:
        return False
    return True


needs_link = pytest.mark.skipif(not _linker_ready(), reason="argmap.link (the linker) is not installed yet")


@needs_dot
@needs_link
@pytest.mark.parametrize("suffix", [".svg", ".dot", ".html", ".png"])
def test_cli_render_each_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"map{suffix}"
    result = runner.invoke(app, ["render", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if suffix == ".svg":
        nodes = svg_nodes(data)
        assert {"q-isolation", "q-influence", "q-trajectory", "p-trajectory.thawing", "p-influence.no"} <= set(nodes)
    elif suffix == ".dot":
        assert data.startswith(b"digraph argmap {") and b"rankdir=BT" in data
    elif suffix == ".html":
        text = data.decode()
        assert "<svg" in text and 'id="argmap-data"' in text and "http://" not in text.split("<svg", 1)[0]
    else:
        assert data.startswith(b"\x89PNG\r\n\x1a\n")


@needs_dot
@needs_link
def test_cli_render_options_and_determinism(tmp_path: Path) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    args = ["--question", "influence", "--collapse", "--min-support", "1"]
    assert runner.invoke(app, ["render", str(CORPUS), "-o", str(a), *args]).exit_code == 0
    assert runner.invoke(app, ["render", str(CORPUS), "-o", str(b), *args]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    nodes = svg_nodes(a.read_bytes())
    assert "q-influence" in nodes and "q-trajectory" not in nodes


def test_cli_render_bad_suffix_and_unknown_question(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(CORPUS), "-o", str(tmp_path / "map.pdf")])
    assert result.exit_code == 2 and "use .svg, .png, .dot or .html" in result.output
    assert "Traceback" not in result.output


@needs_link
def test_cli_render_unknown_question(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(CORPUS), "-o", str(tmp_path / "m.dot"), "--question", "nope"])
    assert result.exit_code == 2 and "unknown question 'nope'" in result.output


@needs_link
def test_cli_render_refuses_to_overwrite_input(tmp_path: Path) -> None:
    doc = tmp_path / "a.html"
    doc.write_text("text", encoding="utf-8")
    result = runner.invoke(app, ["render", str(doc), "-o", str(doc)])
    assert result.exit_code == 2 and doc.read_text(encoding="utf-8") == "text"


def test_render_map_input_png_signature() -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    png = render(MapInput(hand_map(), [], COLORS), "png")
    assert png.startswith(b"\x89PNG")


def _stances_ready() -> bool:
    try:
        import argmap.stances  # noqa: F401
    except ImportError:
        return False
    return _linker_ready()


@pytest.mark.skipif(not _stances_ready(), reason="argmap.link / argmap.stances are not installed yet")
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
@pytest.mark.parametrize("by", ["position", "actor"])
def test_cli_stances_each_format(tmp_path: Path, fmt: str, by: str) -> None:
    result = runner.invoke(app, ["stances", str(CORPUS), "--format", fmt, "--by", by])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)
    out = tmp_path / "stances.txt"
    again = runner.invoke(app, ["stances", str(CORPUS), "--format", fmt, "--by", by, "-o", str(out)])
    assert again.exit_code == 0 and out.read_text(encoding="utf-8") == result.stdout
