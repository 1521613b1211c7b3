"""One loaded rule pack per (directory, content) per process: components never reload rules per document."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from argmap.rules.loader import RulePack, load_rules


@lru_cache(maxsize=8)
def _cached(root: str, stamp: tuple[tuple[str, float, int], ...]) -> RulePack:
    return load_rules(root)


def get_rules(root: str | None) -> RulePack:
    """The rule pack at `root` (None: the shipped one), reloaded only when a file changed."""
    from argmap.rules.loader import default_rules_dir

    path = Path(root) if root else default_rules_dir()
    stamp = tuple(sorted((str(p), p.stat().st_mtime, p.stat().st_size) for p in path.rglob("*.y*ml"))) if path.is_dir() else ()
    return _cached(str(path), stamp)
