"""Runs every rule's `examples` (must match) and `counter_examples` (must not) — `argmap rules check`."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from argmap.documents import parse_document
from argmap.extract import DocResult, run
from argmap.pipeline import build_pipeline
from argmap.pipeline.fastmatch import word_anchored
from argmap.pipeline.spans import FRAMES, meta
from argmap.rules.loader import RulePack, load_rules
from argmap.rules.schema import Example


class ExampleResult(BaseModel):
    rule: str
    file: str
    line: int
    expect: str  # "match" | "no match"
    text: str
    ok: bool
    detail: str = ""


class SlowPattern(BaseModel):
    """A pattern with no exactly-once word token: it is tried at every token instead of where its word occurs."""

    rule: str
    file: str
    line: int
    pattern: int  # 1-based, within the rule


class RuleCheckReport(BaseModel):
    rules_dir: str
    rules: int
    examples: int
    failures: list[ExampleResult]
    results: list[ExampleResult]
    slow_patterns: list[SlowPattern] = []


def _holder_ok(expected: str | None, names: list[str]) -> bool:
    return expected is None or any(expected.lower() in n.lower() or n.lower() in expected.lower() for n in names)


class RuleChecker:
    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.nlp = build_pipeline(str(pack.root))

    def _run(self, text: str) -> DocResult:
        doc = parse_document(text, "<example>", "example")
        return next(run([doc], self.nlp, self.pack))

    def check_frame(self, rule_id: str, ex: Example, positive: bool) -> tuple[bool, str]:
        res = self._run(ex.text)
        claims = [c for c in res.claims if c.rule == rule_id]
        if not positive:
            return (not claims, "" if not claims else f"matched: {claims[0].provenance.frame_span.text!r}")
        if not claims:
            found = ", ".join(f"{c.type}[{c.rule}]" for c in res.claims) or "no claims"
            return False, f"no claim from this rule ({found})"
        c = claims[0]
        if not _holder_ok(ex.holder, [c.holder.name, c.holder.title or ""]):
            return False, f"holder is {c.holder.name!r}, expected {ex.holder!r}"
        for flag in ("negated", "hedged"):
            want = getattr(ex, flag)
            if want is not None and getattr(c, flag) != want:
                return False, f"{flag} is {getattr(c, flag)}, expected {want}"
        return True, ""

    def check_cue(self, rule_id: str, ex: Example, positive: bool) -> tuple[bool, str]:
        res = self._run(ex.text)
        atts = [a for a in res.attributions if a.rule == rule_id]
        if not positive:
            return (not atts, "" if not atts else f"matched cue {atts[0].cue.text!r}")
        if not atts:
            return False, "no attribution from this cue rule"
        names = [a.holder.name for a in atts if a.holder] + [a.source.text for a in atts if a.source]
        if ex.holder and not _holder_ok(ex.holder, names):
            return False, f"source is {names!r}, expected {ex.holder!r}"
        return True, ""

    def check_context(self, rule_id: str, ex: Example, positive: bool) -> tuple[bool, str]:
        hits = []
        for doc in self.nlp.pipe([ex.text]):
            for f in doc.spans[FRAMES]:
                for cat in meta(FRAMES, f)["context"].values():
                    hits += [c for c in cat if c[0] == rule_id]
        if positive and not hits:
            return False, "no frame in the example carries this context rule"
        if not positive and hits:
            return False, "a frame carries this context rule"
        return True, ""

    def check_citations(self, ex: Example, positive: bool) -> tuple[bool, str]:
        res = self._run(ex.text)
        cites = [c.citation for c in res.claims if c.citation]
        from argmap.pipeline.spans import CITATIONS
        items = []
        for doc in self.nlp.pipe([ex.text]):
            items += [i for s in doc.spans[CITATIONS] for i in meta(CITATIONS, s).get("items", [])]
        if not positive:
            return (not items and not cites, "" if not items else f"parsed {items[0]['outlet']!r}")
        if not items:
            return False, "no citation parsed"
        if ex.outlet and items[0]["outlet"] != ex.outlet:
            return False, f"outlet {items[0]['outlet']!r}, expected {ex.outlet!r}"
        if ex.date:
            y, m, d = items[0]["year"], items[0]["month"], items[0]["day"]
            got = "-".join(p for p in (f"{y:04d}" if y else "", f"{m:02d}" if m else "", f"{d:02d}" if d else "") if p)
            if got != ex.date:
                return False, f"date {got!r}, expected {ex.date!r}"
        return True, ""


def check_rules(rules_dir: str | Path | None = None) -> RuleCheckReport:
    pack = load_rules(rules_dir)
    checker = RuleChecker(pack)
    results: list[ExampleResult] = []

    def add(rule_id: str, file: Path, line: int, ex: Example, positive: bool, outcome: tuple[bool, str]) -> None:
        results.append(ExampleResult(rule=rule_id, file=str(file), line=line, expect="match" if positive else "no match",
                                     text=ex.text, ok=outcome[0], detail=outcome[1]))

    kinds = [(pack.frames, checker.check_frame), (pack.attribution.cues, checker.check_cue), (pack.context.context, checker.check_context)]
    for rules, check in kinds:
        for rule in rules:
            where = pack.where[rule.id]
            for key, positive in (("examples", True), ("counter_examples", False)):
                for i, ex in enumerate(getattr(rule, key)):
                    add(rule.id, where.path, where.source.line_of(where.loc + (key, i)), ex, positive, check(rule.id, ex, positive))
    cit_file = pack.root / "citations.yml"
    for key, positive in (("examples", True), ("counter_examples", False)):
        for i, ex in enumerate(getattr(pack.citations, key)):
            add("citations", cit_file, i + 1, ex, positive, checker.check_citations(ex, positive))
    n_rules = len(pack.frames) + len(pack.attribution.cues) + len(pack.context.context)
    return RuleCheckReport(rules_dir=str(pack.root), rules=n_rules, examples=len(results),
                           failures=[r for r in results if not r.ok], results=results, slow_patterns=slow_patterns(pack))


def slow_patterns(pack: RulePack) -> list[SlowPattern]:
    """Frame and cue patterns the matcher cannot anchor on a word (see fastmatch.word_anchored)."""
    compiler = pack.compiler()
    out = []
    for rule in [*pack.frames, *pack.attribution.cues]:
        where = pack.where[rule.id]
        for j, pattern in enumerate(rule.patterns):
            if not word_anchored(compiler.compile(pattern)):
                out.append(SlowPattern(rule=rule.id, file=str(where.path), line=where.source.line_of(where.loc + ("patterns", j)), pattern=j + 1))
    return out
