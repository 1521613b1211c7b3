"""ActorRecognizer: gazetteer actors, titled names, collectives with quantifiers, pronouns, 'others'.

Writes doc.spans[ACTORS] (non-overlapping, longest first) and sets doc.ents to them, so frame and cue
patterns can ask for `ENT_TYPE` (STATE, OFFICIAL, EXPERT, MEDIA). doc.spans[MENTIONS] lists every
state the text mentions (names, capitals, demonyms, officials of a state), for debate conditions.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from argmap.pipeline.fastmatch import AnchoredMatcher
from argmap.pipeline.rulecache import get_rules
from argmap.pipeline.spans import ACTORS, MENTIONS, filter_ranges, set_meta
from argmap.rules.schema import ActorsFile

_APOSTROPHE_S = {"'s", "’s"}
Found = tuple[int, int, str, dict[str, Any]]  # start, end, label, metadata
_ARTICLES = {"a", "an", "the"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class ActorRecognizer:
    def __init__(self, nlp: Language, name: str, rules_dir: str | None) -> None:
        rules: ActorsFile = get_rules(rules_dir).actors
        self.rules = rules
        vocab = nlp.vocab
        self.gazetteer = {a.id: a for a in rules.actors}
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.demonyms = PhraseMatcher(vocab, attr="ORTH")
        for actor in rules.actors:
            self.names.add(actor.id, list(nlp.tokenizer.pipe([actor.name, *actor.aliases])))
            if actor.demonyms:
                self.demonyms.add(actor.id, list(nlp.tokenizer.pipe(actor.demonyms)))
        self.quantifiers = {k.lower(): v for k, v in rules.quantifiers.items()}
        self.titles = {k.lower(): v for k, v in rules.titles.items()}
        self.collectives = {k.lower(): v for k, v in rules.collectives.items()}
        self.title_modifiers = {w.lower() for w in rules.title_modifiers}
        self.not_names = set(rules.not_names)
        self.demonym_words = {w for a in rules.actors for d in a.demonyms for w in d.split()}
        self.patterns = AnchoredMatcher(vocab)
        quant_single = [q for q in self.quantifiers if " " not in q]
        coll_single = sorted(c for c in self.collectives if " " not in c)
        mods = sorted({m.lower() for m in rules.collective_modifiers})
        name_tok = {"IS_TITLE": True, "TEXT": {"NOT_IN": sorted(self.not_names)}}
        for title in self.titles:
            words = title.split()
            self.patterns.add("TITLED", [[*({"LOWER": w} for w in words), dict(name_tok), {**name_tok, "OP": "?"}, {**name_tok, "OP": "?"}]], greedy="LONGEST")
        coll = {"LOWER": {"IN": coll_single}}
        lead = [{"LOWER": {"IN": quant_single + ["a", "an", "the"]}, "OP": "?"}]
        pro = [{"LOWER": {"IN": ["pro", "anti"]}, "OP": "?"}, {"ORTH": "-", "OP": "?"}]
        self.patterns.add("COLLECTIVE", [
            lead + pro + [{"IS_TITLE": True, "OP": "{0,3}"}, {"LOWER": {"IN": mods}, "OP": "{0,2}"}, coll],
            lead + pro + [{"IS_UPPER": True, "OP": "{0,2}"}, {"LOWER": {"IN": mods}, "OP": "{0,2}"}, coll],
        ], greedy="LONGEST")
        # A bare role with a determiner is an actor too: "the mayor said", "the senator argued".
        roles = sorted(t for t in self.titles if " " not in t and t.isalpha() and t not in self.collectives)
        self.patterns.add("COLLECTIVE", [
            [{"LOWER": {"IN": ["the", "a", "an", "this", "that"]}}, {"IS_TITLE": True, "OP": "{0,3}"},
             {"LOWER": {"IN": mods}, "OP": "{0,2}"}, {"LOWER": {"IN": roles}}],
        ], greedy="LONGEST")
        self.patterns.add("QUANT_IN", [[{"LOWER": {"IN": quant_single}}, {"LOWER": {"IN": ["in", "among", "within"]}}, {"IS_TITLE": True, "OP": "{1,3}"}]], greedy="LONGEST")
        self.patterns.add("CONTRAST", [[{"LOWER": {"IN": [w.lower() for w in rules.contrast_words if " " not in w]}}]])
        self.patterns.add("PRONOUN", [[{"LOWER": {"IN": sorted(rules.pronouns)}}]])
        self.pronouns = dict(rules.pronouns)

    # -- helpers ---------------------------------------------------------------------------------
    def _gazetteer_in(self, doc: Doc, start: int, end: int, hits: dict[tuple[int, int], str]) -> str | None:
        for (s, e), gid in hits.items():
            if start <= s and e <= end and self.gazetteer[gid].kind != "state":
                return gid
        return None

    def _extend_title_left(self, doc: Doc, start: int, floor: int) -> int:
        """Extend a title leftwards over modifiers: capitalised words, 's, (ACRONYM), retired/former."""
        i = start
        while i > floor:
            tok = doc[i - 1]
            if tok.text in _APOSTROPHE_S and i - 2 >= floor and doc[i - 2].is_title:
                i -= 2
            elif tok.text == ")" and i - 3 >= floor and doc[i - 2].is_upper and doc[i - 3].text == "(":
                i -= 3
            elif tok.lower_ in self.title_modifiers or (tok.is_title or tok.is_upper) and tok.text not in self.not_names or tok.text in self.demonym_words:
                i -= 1
            else:
                break
        return i

    @staticmethod
    def _mk(doc: Doc, start: int, end: int, meta: dict[str, Any]) -> Found:
        return start, end, meta["kind"].upper(), meta

    # -- component -------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        found: list[Found] = []
        gaz_hits: dict[tuple[int, int], str] = {}
        mentions: list[Span] = []
        for match_id, start, end in self.names(doc):
            gid = doc.vocab.strings[match_id]
            gaz_hits[(start, end)] = gid
        for match_id, start, end in self.demonyms(doc):
            gid = doc.vocab.strings[match_id]
            mentions.append(Span(doc, start, end, label=gid))
        for (start, end), gid in gaz_hits.items():
            actor = self.gazetteer[gid]
            found.append(self._mk(doc, start, end, {
                "id": gid, "name": actor.name, "kind": actor.kind, "title": actor.title, "gazetteer": True,
            }))
            state = gid if actor.kind == "state" else actor.state
            if state:
                mentions.append(Span(doc, start, end, label=state))
        for match_id, start, end in self.patterns(doc):
            label = doc.vocab.strings[match_id]
            span = doc[start:end]
            if label == "TITLED":
                found.append(self._titled(doc, span, gaz_hits))
            elif label == "COLLECTIVE":
                found.append(self._collective(doc, span, start, end))
            elif label == "QUANT_IN":
                quant = self.quantifiers.get(doc[start].lower_)
                found.append(self._mk(doc, start, end, {
                    "id": slug(span.text), "name": span.text, "kind": "expert", "quantifier": quant,
                }))
            elif label == "CONTRAST":
                if start > 0 and doc[start - 1].lower_ in ("and", "among", "of", "the"):
                    continue
                found.append(self._mk(doc, start, end, {"id": "others", "name": span.text, "kind": "expert", "quantifier": "others", "contrast": True}))
            elif label == "PRONOUN":
                found.append(self._mk(doc, start, end, {"id": "pronoun", "name": span.text, "kind": "expert", "pronoun": self.pronouns[span.text.lower()]}))
        metas = {(s, e, label): m for s, e, label, m in found}
        kept = filter_ranges([(s, e, label) for s, e, label, _ in found])
        spans = [Span(doc, s, e, label=label) for s, e, label in kept]
        doc.spans[ACTORS] = spans
        for span, key in zip(spans, kept):
            set_meta(doc, ACTORS, span, metas[key])
        doc.spans[MENTIONS] = mentions
        doc.ents = [span for span, key in zip(spans, kept) if not metas[key].get("pronoun")]
        return doc

    def _titled(self, doc: Doc, span: Span, gaz_hits: dict[tuple[int, int], str]) -> Found:
        # The title is the longest title phrase at the start of the match; the rest is the name.
        words = [t.lower_ for t in span]
        n_title = max(n for n in range(1, len(words)) if " ".join(words[:n]) in self.titles)
        kind = self.titles[" ".join(words[:n_title])]
        start = self._extend_title_left(doc, span.start, span.sent.start if doc.has_annotation("SENT_START") else 0)
        end = span.end
        while end > span.start + n_title + 1 and doc[end - 1].text in self.not_names:
            end -= 1
        name_span = doc[span.start + n_title:end]
        title = doc[start:span.start + n_title].text
        gid = self._gazetteer_in(doc, span.start + n_title, end, gaz_hits)
        if gid:
            actor = self.gazetteer[gid]
            end = max(e for (s, e), g in gaz_hits.items() if g == gid and span.start + n_title <= s and e <= end)
            return self._mk(doc, start, end, {"id": gid, "name": actor.name, "kind": actor.kind, "title": title, "gazetteer": True})
        return self._mk(doc, start, end, {"id": slug(name_span.text), "name": name_span.text, "kind": kind, "title": title})

    def _collective(self, doc: Doc, span: Span, start: int, end: int) -> Found:
        quant = None
        i = start
        # "Many Chinese experts", "the Chinese press": strip the quantifier/article from the name.
        while i < end - 1 and (doc[i].lower_ in self.quantifiers or doc[i].lower_ in _ARTICLES):
            quant = self.quantifiers.get(doc[i].lower_, quant)
            i += 1
        # Trailing "in China" / "among Russian scholars" makes the collective more specific.
        j = end
        if j + 1 < len(doc) and doc[j].lower_ in ("in", "among", "within", "at") and (doc[j + 1].is_title or doc[j + 1].is_upper):
            j += 2
            while j < len(doc) and doc[j].is_title and j < end + 5:
                j += 1
        noun = doc[end - 1].lower_
        kind = self.collectives.get(noun) or self.titles.get(noun, "expert")
        name_start = start if doc[start].lower_ in self.quantifiers and doc[start].lower_ not in _ARTICLES and j > end else i
        name = doc[name_start:j].text
        return self._mk(doc, start, j, {"id": slug(doc[i:j].text), "name": name, "kind": kind, "quantifier": quant, "collective": True})


@Language.factory("argmap_actors", default_config={"rules_dir": None})
def make_actor_recognizer(nlp: Language, name: str, rules_dir: str | None) -> ActorRecognizer:
    return ActorRecognizer(nlp, name, rules_dir)
