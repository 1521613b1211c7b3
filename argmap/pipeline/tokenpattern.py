"""TokenPattern: one Matcher pattern checked in plain Python around a known token, with spaCy's results.

spaCy's Matcher walks every token of a Doc for every pattern; a rule pack of a few hundred patterns
pays that walk hundreds of times. A pattern with an exactly-once word token (its anchor) can instead
be checked only where that word occurs: the tokens before the anchor are matched leftwards and those
after it rightwards, over integer columns read once per Doc with `Doc.to_array`. Every combination
of a left start and a right end is a match, exactly as the Matcher reports them (all matches, `?`,
`*`, `+`, `{n,m}` and `!` with spaCy's meaning). Patterns using anything else (REGEX, LENGTH,
LEMMA, POS, extensions, ...) are not compiled here; `compile_pattern` returns None and the caller
keeps spaCy's Matcher for them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Doc

# Matcher keys with an integer column in Doc.to_array; TEXT is ORTH.
_STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "ENT_TYPE": "ENT_TYPE"}
_FLAG_ATTRS = ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
               "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
               "IS_RIGHT_PUNCT", "IS_CURRENCY")
_SENT_START = "SENT_START"

Test = Callable[[Sequence[Sequence[int]], int], bool]


@dataclass(frozen=True)
class Step:
    """One token spec: matched between `low` and `high` times (None: unbounded); `negated` for `!`."""

    low: int
    high: int | None
    test: Test
    negated: bool = False


def _op_bounds(op: Any) -> tuple[int, int | None, bool] | None:
    if op in (None, "1"):
        return 1, 1, False
    if op == "!":
        return 1, 1, True
    if op == "?":
        return 0, 1, False
    if op == "*":
        return 0, None, False
    if op == "+":
        return 1, None, False
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        parts = [p.strip() for p in op[1:-1].split(",")]
        if len(parts) == 1 and parts[0].isdecimal():
            return int(parts[0]), int(parts[0]), False
        if len(parts) == 2 and all(p == "" or p.isdecimal() for p in parts):
            return int(parts[0] or 0), (int(parts[1]) if parts[1] else None), False
    return None


class ColumnSet:
    """The attribute columns a group of patterns reads; `read(doc)` gives them as lists of ints."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def index(self, name: str) -> int:
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def read(self, doc: Doc) -> list[list[int]]:
        if not self.names:
            return []
        return doc.to_array(self.names).T.tolist() if len(doc) else [[] for _ in self.names]


def _check(col: int, kind: str, value: Any) -> Test:
    if kind == "in":
        return lambda cols, i: cols[col][i] in value
    if kind == "not_in":
        return lambda cols, i: cols[col][i] not in value
    if kind == "sent_start":
        return lambda cols, i: (cols[col][i] == 1) is value
    return lambda cols, i: cols[col][i] == value


def _spec_test(spec: dict[str, Any], columns: ColumnSet) -> Test | None:
    checks: list[Test] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _STRING_ATTRS:
            col = columns.index(_STRING_ATTRS[key])
            if isinstance(value, str):
                checks.append(_check(col, "eq", get_string_id(value)))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"} \
                    and isinstance(next(iter(value.values())), list) and all(isinstance(v, str) for v in next(iter(value.values()))):
                kind = "in" if "IN" in value else "not_in"
                checks.append(_check(col, kind, frozenset(get_string_id(v) for v in value["IN" if kind == "in" else "NOT_IN"])))
            else:
                return None
        elif key in _FLAG_ATTRS and isinstance(value, bool):
            checks.append(_check(columns.index(key), "eq", int(value)))
        elif key == "IS_SENT_START" and isinstance(value, bool):
            checks.append(_check(columns.index(_SENT_START), "sent_start", value))
        else:
            return None
    if not checks:
        return lambda cols, i: True
    if len(checks) == 1:
        return checks[0]
    return lambda cols, i: all(c(cols, i) for c in checks)


@dataclass(frozen=True)
class TokenPattern:
    """A pattern split at its anchor token: steps before it (nearest first) and after it."""

    anchor: Test
    before: tuple[Step, ...]
    after: tuple[Step, ...]

    def matches_at(self, cols: Sequence[Sequence[int]], length: int, p: int) -> set[tuple[int, int]]:
        """(start, end) of every match whose anchor token is at position p."""
        if not self.anchor(cols, p):
            return set()
        starts = _walk(self.before, cols, {p}, -1, length)
        if not starts:
            return set()
        ends = _walk(self.after, cols, {p + 1}, 1, length)
        return {(s, e) for s in starts for e in ends}


def _walk(steps: tuple[Step, ...], cols: Sequence[Sequence[int]], positions: set[int], direction: int, length: int) -> set[int]:
    """Boundaries reachable from `positions` through `steps`, rightwards (1) or leftwards (-1)."""
    for step in steps:
        reached: set[int] = set()
        for q in positions:
            if step.low == 0:
                reached.add(q)
            room = length - q if direction > 0 else q
            limit = room if step.high is None else min(step.high, room)
            j = 0
            while j < limit:
                i = q + j if direction > 0 else q - 1 - j
                if step.test(cols, i) is step.negated:
                    break
                j += 1
                if j >= step.low:
                    reached.add(q + j * direction)
        if not reached:
            return reached
        positions = reached
    return positions


def compile_pattern(pattern: list[dict[str, Any]], anchor: int, columns: ColumnSet) -> TokenPattern | None:
    """The pattern around token `anchor` (which must occur exactly once), or None when it needs spaCy."""
    steps: list[Step] = []
    for spec in pattern:
        spec = {str(k).upper(): v for k, v in spec.items()}
        bounds = _op_bounds(spec.get("OP"))
        test = _spec_test(spec, columns)
        if bounds is None or test is None:
            return None
        steps.append(Step(bounds[0], bounds[1], test, bounds[2]))
    if not 0 <= anchor < len(steps) or (steps[anchor].low, steps[anchor].high, steps[anchor].negated) != (1, 1, False):
        return None
    return TokenPattern(steps[anchor].test, tuple(reversed(steps[:anchor])), tuple(steps[anchor + 1:]))
