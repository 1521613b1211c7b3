"""The interactive map: one self-contained HTML file (inline SVG, CSS, JS, data as escaped JSON; no network)."""
from __future__ import annotations

import html
import re

from argmap.model import ArgumentMap, Claim, Document
from argmap.render.dot import FALLBACK_COLOR, citation_text, pid, qid, run_dot, to_dot
from argmap.render.reading import READING_CSS, article_fragment
from argmap.render.text import clean, html_text, script_json
from argmap.render.view import RenderOptions, actor_key, actor_label, filter_map, layout

_PROLOG = re.compile(r"\A(?:\s*<\?xml[^>]*\?>|\s*<!DOCTYPE[^>]*>|\s*<!--.*?-->)*\s*", re.S)

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 Helvetica,Arial,sans-serif;color:#111;display:grid;grid-template-columns:15em 1fr 24em;grid-template-rows:auto 88vh auto}
header{grid-column:1/4;padding:.5em 1em;border-bottom:1px solid #ccc;display:flex;gap:1em;align-items:baseline}
header h1{font-size:18px;margin:0}
#filters{overflow:auto;padding:.5em 1em;border-right:1px solid #ddd}
#filters h2,#panel h2{font-size:14px;margin:.8em 0 .3em}
#filters label{display:block;white-space:nowrap;cursor:pointer}
#filters select{width:100%}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:middle;margin-right:4px}
#mapbox{overflow:auto;background:#fff}
#mapbox svg{display:block}
#mapbox g.node{cursor:pointer}
#mapbox g.node.selected polygon,#mapbox g.node.selected path{stroke-width:5px}
#panel{overflow:auto;padding:.5em 1em;border-left:1px solid #ddd;background:#fafafa}
#detail dt{font-weight:bold;margin-top:.4em}#detail dd{margin:0 0 0 .5em}
#detail blockquote{margin:.3em 0;padding:.3em .6em;border-left:4px solid var(--ink,#999);background:#fff}
table.stances{border-collapse:collapse;font-size:12px;width:100%}
table.stances td,table.stances th{border-top:1px solid #ddd;padding:2px 4px;text-align:left;vertical-align:top}
pre.stances{font-size:11px;white-space:pre-wrap}
#reading{grid-column:1/4;padding:1em 2em;border-top:2px solid #ccc}
button{font:inherit}
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var svg = document.querySelector("#mapbox svg");
  var detail = document.getElementById("detail");
  function nodeEl(name) { return document.getElementById("m-" + name); }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function row(dl, k, v) { if (v === null || v === undefined || v === "") return; dl.appendChild(el("dt", k)); dl.appendChild(el("dd", String(v))); }
  function showClaim(dl, c) {
    var q = el("blockquote", c.text); q.style.setProperty("--ink", data.colors[c.type] || "#777"); dl.appendChild(q);
    row(dl, "type", c.type + (c.negated ? " (negated)" : "") + (c.hedged ? " (hedged)" : ""));
    row(dl, "holder", c.holder + " (" + c.holder_kind + ", via " + c.holder_via + ")");
    row(dl, "sentence", c.sentence);
    row(dl, "citation", c.citation);
    row(dl, "rule that fired", c.rule + (c.frame ? " on \u201c" + c.frame + "\u201d" : ""));
    row(dl, "attribution", c.cue ? (c.attribution_rule || "") + " cue \u201c" + c.cue + "\u201d" : "");
    row(dl, "context rules", (c.context_rules || []).join(", "));
    row(dl, "links", c.links.join(", "));
    row(dl, "document", c.doc + " @" + c.start + "\u2013" + c.end);
    if (document.getElementById(c.id)) {
      var a = el("a", "show in the article \u2193"); a.href = "#" + c.id; a.className = "goto";
      a.addEventListener("click", function () { var m = document.getElementById(c.id); if (m && m.nextElementSibling) { m.nextElementSibling.classList.add("flash"); } });
      dl.appendChild(a);
    }
  }
  function show(name) {
    var info = data.nodes[name]; if (!info) return;
    document.querySelectorAll("#mapbox g.node.selected").forEach(function (g) { g.classList.remove("selected"); });
    var g = nodeEl(name); if (g) g.classList.add("selected");
    detail.textContent = "";
    detail.dataset.node = name;
    detail.appendChild(el("h2", info.title));
    var dl = el("dl"); detail.appendChild(dl);
    if (info.kind === "item") {
      info.claims.forEach(function (cid) { showClaim(dl, data.claims[cid]); });
    } else if (info.kind === "actor") {
      row(dl, "kind", info.actor_kind); row(dl, "title", info.actor_title);
      row(dl, "claims here", info.claims.length);
      info.claims.forEach(function (cid) { var c = data.claims[cid]; row(dl, c.type, c.text); });
    } else {
      row(dl, "id", info.id); row(dl, "text", info.text);
      if (info.kind === "position") { row(dl, "supporting claims", info.supports); row(dl, "attacking claims", info.attacks); row(dl, "holders", info.holders.join("; ")); }
    }
  }
  svg.addEventListener("click", function (ev) {
    var g = ev.target.closest("g.node"); if (!g) return;
    ev.preventDefault();
    show(g.id.replace(/^m-/, ""));
  });
  svg.addEventListener("mouseover", function (ev) {
    var g = ev.target.closest("g.node"); if (!g || document.querySelector("#mapbox g.node.selected")) return;
    show(g.id.replace(/^m-/, ""));
  });
  function applyFilters() {
    var types = {}; document.querySelectorAll("input.type-filter").forEach(function (i) { types[i.value] = i.checked; });
    var actor = document.getElementById("actor-filter").value;
    var hidden = {};
    Object.keys(data.nodes).forEach(function (name) {
      var n = data.nodes[name]; if (n.kind !== "item") return;
      hidden[name] = !types[n.type] || (actor !== "" && n.actor !== actor);
    });
    Object.keys(data.nodes).forEach(function (name) {
      var n = data.nodes[name]; if (n.kind !== "actor") return;
      hidden[name] = n.items.every(function (i) { return hidden[i]; });
    });
    Object.keys(hidden).forEach(function (name) { var g = nodeEl(name); if (g) g.style.display = hidden[name] ? "none" : ""; });
    document.querySelectorAll("#mapbox g.edge").forEach(function (e) {
      var t = e.querySelector("title"); if (!t) return;
      var ends = t.textContent.split("->");
      e.style.display = (hidden[ends[0]] || hidden[ends[1]]) ? "none" : "";
    });
    var shown = Object.keys(hidden).filter(function (k) { return data.nodes[k].kind === "item" && !hidden[k]; }).length;
    document.getElementById("shown-count").textContent = shown + " of " + data.item_count + " claim nodes shown";
  }
  document.querySelectorAll("input.type-filter").forEach(function (i) { i.addEventListener("change", applyFilters); });
  document.getElementById("actor-filter").addEventListener("change", applyFilters);
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("input.type-filter").forEach(function (i) { i.checked = true; });
    document.getElementById("actor-filter").value = ""; applyFilters();
  });
  var scale = 1, natural = svg.getAttribute("width");
  function zoom(f) { scale = f === 0 ? document.getElementById("mapbox").clientWidth / svg.viewBox.baseVal.width : scale * f;
    svg.setAttribute("width", svg.viewBox.baseVal.width * scale); svg.setAttribute("height", svg.viewBox.baseVal.height * scale); }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-fit").addEventListener("click", function () { zoom(0); });
  svg.dataset.natural = natural;
  zoom(0);
  applyFilters();
})();
"""


def _claim_data(c: Claim, links: list[str]) -> dict[str, object]:
    p = c.provenance
    return {
        "id": c.id, "text": clean(c.text), "sentence": clean(c.sentence), "type": c.type, "negated": c.negated,
        "hedged": c.hedged, "holder": actor_label(c.holder), "holder_kind": c.holder.kind,
        "holder_via": p.holder_via, "citation": (f"{citation_text(c)} — {c.citation.raw}" if c.citation else None),
        "rule": c.rule, "frame": clean(p.frame_span.text), "cue": c.cue, "attribution_rule": p.attribution_rule,
        "context_rules": list(p.context_rules), "links": links, "doc": c.doc, "start": c.start, "end": c.end,
    }


def map_data(amap: ArgumentMap, colors: dict[str, str], opts: RenderOptions) -> dict[str, object]:
    """Everything the side panel and the filters need, keyed by DOT node name."""
    view = filter_map(amap, opts)
    lay = layout(view, opts.collapse)
    links: dict[str, list[str]] = {}
    for e in view.edges:
        if e.kind in ("supports", "attacks"):
            links.setdefault(e.source, []).append(f"{e.kind} {e.target}")
    nodes: dict[str, dict[str, object]] = {}
    for q in view.questions:
        nodes[qid(q.id)] = {"kind": "question", "id": q.id, "text": q.text, "title": "Question"}
    for p in view.positions:
        s = lay.support.get(p.id, {})
        holders = sorted({actor_label(c.holder) for it in lay.items for c in it.claims if any(l[1] == p.id for l in it.links)})
        nodes[pid(p.id)] = {"kind": "position", "id": p.id, "text": p.text, "title": "Position",
                            "supports": s.get("supports", 0), "attacks": s.get("attacks", 0), "holders": holders}
    for it in lay.items:
        nodes[it.id] = {"kind": "item", "type": it.type, "actor": actor_key(it.actor), "claims": [c.id for c in it.claims],
                        "title": f"{it.type}{' ×' + str(len(it.claims)) if len(it.claims) > 1 else ''} — {actor_label(it.actor)}"}
    for col in lay.columns:
        for r in col.rows:
            nodes[r.anchor] = {"kind": "actor", "title": actor_label(r.actor), "actor_kind": r.actor.kind,
                               "actor_title": r.actor.title, "items": [i.id for i in r.items],
                               "claims": [c.id for i in r.items for c in i.claims]}
    claims = {c.id: _claim_data(c, sorted(set(links.get(c.id, [])))) for c in view.claims}
    return {"nodes": nodes, "claims": claims, "colors": colors, "item_count": len(lay.items)}


def _stance_table(amap: ArgumentMap, opts: RenderOptions) -> str:
    view = filter_map(amap, opts)
    lay = layout(view, False)
    rows = []
    for q in view.questions:
        rows.append(f'<tr><th colspan="3">{html_text(q.text)}</th></tr>')
        for p in (p for p in view.positions if p.question == q.id):
            s = lay.support.get(p.id, {})
            holders = sorted({actor_label(c.holder) for it in lay.items for c in it.claims
                              if any(l == ("supports", p.id) for l in it.links)})
            rows.append(f'<tr><td>{html_text(p.text)}</td><td>▲{s.get("supports", 0)} ▼{s.get("attacks", 0)}</td>'
                        f'<td>{html_text(", ".join(holders))}</td></tr>')
    return ('<table class="stances"><thead><tr><th>position</th><th>claims</th><th>held by</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def inline_svg(svg: bytes | str) -> str:
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return _PROLOG.sub("", text, count=1)


def to_html(amap: ArgumentMap, colors: dict[str, str], opts: RenderOptions = RenderOptions(),
            documents: list[Document] | None = None, stance_text: str | None = None) -> str:
    """The interactive map page; `documents` embeds their reading views, `stance_text` a stance report."""
    svg = inline_svg(run_dot(to_dot(amap, colors, opts).source, "svg"))
    data = map_data(amap, colors, opts)
    view = filter_map(amap, opts)
    types = sorted({c.type for c in view.claims})
    actors = sorted({(actor_label(c.holder), actor_key(c.holder)) for c in view.claims})
    type_boxes = "".join(
        f'<label><input type="checkbox" class="type-filter" value="{html_text(t)}" checked>'
        f'<span class="swatch" style="background:{colors.get(t, FALLBACK_COLOR)}"></span>{html_text(t)}</label>'
        for t in types)
    actor_opts = "".join(f'<option value="{html_text(k)}">{html_text(n)}</option>' for n, k in actors)
    title = opts.title or (f"Argument map: {view.debate}" if view.debate else "Argument map")
    docs = [d for d in documents or [] if d.id in set(view.documents)]
    reading = "".join(f'<h2>{html_text(d.title or d.id)}</h2>{article_fragment(d, view.claims, colors)}' for d in docs)
    stance_extra = f'<h2>Stance report</h2><pre class="stances">{html_text_pre(stance_text)}</pre>' if stance_text else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
        'script-src \'unsafe-inline\'; img-src data:">'
        f'<title>{html_text(title)}</title><style>{CSS}{READING_CSS}</style></head><body>'
        f'<header><h1>{html_text(title)}</h1><span>{len(view.claims)} claims · {len(view.documents)} document(s)</span>'
        '<span><button id="zoom-out" type="button">−</button><button id="zoom-fit" type="button">fit</button>'
        '<button id="zoom-in" type="button">+</button></span><span id="shown-count"></span></header>'
        f'<nav id="filters"><h2>Claim types</h2>{type_boxes}<h2>Actor</h2>'
        f'<select id="actor-filter"><option value="">All actors</option>{actor_opts}</select>'
        '<p><button id="reset" type="button">Show all</button></p>'
        '<p><small>Green solid arrow: supports. Red dashed bar: attacks. Click a node for its details.</small></p></nav>'
        f'<main id="mapbox">{svg}</main>'
        '<aside id="panel"><div id="detail"><h2>Details</h2><p>Hover or click a node.</p></div>'
        f'<h2>Stance summary</h2>{_stance_table(amap, opts)}{stance_extra}</aside>'
        f'<section id="reading">{reading}</section>'
        f'<script type="application/json" id="argmap-data">{script_json(data)}</script>'
        f'<script>{JS}</script></body></html>\n')


def html_text_pre(text: str) -> str:
    """Escaped, line breaks kept (for preformatted text)."""
    return html.escape(text, quote=True)
