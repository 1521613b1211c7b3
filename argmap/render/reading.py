"""The reading view: an article with every claim highlighted (colour by type), holder and cue marked, anchors = claim ids.

Own escaped HTML rather than displaCy's span visualiser: claims need anchor ids, holder/cue marks and per-claim
hover text, and every character of the body is kept at its offset (white-space: pre-wrap).
"""
from __future__ import annotations

import html
import re

from argmap.model import Claim, Document
from argmap.render.dot import FALLBACK_COLOR, citation_text
from argmap.render.text import clean, html_text
from argmap.render.view import actor_label

READING_CSS = """
.reading{font:16px/1.6 Georgia,'Noto Serif',serif;color:#111;max-width:50em}
.reading .body{white-space:pre-wrap}
.reading mark.claim{background:var(--tint);border-bottom:3px solid var(--ink);color:inherit;padding:0 1px;cursor:help}
.reading mark.claim.negated{text-decoration:line-through 1px}
.holder{font-weight:bold;border-bottom:2px dotted #222}
.cue{font-style:italic;text-decoration:underline wavy #555 1px}
.reading .anchor{scroll-margin-top:4em}
.reading .anchor:target+mark,.reading mark.flash{outline:3px solid #000;outline-offset:1px}
.reading .cite{font:12px/1.3 Helvetica,Arial,sans-serif;background:#eee;border-radius:3px;padding:0 3px;margin-left:2px;color:#333}
.claimlist{font:13px/1.4 Helvetica,Arial,sans-serif;border-collapse:collapse;margin-top:1em}
.claimlist td,.claimlist th{border-top:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:middle;margin-right:4px}
"""


def claim_hover(c: Claim) -> str:
    parts = [f"{c.type}{' (negated)' if c.negated else ''}{' (hedged)' if c.hedged else ''}",
             f"held by {actor_label(c.holder)} ({c.holder.kind}, via {c.provenance.holder_via})",
             f"rule: {c.rule}"]
    if c.cue:
        parts.append(f"cue: {c.cue}")
    if c.citation:
        parts.append(f"citation: {citation_text(c)}")
    return " · ".join(parts)


def _tint(color: str) -> str:
    return color + "33"


def article_fragment(doc: Document, claims: list[Claim], colors: dict[str, str], anchor_prefix: str = "") -> str:
    """The document body as HTML with claims marked; anchors are `anchor_prefix + claim id`."""
    body = doc.body
    n = len(body)
    claims = sorted((c for c in claims if c.doc == doc.id), key=lambda c: (c.start, -c.end, c.id))
    spans = [(max(0, min(c.start, n)), max(0, min(c.end, n))) for c in claims]
    holders = [(s.start, s.end) for c in claims for s in [c.provenance.source] if s is not None]
    cues = [(s.start, s.end) for c in claims for s in [c.provenance.cue] if s is not None]
    cites = {max(0, min(c.citation.end, n)): c for c in claims if c.citation and 0 < c.citation.end <= n}
    cuts = sorted({0, n, *(x for s in spans + holders + cues for x in s if 0 <= x <= n), *cites})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for c, (s, _e) in zip(claims, spans):
            if s == a:
                out.append(f'<span class="anchor" id="{html_text(anchor_prefix + c.id)}"></span>')
        text = html_text_keep(body[a:b])
        inner = text
        if any(s <= a and b <= e for s, e in holders):
            inner = f'<span class="holder">{inner}</span>'
        if any(s <= a and b <= e for s, e in cues):
            inner = f'<span class="cue">{inner}</span>'
        covering = [c for c, (s, e) in zip(claims, spans) if s <= a and b <= e and s < e]
        if covering:
            first = covering[-1]  # innermost (latest start) claim colours the segment
            color = colors.get(first.type, FALLBACK_COLOR)
            ids = " ".join(c.id for c in covering)
            neg = " negated" if first.negated else ""
            title = "\n".join(claim_hover(c) for c in covering)
            inner = (f'<mark class="claim type-{html_text(first.type)}{neg}" data-claims="{html_text(ids)}" '
                     f'style="--tint:{_tint(color)};--ink:{color}" title="{html_text_keep(title)}">{inner}</mark>')
        out.append(inner)
        if b in cites:
            out.append(f'<span class="cite" title="{html_text(cites[b].citation.raw)}">'  # type: ignore[union-attr]
                       f'{html_text(citation_text(cites[b]))}</span>')
    return f'<article class="reading" id="{html_text(anchor_prefix + "doc-" + doc.id)}"><div class="body">{"".join(out)}</div></article>'


def html_text_keep(text: str) -> str:
    """Escape for HTML but keep line breaks and spacing (the body is shown with white-space: pre-wrap)."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    return html.escape(text, quote=True)


def claim_table(claims: list[Claim], colors: dict[str, str], anchor_prefix: str = "") -> str:
    rows = []
    for c in sorted(claims, key=lambda c: (c.doc, c.start, c.id)):
        color = colors.get(c.type, FALLBACK_COLOR)
        flags = ", ".join(f for f, on in (("negated", c.negated), ("hedged", c.hedged)) if on)
        rows.append(
            f'<tr><td><span class="swatch" style="background:{color}"></span>{html_text(c.type)}'
            f'{"<br><small>" + html_text(flags) + "</small>" if flags else ""}</td>'
            f'<td><a href="#{html_text(anchor_prefix + c.id)}">{html_text(c.text)}</a></td>'
            f'<td>{html_text(actor_label(c.holder))}<br><small>{html_text(c.holder.kind)}</small></td>'
            f'<td>{html_text(citation_text(c))}</td><td><code>{html_text(c.rule)}</code></td></tr>')
    return ('<table class="claimlist"><thead><tr><th>type</th><th>claim</th><th>holder</th><th>citation</th>'
            f'<th>rule</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def legend_html(types: list[str], colors: dict[str, str]) -> str:
    return "".join(f'<span class="legend-item"><span class="swatch" style="background:{colors.get(t, FALLBACK_COLOR)}">'
                   f'</span>{html_text(t)}</span> ' for t in types)


def reading_page(doc: Document, claims: list[Claim], colors: dict[str, str]) -> str:
    """A self-contained HTML page: the article with its claims highlighted, then the list of claims."""
    title = clean(doc.title or doc.id)
    meta = " · ".join(x for x in (doc.publication, doc.date, doc.url) if x)
    types = sorted({c.type for c in claims})
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        f'<title>{html_text(title)} — argmap reading view</title><style>'
        'body{margin:2em auto;max-width:56em;padding:0 1em;font-family:Helvetica,Arial,sans-serif}'
        '.legend-item{margin-right:1em;font-size:13px;white-space:nowrap}.key{font-size:13px;color:#333}'
        f'{READING_CSS}</style></head><body>'
        f'<h1>{html_text(title)}</h1><p class="key">{html_text(meta)}</p>'
        f'<p class="key">{len(claims)} claim(s). {legend_html(types, colors)}<br>'
        '<span class="holder">holder</span> · <span class="cue">attribution cue</span> · hover a highlight for '
        'its type, holder, rule and citation.</p>'
        f'{article_fragment(doc, claims, colors)}<h2>Claims</h2>{claim_table(claims, colors)}'
        '</body></html>\n')
