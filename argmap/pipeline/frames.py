"""FrameMatcher: claim-type frames from rules/frames/*.yml, compiled once into a Matcher and PhraseMatcher."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from argmap.pipeline.fastmatch import AnchoredMatcher
from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import CITATIONS, FRAMES, inside, set_meta


class FrameMatcher:
    def __init__(self, nlp: Language, name: str, rules_dir: str | None, use_lemmas: bool = False) -> None:
        rules = get_rules(rules_dir)
        compiler = rules.compiler(use_lemmas=use_lemmas)
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.excludes = PhraseMatcher(nlp.vocab, attr="LOWER")  # set phrases that cancel a rule's match
        self.rule_type = {r.id: r.type for r in rules.frames}
        self.subsumes = {r.id: set(r.subsumes) for r in rules.frames}
        for rule in rules.frames:
            if rule.patterns:
                self.matcher.add(rule.id, [compiler.compile(p) for p in rule.patterns], greedy="LONGEST")
            if rule.phrases:
                self.phrases.add(rule.id, list(nlp.tokenizer.pipe(rule.phrases)))
            if rule.exclude:
                self.excludes.add(rule.id, list(nlp.tokenizer.pipe(rule.exclude)))

    def __call__(self, doc: Doc) -> Doc:
        citations = list(doc.spans[CITATIONS]) if CITATIONS in doc.spans else []
        by_rule: dict[str, list[Span]] = {}
        excluded: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.excludes(doc):
            excluded.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        for match_id, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            rule_id = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=self.rule_type[rule_id])
            if any(s < end and start < e for s, e in excluded.get(rule_id, ())):
                continue  # "century of humiliation" is history, not a chill in relations
            if not inside(span, citations):
                by_rule.setdefault(rule_id, []).append(span)
        frames: list[tuple[Span, str]] = []
        for rule_id in sorted(by_rule):
            frames += [(s, rule_id) for s in filter_spans(by_rule[rule_id])]
        # A frame whose rule subsumes a type ("little room for third parties to exploit contradictions")
        # removes frames of that type that it overlaps.
        # The subsuming frame's scope runs from its start to the end of its sentence.
        dropped = {
            (s.start, s.end, r) for s, r in frames for big, big_rule in frames
            if s.label_ in self.subsumes[big_rule] and r != big_rule and big.start <= s.start < big.sent.end
        }
        kept = sorted(((s, r) for s, r in frames if (s.start, s.end, r) not in dropped), key=lambda x: (x[0].start, x[0].end, x[1]))
        doc.spans[FRAMES] = [s for s, _ in kept]
        for span, rule_id in kept:
            set_meta(doc, FRAMES, span, {"rule": rule_id, "context": {}})
        return doc


@Language.factory("argmap_frames", default_config={"rules_dir": None, "use_lemmas": False})
def make_frame_matcher(nlp: Language, name: str, rules_dir: str | None, use_lemmas: bool) -> FrameMatcher:
    return FrameMatcher(nlp, name, rules_dir, use_lemmas)
