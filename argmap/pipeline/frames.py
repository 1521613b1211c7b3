"""FrameMatcher: claim-type frames from rules/frames/*.yml, compiled once into a Matcher and PhraseMatcher."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from argmap.pipeline.fastmatch import AnchoredMatcher
from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import CITATIONS, FRAMES, filter_ranges, sentence_ends, set_meta


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
        citations = [(c.start, c.end) for c in doc.spans[CITATIONS]] if CITATIONS in doc.spans else []
        strings = doc.vocab.strings
        by_rule: dict[str, list[tuple[int, int, str]]] = {}
        excluded: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.excludes(doc):
            excluded.setdefault(strings[match_id], []).append((start, end))
        for match_id, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            rule_id = strings[match_id]
            if any(s < end and start < e for s, e in excluded.get(rule_id, ())):
                continue  # "century of humiliation" is history, not a chill in relations
            if not any(s <= start and end <= e for s, e in citations):
                by_rule.setdefault(rule_id, []).append((start, end, self.rule_type[rule_id]))
        frames = [(*r, rule_id) for rule_id in sorted(by_rule) for r in filter_ranges(by_rule[rule_id])]
        # A frame whose rule subsumes a type ("little room for third parties to exploit contradictions")
        # removes frames of that type that it overlaps.
        # The subsuming frame's scope runs from its start to the end of its sentence.
        dropped: set[tuple[int, int, str]] = set()
        if any(self.subsumes[r] for *_, r in frames):
            ends = sentence_ends(doc)
            dropped = {
                (s, e, r) for s, e, label, r in frames for bs, be, _, br in frames
                if label in self.subsumes[br] and r != br and bs <= s < ends[be - 1]
            }
        kept = sorted((f for f in frames if (f[0], f[1], f[3]) not in dropped), key=lambda f: (f[0], f[1], f[3]))
        spans = [Span(doc, s, e, label=label) for s, e, label, _ in kept]
        doc.spans[FRAMES] = spans
        for span, (*_, rule_id) in zip(spans, kept):
            set_meta(doc, FRAMES, span, {"rule": rule_id, "context": {}})
        return doc


@Language.factory("argmap_frames", default_config={"rules_dir": None, "use_lemmas": False})
def make_frame_matcher(nlp: Language, name: str, rules_dir: str | None, use_lemmas: bool) -> FrameMatcher:
    return FrameMatcher(nlp, name, rules_dir, use_lemmas)
