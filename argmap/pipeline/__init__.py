"""argmap's spaCy pipeline: a blank English pipeline (or an installed trained one) plus argmap's components."""
from __future__ import annotations

import spacy
from spacy.language import Language

from argmap.errors import ArgmapError
from argmap.pipeline import actors, attribution, citations, context, frames, sentences  # noqa: F401  (registers factories)
from argmap.pipeline.rulecache import get_rules


def _split_dashes_and_quotes(nlp: Language) -> None:
    """Em/en dashes and closing quotes glued to words ('noes”—no') become tokens of their own."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or []) + [r"[—–]", r"(?<=\w)[”’](?=[—–,;:.])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def build_pipeline(rules_dir: str | None = None, model: str | None = None) -> Language:
    """spacy.blank('en') + sentence splitting + argmap components; `model` uses an installed trained pipeline."""
    pack = get_rules(rules_dir)  # validate first: a bad pack is reported before spaCy is touched
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ArgmapError(f"spaCy pipeline '{model}' is not installed (argmap never downloads at run time)") from None
    else:
        nlp = spacy.blank("en")
    _split_dashes_and_quotes(nlp)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("argmap_sentences")
    use_lemmas = False  # inflected forms are expanded at load time: same patterns for blank and trained pipelines
    cfg = {"rules_dir": str(pack.root)}
    nlp.add_pipe("argmap_citations", config=cfg)
    nlp.add_pipe("argmap_actors", config=cfg)
    nlp.add_pipe("argmap_attribution", config=cfg)
    nlp.add_pipe("argmap_frames", config={**cfg, "use_lemmas": use_lemmas})
    nlp.add_pipe("argmap_context", config=cfg)
    return nlp
