"""Refuses regular expressions in rule packs that could backtrack catastrophically (e.g. `(a+)+$`)."""
from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MAX_REGEX_LENGTH = 500
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)} - {None}


def _unbounded(op: Any, av: Any) -> bool:
    return op in _REPEATS and av[1] > 1


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly inside one parsed regex item."""
    if op in _REPEATS:
        return [av[2]]
    if op is sre_parse.SUBPATTERN:
        return [av[-1]]
    if op is sre_parse.BRANCH:
        return list(av[1])
    return []


def _has_repeat(items: Any) -> bool:
    return any(_unbounded(op, av) or any(_has_repeat(c) for c in _children(op, av)) for op, av in items)


def _has_branch(items: Any) -> bool:
    return any(op is sre_parse.BRANCH or (op is sre_parse.SUBPATTERN and _has_branch(av[-1])) for op, av in items)


def _nested(items: Any) -> bool:
    """A repeated group that itself contains a repeat, or repeated alternatives: the classic ReDoS shapes."""
    for op, av in items:
        if _unbounded(op, av) and (_has_repeat(av[2]) or _has_branch(av[2])):
            return True
        if any(_nested(c) for c in _children(op, av)):
            return True
    return False


def check_regex(pattern: str) -> str | None:
    """None when the regex is safe to run on any token; otherwise why it is refused."""
    if not isinstance(pattern, str):
        return "REGEX takes a string"
    if len(pattern) > MAX_REGEX_LENGTH:
        return f"REGEX is longer than {MAX_REGEX_LENGTH} characters"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        return f"REGEX does not compile: {exc}"
    if _nested(parsed):
        return f"REGEX {pattern!r} nests repetition and could backtrack catastrophically; rewrite it without a repeated group that repeats"
    return None


def regexes_in(pattern: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """(token index, regex) for every REGEX operator in a token pattern."""
    out: list[tuple[int, str]] = []
    for i, spec in enumerate(pattern):
        if not isinstance(spec, dict):
            continue
        for value in spec.values():
            if isinstance(value, dict):
                for k, v in value.items():
                    if k == "REGEX":
                        out.append((i, v))
                    elif isinstance(v, dict) and "REGEX" in v:
                        out.append((i, v["REGEX"]))
    return out
