"""Turns argmap's token-pattern dialect into plain spaCy Matcher patterns.

Extensions over spaCy's syntax, expanded here once at load time:
- `LEMMA: x` / `LEMMA: {IN: [...]}`: matched on inflected forms when the pipeline has no lemmatizer.
- `LEX: name` / `LEX: [a, b]`: any word of the named lexicons (inflected).
- `GAP: n`: up to n tokens of anything inside the sentence.
- `ACTOR: kind | [kinds] | any`: a token inside an actor mention of that kind.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from argmap.rules.inflect import Inflector

ACTOR_KINDS = ("official", "expert", "media", "state", "author")


class PatternError(ValueError):
    """A pattern that cannot be compiled; `loc` is the path inside the pattern."""

    def __init__(self, message: str, loc: tuple[Any, ...] = ()) -> None:
        super().__init__(message)
        self.loc = loc


class PatternCompiler:
    def __init__(self, lexicons: Mapping[str, list[str]], inflector: Inflector, use_lemmas: bool = False) -> None:
        self.lexicons = lexicons
        self.inflector = inflector
        self.use_lemmas = use_lemmas

    def lexicon_words(self, names: str | list[str], loc: tuple[Any, ...] = ()) -> list[str]:
        words: list[str] = []
        for name in [names] if isinstance(names, str) else names:
            if name not in self.lexicons:
                close = difflib.get_close_matches(str(name), list(self.lexicons), n=3)
                hint = f"did you mean {', '.join(close)}?" if close else "define it under 'lexicons' in lexicons.yml"
                raise PatternError(f"unknown lexicon '{name}' ({hint})", loc)
            words.extend(self.lexicons[name])
        return words

    def _surface(self, lemmas: list[str]) -> dict[str, Any]:
        single = [w for w in lemmas if " " not in w]
        if self.use_lemmas:
            return {"LEMMA": {"IN": sorted({w.lower() for w in single})}}
        return {"LOWER": {"IN": self.inflector.token_forms(single)}}

    def compile(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not isinstance(pattern, list) or not pattern:
            raise PatternError("a pattern is a non-empty list of token specs")
        out: list[dict[str, Any]] = []
        for i, spec in enumerate(pattern):
            if not isinstance(spec, dict):
                raise PatternError("a token spec is a mapping such as {LOWER: word}", (i,))
            spec = dict(spec)
            if "GAP" in spec:
                n = spec.pop("GAP")
                if not isinstance(n, int) or not 1 <= n <= 20 or spec:
                    raise PatternError("GAP takes a whole number from 1 to 20 and nothing else", (i, "GAP"))
                out.append({"IS_SENT_START": False, "OP": f"{{0,{n}}}"})
                continue
            token: dict[str, Any] = {}
            if "LEX" in spec:
                token.update(self._surface(self.lexicon_words(spec.pop("LEX"), (i, "LEX"))))
            if "LEMMA" in spec:
                value = spec.pop("LEMMA")
                if isinstance(value, str):
                    lemmas = [value]
                elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                    lemmas = [str(v) for v in value["IN"]]
                else:
                    raise PatternError("LEMMA takes a word or {IN: [words]}", (i, "LEMMA"))
                if "LOWER" in token:
                    raise PatternError("use either LEX or LEMMA in one token, not both", (i,))
                token.update(self._surface(lemmas))
            if "ACTOR" in spec:
                kinds = spec.pop("ACTOR")
                kinds = list(ACTOR_KINDS) if kinds == "any" else ([kinds] if isinstance(kinds, str) else kinds)
                bad = [k for k in kinds if k not in ACTOR_KINDS]
                if bad:
                    raise PatternError(f"ACTOR kind '{bad[0]}' is not one of {', '.join(ACTOR_KINDS)} or 'any'", (i, "ACTOR"))
                token["ENT_TYPE"] = {"IN": [k.upper() for k in kinds]}
            token.update(spec)
            out.append(token)
        if all(t.get("OP") in ("?", "*") or str(t.get("OP", "")).startswith("{0") for t in out):
            raise PatternError("a pattern must have at least one required token")
        return out
