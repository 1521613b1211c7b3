"""ArgumentMap -> Graphviz DOT (questions on top, positions under them, claims in rows under positions), SVG/PNG via `dot`."""
from __future__ import annotations

import shutil
import subprocess

import graphviz

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Claim
from argmap.render.text import dot_esc, dot_lines, html_text, shorten, wrap
from argmap.render.view import Item, Layout, RenderOptions, actor_label, filter_map, layout, node_id

SUPPORT = {"color": "#1B7837", "style": "solid", "arrowhead": "normal", "penwidth": "1.6"}
ATTACK = {"color": "#B2182B", "style": "dashed", "arrowhead": "tee", "penwidth": "1.6"}
FALLBACK_COLOR = "#777777"
FONT = "Helvetica"


def qid(question: str) -> str:
    return node_id("q-", question)


def pid(position: str) -> str:
    return node_id("p-", position)


def svg_id(name: str) -> str:
    """The id a node gets in SVG ('m-' keeps map ids apart from the reading view's claim anchors)."""
    return f"m-{name}"


def _luminance(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink_on(hex_color: str) -> str:
    """Black or white text, whichever contrasts more with the background."""
    lum = _luminance(hex_color)
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#FFFFFF"


def citation_text(c: Claim) -> str:
    if not c.citation:
        return ""
    return c.citation.outlet + (f", {c.citation.date}" if c.citation.date else "")


def claim_tooltip(c: Claim) -> list[str]:
    flags = [f for f, on in (("negated", c.negated), ("hedged", c.hedged)) if on]
    lines = [f"{c.type}{' (' + ', '.join(flags) + ')' if flags else ''} — held by {actor_label(c.holder)} ({c.holder.kind})",
             f"“{c.text}”"]
    if c.citation:
        lines.append(f"Citation: {citation_text(c)} — {c.citation.raw}")
    lines.append(f"Rule: {c.rule}" + (f" · cue: {c.cue}" if c.cue else "") + f" · {c.doc}:{c.start}-{c.end}")
    return lines


def _html_lines(lines: list[str]) -> str:
    return "".join(f'{html_text(line)}<BR ALIGN="LEFT"/>' for line in lines)


def item_label(it: Item, color: str) -> str:
    c = it.claims[0]
    flags = "".join(f" · {f}" for f, on in (("NOT", it.negated), ("hedged", all(x.hedged for x in it.claims))) if on)
    head = f"{it.type}{flags}" if len(it.claims) == 1 else f"{it.type} ×{len(it.claims)}{flags}"
    if len(it.claims) == 1:
        body = _html_lines(wrap(c.text, 34, 4))
        foot = actor_label(it.actor) + (f" · {citation_text(c)}" if c.citation else "")
    else:
        body = _html_lines(wrap(" · ".join(x.text for x in it.claims[:3]), 34, 3))
        outlets = sorted({x.citation.outlet for x in it.claims if x.citation})
        foot = actor_label(it.actor) + (f" · {', '.join(outlets)}" if outlets else "")
    return ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
            f'<TR><TD BGCOLOR="{color}" ALIGN="LEFT"><FONT COLOR="{ink_on(color)}" POINT-SIZE="9"><B>{html_text(head)}</B></FONT></TD></TR>'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{body}</TD></TR>'
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="#444444">{html_text(shorten(foot, 44))}</FONT></TD></TR>'
            '</TABLE>>')


def question_label(text: str) -> str:
    return ('<<FONT POINT-SIZE="9" COLOR="#555555">QUESTION</FONT><BR/>'
            f'<FONT POINT-SIZE="13"><B>{"<BR/>".join(html_text(x) for x in wrap(text, 30, 4))}</B></FONT>>')


def position_label(text: str, support: dict[str, int]) -> str:
    counts = f"▲ {support.get('supports', 0)} support · ▼ {support.get('attacks', 0)} attack"
    return (f'<<FONT POINT-SIZE="11"><B>{"<BR/>".join(html_text(x) for x in wrap(text, 26, 3))}</B></FONT><BR/>'
            f'<FONT POINT-SIZE="9" COLOR="#444444">{html_text(counts)}</FONT>>')


def item_tooltip(it: Item) -> str:
    if len(it.claims) == 1:
        return dot_lines(claim_tooltip(it.claims[0]))
    lines = [f"{len(it.claims)} {it.type} claims held by {actor_label(it.actor)}"]
    for c in it.claims:
        lines.append(f"• “{shorten(c.text, 160)}”" + (f" ({citation_text(c)})" if c.citation else ""))
    return dot_lines(lines)


