"""The reading view: every claim highlighted with an anchor = claim id, holder/cue marked, hostile text escaped."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from argmap.cli import app
from argmap.documents import parse_document
from argmap.model import Claim, Provenance, TextSpan
from argmap.render.reading import article_fragment, reading_page
from test_render import AUTHOR, COLORS, LU

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "china-brief-15-11-north-korea-russia.md"


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "mark":
            self.marks.append(a)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _doc_and_claims():
    body = 'Intro. Lü Chao argues that <script>alert("x")</script> & {braces} \\ are limited. The end.'
    doc = parse_document("---\ntitle: T <b>bold</b>\n---\n" + body, "d.md", "d")
    start = doc.body.index("<script>")
    end = doc.body.index(" The end")
    src, cue = doc.body.index("Lü Chao"), doc.body.index("argues")
    c1 = Claim(id=Claim.make_id("d", start, end, "limited_impact"), doc="d", start=start, end=end, text=doc.body[start:end],
               sentence=doc.body[7:end], type="limited_impact", holder=LU, rule="limited_impact.r1", cue="argues",
               provenance=Provenance(frame_rule="limited_impact.r1", frame_span=TextSpan(start=start, end=end, text="x"),
                                     source=TextSpan(start=src, end=src + 7, text="Lü Chao"),
                                     cue=TextSpan(start=cue, end=cue + 6, text="argues"), holder_via="attribution"))
    c2 = Claim(id=Claim.make_id("d", 0, 6, "zero_sum"), doc="d", start=0, end=6, text="Intro.", sentence="Intro.",
               type="zero_sum", holder=AUTHOR, rule="zero_sum.r9",
               provenance=Provenance(frame_rule="zero_sum.r9", frame_span=TextSpan(start=0, end=5, text="Intro"), holder_via="author"))
    return doc, [c1, c2]


def test_every_claim_has_an_anchor_and_a_coloured_mark() -> None:
    doc, claims = _doc_and_claims()
    p = Collect()
    p.feed(reading_page(doc, claims, COLORS))
    assert {c.id for c in claims} <= set(p.ids)
    types = {m["class"].split()[1] for m in p.marks}  # type: ignore[union-attr]
    assert types == {"type-limited_impact", "type-zero_sum"}
    assert any("#56B4E9" in (m["style"] or "") for m in p.marks)
    assert any("rule: limited_impact.r1" in (m["title"] or "") and "held by Lü Chao" in (m["title"] or "") for m in p.marks)


def test_body_text_is_kept_exactly_and_hostile_text_is_escaped() -> None:
    doc, claims = _doc_and_claims()
    page = reading_page(doc, claims, COLORS)
    p = Collect()
    p.feed(article_fragment(doc, claims, COLORS))
    assert "".join(p.text) == doc.body  # every character at its place, nothing injected
    assert "script" not in p.tags and "b" not in Collect().tags
    full = Collect()
    full.feed(page)
    assert "script" not in full.tags and "b" not in full.tags  # the title's <b> is text
    assert 'class="holder">Lü Chao<' in page and 'class="cue">argues<' in page


def test_cli_show_writes_reading_view_for_seed_article(tmp_path: Path) -> None:
    out = tmp_path / "reading.html"
    result = CliRunner().invoke(app, ["show", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    claims = CliRunner().invoke(app, ["claims", str(SEED), "--format", "json"])
    import json

    ids = {c["id"] for c in json.loads(claims.stdout)}
    p = Collect()
    p.feed(out.read_text(encoding="utf-8"))
    assert ids and ids <= set(p.ids)
    assert len(p.marks) >= len(ids)


def test_cli_show_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["show", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "Traceback" not in result.output
