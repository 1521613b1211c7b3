"""AttributionFinder: reported speech and belief — who (source) said (cue) what (content).

Structures: "SOURCE [aux/adverbs] CUE [that] CONTENT"; "As SOURCE CUE, CONTENT"; "CONTENT, SOURCE CUE.";
"according to SOURCE, CONTENT"; nominal "SOURCE's NOUN that" / "NOUN in SOURCE that"; and cues in
participles/infinitives ("op-eds arguing that", "an opportunity to advocate") whose source is the
nearest actor to the left. Writes doc.spans[ATTRIBUTIONS]; the metadata gives token offsets.
"""
from __future__ import annotations

from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from argmap.pipeline.fastmatch import AnchoredMatcher
from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import ACTORS, ATTRIBUTIONS, CITATIONS, inside, set_meta
from argmap.rules.schema import CueRule

_THAT = {"that", ":"}
_QUOTES = {"“", "\"", "‘", "”", "’"}
_JOINERS = {get_string_id(w) for w in ("while", "and", "but", "whereas")}
_FINAL_PUNCT = {get_string_id(w) for w in (".", ",", ";", ":", "!")}
_COMMA, _WHICH = get_string_id(","), get_string_id("which")


class AttributionFinder:
    def __init__(self, nlp: Language, name: str, rules_dir: str | None) -> None:
        rules = get_rules(rules_dir)
        self.cfg = rules.attribution
        self.skip = {w.lower() for w in self.cfg.skip_between_source_and_cue}
        self.window = self.cfg.source_window
        self.terminator_ids = {get_string_id(t) for t in self.cfg.content_terminators}
        self.non_agents = {w.lower() for w in self.cfg.non_agent_nouns}
        not_names = set(rules.actors.not_names)
        self.not_names = not_names
        compiler = rules.compiler(use_lemmas=False)
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.lemma_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rules: dict[str, CueRule] = {}
        for cue in self.cfg.cues:
            self.rules[cue.id] = cue
            if cue.patterns:
                self.matcher.add(cue.id, [compiler.compile(p) for p in cue.patterns], greedy="LONGEST")
            forms = sorted({f for lemma in cue.lemmas for f in rules.inflector.forms(lemma)})
            if forms:
                self.lemma_cues.add(cue.id, list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc) -> Doc:
        citations = list(doc.spans[CITATIONS]) if CITATIONS in doc.spans else []
        actors = list(doc.spans[ACTORS]) if ACTORS in doc.spans else []
        found: list[tuple[Span, dict[str, Any]]] = []
        taken: set[int] = set()
        candidates: dict[int, list[tuple[Span, dict[str, Any]]]] = {}
        for match_id, start, end in [*self.matcher(doc), *self.lemma_cues(doc)]:
            cue = doc[start:end]
            if inside(cue, citations) or inside(cue, actors):
                continue
            result = self._attribute(doc, self.rules[doc.vocab.strings[match_id]], cue, actors)
            if result is not None:
                candidates.setdefault(start, []).append((cue, result))
        for start in sorted(candidates):
            if start in taken:
                continue
            # "Reports that ..." is both a verb and a noun: prefer a reading with a source, then the nominal one.
            cue, result = min(candidates[start], key=lambda c: (c[1].get("source") is None, c[1]["kind"] != "nominal", -len(c[0]), c[1]["rule"]))
            taken.update(range(cue.start, cue.end))
            found.append((cue, result))
        self._trim_contents(doc, found, citations)
        doc.spans[ATTRIBUTIONS] = [Span(doc, c.start, c.end, label=m["rule"]) for c, m in found]
        for cue, m in found:
            set_meta(doc, ATTRIBUTIONS, Span(doc, cue.start, cue.end, label=m["rule"]), m)
        return doc

    # -- structures ------------------------------------------------------------------------------
    def _attribute(self, doc: Doc, rule: CueRule, cue: Span, actors: list[Span]) -> dict[str, Any] | None:
        sent = cue.sent if doc.has_annotation("SENT_START") else doc[:]
        meta: dict[str, Any] = {"rule": rule.id, "kind": rule.kind, "cue": [cue.start, cue.end]}
        if rule.kind == "according_to":
            return self._according_to(doc, sent, cue, actors, meta)
        after = cue.end
        if rule.kind == "nominal":
            j = next((k for k in range(cue.end, min(cue.end + 7, sent.end)) if doc[k].lower_ in _THAT), None)
            if j is None or any(doc[k].is_sent_end and k < j for k in range(cue.end, j)):
                return None
            source = self._nominal_source(doc, sent, cue, j, actors)
            meta.update(source=source, content=[j + 1, sent.end])
            return meta if j + 1 < sent.end else None
        # verb cue
        # "said that", "said on Tuesday that", "said in a statement that": 'that' within a few words
        that = next((k for k in range(after, min(after + 5, sent.end)) if doc[k].lower_ in _THAT or doc[k].is_punct), None)
        has_that = that is not None and doc[that].lower_ in _THAT
        if has_that:
            after = that
        source = self._adjacent_source(doc, sent, cue, actors)
        prev = doc[cue.start - 1] if cue.start > sent.start else None
        if source is None and prev is not None and (prev.lower_ == "to" or cue[0].lower_.endswith("ing")):
            source = self._nearest_left(doc, sent, cue.start, actors)
        if source is None:
            source = self._unknown_name(doc, sent, cue)
        if source is None and has_that:
            source = self._noun_phrase(doc, sent, cue)
        if source is None and prev is not None and prev.lower_ == "and" and has_that:
            source = None  # coordinated cue ("... and noted that"): resolved to the previous source later
            meta["coordinated"] = True
        if source is None and not has_that and not meta.get("coordinated"):
            return None
        if rule.requires_that and not has_that:
            return None
        as_clause = source is not None and source[0] > sent.start and doc[source[0] - 1].lower_ == "as"
        trailing = after >= sent.end - 1 or doc[after].is_punct and doc[after].text in {".", "!"}
        # "As X argues, CONTENT" / "as X observed late last year, CONTENT": a comma closes the cue within a few words.
        comma = next((k for k in range(after, min(after + 6, sent.end)) if doc[k].text == ","), None) if as_clause else None
        if comma is not None:
            meta.update(source=source, content=[comma + 1, sent.end])
        elif source is not None and source[0] > sent.start + 2 and (
                trailing and self._closes_quote(doc, source[0]) or not has_that and self._closes_quote(doc, source[0], quoted=True)):
            # "CONTENT, the minister said." / "“QUOTE,” chief executive Jane Smith told reporters."
            end = source[0] - 1
            while end > sent.start and doc[end - 1].text in {",", "”", "\"", "’"} | _QUOTES:
                end -= 1
            start = sent.start + 1 if doc[sent.start].text in _QUOTES else sent.start
            meta.update(source=source, content=[start, max(start + 1, end)])
        else:
            start = after + 1 if has_that else after
            if start >= sent.end:
                return None
            meta.update(source=source, content=[start, sent.end])
        return meta

    @staticmethod
    def _closes_quote(doc: Doc, k: int, quoted: bool = False) -> bool:
        """Whether the source at token k follows a comma (inside a closing quote when `quoted`)."""
        if doc[k - 1].text in _QUOTES and doc[k - 2].text in {",", "!", "?"}:
            return True
        return not quoted and doc[k - 1].text == ","

    def _noun_phrase(self, doc: Doc, sent: Span, cue: Span) -> list[int] | None:
        """'The company said', 'The union, however, warned': a determiner phrase right before the cue."""
        k = cue.start
        while k > sent.start and (doc[k - 1].lower_ in self.skip):
            k -= 1
        end = k
        for start in range(end - 1, max(sent.start, end - 4) - 1, -1):
            tok = doc[start]
            if tok.is_punct or tok.is_digit:
                return None
            if tok.lower_ in ("the", "a", "an") and start < end - 1:
                return None if doc[end - 1].lower_ in self.non_agents else [start, end]
        return None

    def _according_to(self, doc: Doc, sent: Span, cue: Span, actors: list[Span], meta: dict[str, Any]) -> dict[str, Any] | None:
        end = cue.end
        while end < sent.end and not (doc[end].is_punct and doc[end].text not in {"'s", "’s", "-"}):
            end += 1
        if end == cue.end:
            return None
        actor = next((a for a in actors if a.start >= cue.end and a.start < end), None)
        source = [actor.start, actor.end] if actor is not None else [cue.end, end]
        if cue.start <= sent.start + 1:
            content = [end + 1, sent.end]
        else:
            content = [sent.start, cue.start - (1 if doc[cue.start - 1].text == "," else 0)]
        if content[0] >= content[1]:
            return None
        meta.update(source=source, content=content)
        return meta

    def _adjacent_source(self, doc: Doc, sent: Span, cue: Span, actors: list[Span]) -> list[int] | None:
        """An actor ending right before the cue, allowing auxiliaries and adverbs in between."""
        k = cue.start
        steps = 0
        while k > sent.start and steps <= 6:
            actor = next((a for a in actors if a.end == k), None)
            if actor is not None:
                return [actor.start, actor.end]
            if doc[k - 1].lower_ not in self.skip:
                return None
            k -= 1
            steps += 1
        return None

    def _nearest_left(self, doc: Doc, sent: Span, limit: int, actors: list[Span]) -> list[int] | None:
        best = None
        for a in actors:
            if sent.start <= a.start and a.end <= limit and limit - a.end <= self.window:
                best = a
        return [best.start, best.end] if best is not None else None

    def _unknown_name(self, doc: Doc, sent: Span, cue: Span) -> list[int] | None:
        """A capitalised name right before the cue that no gazetteer knows ('As Lü Chao argues')."""
        k = cue.start
        while k > sent.start and doc[k - 1].lower_ in self.skip and doc[k - 1].text != ",":
            k -= 1
        end = k
        while k > sent.start and end - k < 3 and doc[k - 1].is_title and doc[k - 1].text not in self.not_names:
            k -= 1
        if end - k >= 2:
            return [k, end]
        # A lone capitalised word opening the sentence before the cue: a surname or an organisation ('Smith added').
        if end - k == 1 and k == sent.start and doc[k].text not in self.not_names and doc[k].is_alpha:
            return [k, end]
        return None

    def _nominal_source(self, doc: Doc, sent: Span, cue: Span, that: int, actors: list[Span]) -> list[int] | None:
        # "the anticipation in the Chinese press that": an actor between the noun and "that"
        for a in actors:
            if cue.end <= a.start and a.end <= that:
                return [a.start, a.end]
        # "Xinhua's report that": a possessive actor right before the noun
        k = cue.start
        while k > sent.start and doc[k - 1].lower_ in {"'s", "’s", "recent", "latest", "new", "own"}:
            k -= 1
        actor = next((a for a in actors if a.end == k and k < cue.start), None)
        return [actor.start, actor.end] if actor is not None else None

    def _trim_contents(self, doc: Doc, found: list[tuple[Span, dict[str, Any]]], citations: list[Span]) -> None:
        """A content ends where the next attribution in its sentence begins, at a terminator, or before a
        citation that closes it; final punctuation is not part of it."""
        if not found:
            return
        orth, lower, punct, space = doc.to_array([ORTH, LOWER, IS_PUNCT, IS_SPACE]).T.tolist()
        starts = sorted((m["source"][0] if m.get("source") and m["source"][0] < cue.start else cue.start, cue.start) for cue, m in found)
        for cue, m in found:
            c0, c1 = m["content"]
            for s, cue_start in starts:
                if c0 < cue_start and s > c0 and s < c1 and cue_start > cue.start:
                    c1 = s
                    while c1 > c0 and (punct[c1 - 1] or lower[c1 - 1] in _JOINERS):
                        c1 -= 1
            for k in range(c0, c1):
                if orth[k] in self.terminator_ids or (orth[k] == _COMMA and k + 1 < c1 and lower[k + 1] == _WHICH):
                    c1 = k
                    break
            for c in citations:
                if c0 < c.start < c1 and all(punct[k] or space[k] for k in range(c.end, c1)):
                    c1 = c.start  # "... benefited regional stability (Xinhua, January 24)."
            while c1 > c0 + 1 and (space[c1 - 1] or orth[c1 - 1] in _FINAL_PUNCT):
                c1 -= 1
            m["content"] = [c0, max(c0 + 1, c1)]


@Language.factory("argmap_attribution", default_config={"rules_dir": None})
def make_attribution_finder(nlp: Language, name: str, rules_dir: str | None) -> AttributionFinder:
    return AttributionFinder(nlp, name, rules_dir)