def _legend(g: graphviz.Digraph, colors: dict[str, str], types: list[str]) -> None:
    rows = "".join(
        f'<TR><TD BGCOLOR="{colors.get(t, FALLBACK_COLOR)}" WIDTH="14"> </TD><TD ALIGN="LEFT">{html_text(t)}</TD></TR>'
        for t in types)
    with g.subgraph(name="cluster_legend") as lg:
        lg.attr(label="Legend", fontname=FONT, fontsize="11", style="rounded", color="#BBBBBB")
        lg.node("legend-types", tooltip="claim types", shape="plain", label=(
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>claim type</B></TD></TR>{rows}</TABLE>>'))
        for kind, style in (("supports", SUPPORT), ("attacks", ATTACK)):
            lg.node(f"legend-{kind}-c", label="claim", shape="box", style="rounded", fontsize="9", tooltip="claim")
            lg.node(f"legend-{kind}-p", label=f"position it {kind}", shape="box", style="rounded,bold",
                    fontsize="9", tooltip="position")
            lg.edge(f"legend-{kind}-c", f"legend-{kind}-p", label=f" {kind}", fontsize="9", fontcolor=style["color"],
                    tooltip=kind, **style)
        lg.edge("legend-types", "legend-supports-c", style="invis")
        lg.edge("legend-types", "legend-attacks-c", style="invis")


def _item_nodes(g: graphviz.Digraph, lay: Layout, col_index: int, colors: dict[str, str]) -> None:
    """Each row: one actor's claims side by side, the actor under them with a fan of 'holds' lines."""
    for row in lay.columns[col_index].rows:
        with g.subgraph() as r:
            r.attr(rank="same")
            for it in row.items:
                color = colors.get(it.type, FALLBACK_COLOR)
                r.node(it.id, id=svg_id(it.id), label=item_label(it, color), tooltip=item_tooltip(it), shape="box", style="rounded",
                       color=color, penwidth="2", margin="0", **{"class": f"claim type-{it.type}"})
        g.node(row.anchor, id=svg_id(row.anchor), label=dot_esc(actor_label(row.actor)), tooltip=dot_esc(
            f"{actor_label(row.actor)} ({row.actor.kind}{', ' + row.actor.title if row.actor.title else ''})"),
            shape="ellipse", style="filled", fillcolor="#EEEEEE", color="#999999", fontsize="9", height="0.3",
            **{"class": "actor"})
        for it in row.items:
            g.edge(row.anchor, it.id, color="#999999", arrowhead="none", penwidth="0.8", tooltip="holds",
                   **{"class": "holds"})


def to_dot(amap: ArgumentMap, colors: dict[str, str], opts: RenderOptions = RenderOptions()) -> graphviz.Digraph:
    """The map as a graphviz.Digraph: deterministic for a given map and options."""
    view = filter_map(amap, opts)
    lay = layout(view, opts.collapse)
    g = graphviz.Digraph("argmap")
    title = opts.title or (f"Argument map: {view.debate}" if view.debate else "Argument map")
    g.attr("graph", rankdir="BT", newrank="true", nodesep="0.25", ranksep="0.45", fontname=FONT, fontsize="16",
           label=dot_esc(f"{title} — {len(view.claims)} claims, {len(view.documents)} document(s)"), labelloc="t",
           tooltip=dot_esc(title), bgcolor="white", outputorder="edgesfirst")
    g.attr("node", fontname=FONT, fontsize="10")
    g.attr("edge", fontname=FONT)
    positions_of = {q.id: [p for p in view.positions if p.question == q.id] for q in view.questions}
    columns_of: dict[str | None, list[int]] = {}
    for ci, col in enumerate(lay.columns):
        columns_of.setdefault(col.question, []).append(ci)
    for q in view.questions:
        with g.subgraph(name=f"cluster_{qid(q.id)}") as qc:
            qc.attr(label="", style="rounded", color="#DDDDDD", margin="10")
            qc.node(qid(q.id), id=svg_id(qid(q.id)), label=question_label(q.text), tooltip=dot_esc(q.text), shape="box",
                    style="rounded,filled,bold", fillcolor="#F2F2F2", penwidth="2", margin="0.1",
                    **{"class": "question"})
            for p in positions_of[q.id]:
                qc.node(pid(p.id), id=svg_id(pid(p.id)), label=position_label(p.text, lay.support.get(p.id, {})),
                        tooltip=dot_esc(f"{p.id}: {p.text}"), shape="box", style="rounded,bold", penwidth="1.5",
                        **{"class": "position"})
            for ci in columns_of.get(q.id, []):
                _item_nodes(qc, lay, ci, colors)
    for ci in columns_of.get(None, []):
        with g.subgraph(name="cluster_unlinked") as cg:
            cg.attr(label="Claims linked to no position", fontsize="11", style="rounded,dashed", color="#BBBBBB")
            _item_nodes(cg, lay, ci, colors)
    with g.subgraph() as top:
        top.attr(rank="max")
        for q in view.questions:
            top.node(qid(q.id))
    with g.subgraph() as prow:
        prow.attr(rank="same")
        for p in view.positions:
            prow.node(pid(p.id))
    for p in view.positions:
        g.edge(pid(p.id), qid(p.question), color="#555555", arrowhead="none", penwidth="2", tooltip="answers",
               **{"class": "answers"})
    for col in lay.columns:
        for upper, lower in zip(col.rows, col.rows[1:]):
            g.edge(lower.items[0].id, upper.anchor, style="invis", weight="4")
    for it in lay.items:
        for kind, position in it.links:
            g.edge(it.id, pid(position), tooltip=kind, **(SUPPORT if kind == "supports" else ATTACK),
                   **{"class": kind})
    types = sorted({c.type for c in view.claims} | set(opts.types)) or sorted(colors)
    _legend(g, colors, types)
    return g


def dot_source(amap: ArgumentMap, colors: dict[str, str], opts: RenderOptions = RenderOptions()) -> str:
    return to_dot(amap, colors, opts).source


DOT_TIMEOUT_S = 600


def run_dot(source: str, fmt: str) -> bytes:
    """Lay out DOT source with Graphviz's `dot` (svg or png)."""
    exe = shutil.which("dot")
    if exe is None:
        raise ArgmapError("Graphviz 'dot' is not installed (run `make system-deps` or apt-get install graphviz)")
    try:
        proc = subprocess.run([exe, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, check=False,
                              timeout=DOT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise ArgmapError(f"Graphviz needed more than {DOT_TIMEOUT_S} s to lay out this map: use --collapse, "
                          "--question, --type or --actor to make it smaller") from None
    if proc.returncode != 0:
        raise ArgmapError(f"Graphviz dot failed: {proc.stderr.decode('utf-8', 'replace').strip().splitlines()[-1:]}")
    return proc.stdout
