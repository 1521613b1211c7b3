"""Large maps collapse unless the caller chose; Graphviz runs are bounded in time."""
from __future__ import annotations

from argmap.render import AUTO_COLLAPSE, RenderOptions, resolve_collapse


def test_auto_collapse_only_when_left_open() -> None:
    assert resolve_collapse(RenderOptions(collapse=None), AUTO_COLLAPSE + 1).collapse is True
    assert resolve_collapse(RenderOptions(collapse=None), AUTO_COLLAPSE).collapse is False
    assert resolve_collapse(RenderOptions(collapse=False), 10_000).collapse is False
    assert resolve_collapse(RenderOptions(collapse=True), 1).collapse is True
