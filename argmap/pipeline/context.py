"""ContextAnnotator: ConText-style negation, hedging and counterfactual flags on frame spans."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import FRAMES, meta
from argmap.rules.schema import ContextRule


class ContextAnnotator:
    def __init__(self, nlp: Language, name: str, rules_dir: str | None) -> None:
        rules = get_rules(rules_dir).context
        self.terminators = {t.lower() for t in rules.terminators}
        self.rules: dict[str, ContextRule] = {r.id: r for r in rules.context}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for rule in rules.context:
            self.matcher.add(rule.id, list(nlp.tokenizer.pipe(rule.phrases)))

    def _clear(self, doc: Doc, a: int, b: int) -> bool:
        return not any(doc[k].lower_ in self.terminators for k in range(a, b))

    def _governs(self, doc: Doc, rule: ContextRule, cue: Span, frame: Span) -> bool:
        if cue.start < frame.end and frame.start < cue.end:
            return False  # the cue is part of the frame's own words ("not a game changer")
        if doc.has_annotation("SENT_START") and cue.sent != frame.sent:
            return False
        if rule.direction in ("forward", "both") and cue.end <= frame.start:
            return frame.start - cue.end <= rule.window and (not rule.use_terminators or self._clear(doc, cue.end, frame.start))
        if rule.direction in ("backward", "both") and cue.start >= frame.end:
            return cue.start - frame.end <= rule.window and (not rule.use_terminators or self._clear(doc, frame.end, cue.start))
        return False

    def __call__(self, doc: Doc) -> Doc:
        frames = list(doc.spans[FRAMES]) if FRAMES in doc.spans else []
        if not frames:
            return doc
        cues = [(doc.vocab.strings[m], Span(doc, s, e)) for m, s, e in self.matcher(doc)]
        for frame in frames:
            context = meta(FRAMES, frame)["context"]
            for rule_id, cue in cues:
                rule = self.rules[rule_id]
                if self._governs(doc, rule, cue, frame):
                    context.setdefault(rule.category, [])
                    if rule_id not in [c[0] for c in context[rule.category]]:
                        context[rule.category].append([rule_id, cue.start, cue.end])
        return doc


@Language.factory("argmap_context", default_config={"rules_dir": None})
def make_context_annotator(nlp: Language, name: str, rules_dir: str | None) -> ContextAnnotator:
    return ContextAnnotator(nlp, name, rules_dir)
