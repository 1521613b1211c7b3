"""Large maps collapse unless the caller chose; Graphviz runs are bounded in time."""
from __future__ import annotations

from argmap.render import AUTO_COLLAPSE, RenderOptions, resolve_collapse


def test_auto_collapse_only_when_left_open() -> None:
    assert resolve_collapse(RenderOptions(collapse=None), AUTO_COLLAPSE + 1).collapse is True
    assert resolve_collapse(RenderOptions(collapse=None), AUTO_COLLAPSE).collapse is False
    assert resolve_collapse(RenderOptions(collapse=False), 10_000).collapse is False
    assert resolve_collapse(RenderOptions(collapse=True), 1).collapse is True


def test_collapsed_map_has_one_author_voice(pack) -> None:
    from argmap.link import build_map
    from argmap.model import Document
    from argmap.render.view import _items

    from test_link import AUTHOR, claim

    docs = [Document(id=d, path=f"{d}.md", body="China and North Korea.") for d in ("d", "e")]
    claims = [claim(1, "limited_impact", "x", AUTHOR), claim(2, "limited_impact", "x", AUTHOR).model_copy(update={"doc": "e"})]
    amap = build_map(claims, pack, docs)
    assert {a.id for a in amap.actors} == {"author:d", "author:e"}
    pos_rank = {p.id: i for i, p in enumerate(amap.positions)}
    items = _items(amap, True, pos_rank)
    assert len(items) == 1 and len(items[0].claims) == 2
