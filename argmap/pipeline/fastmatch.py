"""AnchoredMatcher: spaCy's Matcher results, computed only where a pattern's required words occur.

spaCy's Matcher tries every pattern at every token; one pattern over a Doc costs about as much as
tokenizing it (bench/results.md), and a rule pack has hundreds. Here every pattern is indexed by the
words one of its required tokens needs (`LOWER`, `ORTH`/`TEXT` values or `IN` lists): the rarest one,
its anchor. A Doc's anchor words are found by one set intersection, and each hit is checked by the
pattern's `TokenPattern` (argmap.pipeline.tokenpattern), which matches leftwards and rightwards from
the anchor in plain Python. Patterns TokenPattern cannot express keep a small spaCy Matcher of their
own, run only over the tokens within reach of their anchor (every match contains such a token, so no
match is lost and none is added); a pattern with no word test at all runs everywhere. `greedy`
filtering is applied afterwards across all of a key's patterns, exactly as spaCy does it, so the
matches are those of one Matcher holding all the patterns.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from argmap.pipeline.tokenpattern import ColumnSet, TokenPattern, compile_pattern

_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH}
_REQUIRED_OPS = {None, "1", "+"}


@dataclass
class _Unit:
    key: int
    pattern: TokenPattern | None  # checked at each anchor hit; None: `matcher` runs over windows
    matcher: Matcher | None
    anchors: list[tuple[int, frozenset[int]]]  # every one must meet the doc's words
    reach: int | None  # most tokens a match can span (None: unbounded)


def _required(op: Any) -> bool:
    if op in _REQUIRED_OPS:
        return True
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        low = op[1:-1].split(",")[0].strip()
        return low.isdecimal() and int(low) >= 1
    return False


def max_length(pattern: list[dict[str, Any]]) -> int | None:
    """Most tokens a match of `pattern` can span, or None when an operator is unbounded."""
    total = 0
    for spec in pattern:
        op = next((v for k, v in spec.items() if str(k).upper() == "OP"), None)
        if op in (None, "1", "?", "!"):
            total += 1
        elif isinstance(op, str) and op.startswith("{") and op.endswith("}"):
            bounds = op[1:-1].split(",")
            high = bounds[-1].strip()
            if not high.isdecimal():
                return None
            total += int(high)
        else:
            return None
    return total


def _anchor_specs(pattern: list[dict[str, Any]]) -> list[tuple[int, bool, int, frozenset[int]]]:
    """(token index, occurs exactly once, attribute, word hashes) for each required token with a word test."""
    out: list[tuple[int, bool, int, frozenset[int]]] = []
    for n, spec in enumerate(pattern):
        spec = {str(k).upper(): v for k, v in spec.items()}
        if not _required(spec.get("OP")):
            continue
        once = spec.get("OP") in (None, "1")
        for name, attr in _ATTRS.items():
            value = spec.get(name)
            if isinstance(value, str):
                out.append((n, once, attr, frozenset([get_string_id(value)])))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and all(isinstance(v, str) for v in value["IN"]):
                out.append((n, once, attr, frozenset(get_string_id(v) for v in value["IN"])))
    return out


def anchors(pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[int]]]:
    """(attribute, word hashes) for each required token with a word test; one of them must occur."""
    return [(attr, words) for _, _, attr, words in _anchor_specs(pattern)]


def word_anchored(pattern: list[dict[str, Any]]) -> bool:
    """Whether AnchoredMatcher checks `pattern` only where one of its words occurs (else at every token, slower)."""
    return any(once and compile_pattern(pattern, n, ColumnSet()) is not None for n, once, _, _ in _anchor_specs(pattern))


# Words so frequent that windows around them would cover most of a text; a pattern is better anchored elsewhere.
_COMMON = frozenset(get_string_id(w) for w in (
    "the", "a", "an", "of", "to", "in", "and", "or", "that", "is", "was", "are", "were", "be", "been", "it", "its",
    "for", "on", "with", "as", "by", "at", "from", "this", "not", "has", "have", "had", "will", "would", "can",
    "could", "may", "more", "than", "but", "their", "his", "her", "they", "he", "she", "we", "which", "who",
    ",", ".", "\"", "“", "”", "’", "(", ")", "-", "—", ":", ";",
))


def _rarity(anchor: tuple[int, frozenset[int]]) -> tuple[int, int]:
    """Sort key for choosing the anchor to centre windows on: fewest common words, then fewest words."""
    words = anchor[1]
    return (len(words & _COMMON), len(words))


def _windows(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Merged token ranges [p - reach + 1, p + reach) around each position, within the doc."""
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        lo, hi = max(0, p - reach + 1), min(length, p + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


class AnchoredMatcher:
    """Drop-in for `spacy.matcher.Matcher` (add / __call__ on a Doc): same matches, much less work."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._units: list[_Unit] = []
        self._always: list[int] = []
        self._index: dict[tuple[int, int], list[int]] = {}
        self._greedy: dict[int, str] = {}
        self._columns = ColumnSet()
        self._columns.index("ORTH")
        self._columns.index("LOWER")  # anchors are looked up in the first two columns
        self._keys: dict[int, frozenset[int]] = {ORTH: frozenset(), LOWER: frozenset()}

    def __len__(self) -> int:
        return len(self._units)

    def add(self, key: str, patterns: Iterable[list[dict[str, Any]]], greedy: str | None = None) -> None:
        key_id = self.vocab.strings.add(key)
        if greedy is not None:
            if greedy not in ("FIRST", "LONGEST"):
                raise ValueError(f"greedy must be FIRST or LONGEST, not {greedy!r}")
            self._greedy[key_id] = greedy
        for pattern in patterns:
            found = _anchor_specs(pattern)
            n = len(self._units)
            if not found:
                self._units.append(_Unit(key_id, None, self._matcher(key, pattern), [], None))
                self._always.append(n)
                continue
            # The rarest word is the anchor; an exactly-once token is preferred, as TokenPattern needs one.
            primary = min(found, key=lambda a: (not a[1], *_rarity((a[2], a[3]))))
            compiled = compile_pattern(pattern, primary[0], self._columns) if primary[1] else None
            others = [(a[2], a[3]) for a in found if a is not primary]
            matcher = None if compiled is not None else self._matcher(key, pattern)
            self._units.append(_Unit(key_id, compiled, matcher, others, max_length(pattern)))
            _, _, attr, words = primary
            for w in words:
                self._index.setdefault((attr, w), []).append(n)
        self._keys = {attr: frozenset(w for a, w in self._index if a == attr) for attr in (ORTH, LOWER)}

    def _matcher(self, key: str, pattern: list[dict[str, Any]]) -> Matcher:
        matcher = Matcher(self.vocab)
        matcher.add(key, [pattern])
        return matcher

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        length = len(doc)
        cols = doc.to_array(self._columns.names).T.tolist()
        present = {ORTH: set(cols[0]), LOWER: set(cols[1])}
        index = self._index
        where: dict[int, list[int]] = {}  # unit -> positions of its anchor word
        for column, attr in enumerate((ORTH, LOWER)):
            words = present[attr] & self._keys[attr]
            if words:
                for i, w in enumerate(cols[column]):
                    if w in words:
                        for n in index[(attr, w)]:
                            where.setdefault(n, []).append(i)
        if not where and not self._always:
            return []
        found: set[tuple[int, int, int]] = set()
        for n in self._always:
            found.update(self._units[n].matcher(doc))  # type: ignore[misc]
        for n in sorted(where):
            unit = self._units[n]
            if not all(not words.isdisjoint(present[attr]) for attr, words in unit.anchors):
                continue
            if unit.pattern is not None:
                for p in where[n]:
                    found.update((unit.key, s, e) for s, e in unit.pattern.matches_at(cols, length, p))
                continue
            assert unit.matcher is not None
            if unit.reach is None:
                found.update(unit.matcher(doc))
                continue
            for lo, hi in _windows(where[n], unit.reach, length):
                if lo == 0 and hi == length:
                    found.update(unit.matcher(doc))
                else:
                    found.update((k, s + lo, e + lo) for k, s, e in unit.matcher(doc[lo:hi]))
        return self._filter(found, length)

    def _filter(self, found: set[tuple[int, int, int]], length: int) -> list[tuple[int, int, int]]:
        """spaCy's greedy filter per key (FIRST: earliest then longest; LONGEST: longest then earliest)."""
        plain = sorted(m for m in found if m[0] not in self._greedy)
        by_key: dict[int, list[tuple[int, int]]] = {}
        for key, start, end in found:
            if key in self._greedy:
                by_key.setdefault(key, []).append((start, end))
        out = plain
        for key in sorted(by_key):
            pairs = by_key[key]
            if self._greedy[key] == "FIRST":
                ordered = sorted(pairs, key=lambda x: (x[0], -x[1]))
            else:
                ordered = sorted(pairs, key=lambda x: (x[1] - x[0], -x[0]), reverse=True)
            taken = bytearray(length)
            for start, end in ordered:
                if not any(taken[start:end]):
                    out.append((key, start, end))
                    taken[start:end] = b"\x01" * (end - start)
        return out
