"""Every rule's examples must match and its counter-examples must not (the pack tests itself)."""
from __future__ import annotations

import pytest

from argmap.rulecheck import RuleChecker
from argmap.rules.loader import default_rules_dir, load_rules

_PACK = load_rules(default_rules_dir())


def _cases():
    for rule in _PACK.frames:
        for kind, positive in (("examples", True), ("counter_examples", False)):
            for i, ex in enumerate(getattr(rule, kind)):
                yield pytest.param("frame", rule.id, ex, positive, id=f"{rule.id}-{kind}-{i}")
    for cue in _PACK.attribution.cues:
        for kind, positive in (("examples", True), ("counter_examples", False)):
            for i, ex in enumerate(getattr(cue, kind)):
                yield pytest.param("cue", cue.id, ex, positive, id=f"{cue.id}-{kind}-{i}")
    for ctx in _PACK.context.context:
        for kind, positive in (("examples", True), ("counter_examples", False)):
            for i, ex in enumerate(getattr(ctx, kind)):
                yield pytest.param("context", ctx.id, ex, positive, id=f"{ctx.id}-{kind}-{i}")
    for kind, positive in (("examples", True), ("counter_examples", False)):
        for i, ex in enumerate(getattr(_PACK.citations, kind)):
            yield pytest.param("citation", "citations", ex, positive, id=f"citations-{kind}-{i}")


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(_PACK)


@pytest.mark.parametrize("kind,rule_id,example,positive", list(_cases()))
def test_rule_example(checker: RuleChecker, kind: str, rule_id: str, example, positive: bool) -> None:
    if kind == "frame":
        ok, detail = checker.check_frame(rule_id, example, positive)
    elif kind == "cue":
        ok, detail = checker.check_cue(rule_id, example, positive)
    elif kind == "context":
        ok, detail = checker.check_context(rule_id, example, positive)
    else:
        ok, detail = checker.check_citations(example, positive)
    assert ok, f"{rule_id}: {example.text!r}: {detail}"


def test_every_claim_type_is_reachable() -> None:
    """Each type has a frame with examples, or a debate pack retypes a framed type into it."""
    covered = {r.type for r in _PACK.frames if r.examples}
    retyped = {rt.to_type for d in _PACK.debates for rt in d.retype if rt.from_type in covered}
    assert covered | retyped == _PACK.type_ids


def test_every_frame_rule_has_counter_examples() -> None:
    missing = [r.id for r in _PACK.frames if not r.counter_examples]
    assert missing == []
