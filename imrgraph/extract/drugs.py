"""`imr_drugs`: drug names (package dictionary + our supplement) in the summary and the requests."""

from __future__ import annotations

import re

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link
from .context import LetterContext


@Language.factory("imr_drugs", default_config={"max_tokens": 4})
def make_drug_finder(nlp: Language, name: str, max_tokens: int):
    return DrugFinder(nlp, max_tokens)


_JOIN = re.compile(r"\s*([/\-])\s*")  # 'hydrocodone / apap' -> 'hydrocodone/apap'
_FIRST_WORD = re.compile(r"[a-z0-9][a-z0-9']*")


def _joiner(m: re.Match) -> str:
    return m.group(1)  # a function: re parses a template replacement on every call


class DrugFinder:
    """Drug names by n-gram lookup in the summary and requests.

    A dictionary lookup per n-gram is cheaper than a 100k-pattern PhraseMatcher and needs no
    start-up compilation. Only tokens whose word can begin a drug name are tried (a lexeme flag, read
    for all tokens at once), so the Python work is per candidate, not per token. Combinations written
    'hydrocodone/APAP' are joined into one generic.
    """

    def __init__(self, nlp: Language, max_tokens: int):
        self.max_tokens = max_tokens
        self.vocab = {(_JOIN.sub(_joiner, k) if ("/" in k or "-" in k) else k): v
                      for k, v in link.drug_vocabulary().items()}
        from spacy.lang.en.stop_words import STOP_WORDS

        # words that can begin a drug name; variants starting with a stop word ('a-...', 'is ...') are
        # dictionary noise and would make every 'a' and 'is' a candidate
        first_words = frozenset(w for w in (_FIRST_WORD.match(k).group() for k in self.vocab if _FIRST_WORD.match(k))
                                if w not in STOP_WORDS or w in self.vocab)
        # a lexeme flag, set once per word of the vocabulary (new words as they are first seen): the
        # tokens worth a lookup come out of Doc.to_array, in C
        self.can_start = nlp.vocab.add_flag(lambda word: word.isalpha() and word.lower() in first_words)

    def __call__(self, doc: Doc) -> Doc:
        ctx: LetterContext = doc._.letter
        text, starts, ends = ctx.text, ctx.token_starts, ctx.token_ends
        in_regions = bytearray(len(starts))
        for region in ctx.regions("drug"):
            first, last = ctx.region_tokens(region)
            if last > first:
                in_regions[first:last] = b"\x01" * (last - first)
        candidates = [i for i in np.flatnonzero(doc.to_array(self.can_start)).tolist() if in_regions[i]]
        found: list[Span] = []
        last_end = 0
        for i in candidates:
            if i < last_end:
                continue
            for n in range(min(self.max_tokens, len(starts) - i), 0, -1):
                if not in_regions[i + n - 1]:
                    continue
                key = text[starts[i]:ends[i + n - 1]].lower()
                if "/" in key or "-" in key:
                    key = _JOIN.sub(_joiner, key)
                if key in self.vocab:
                    generic, drugbank = self.vocab[key]
                    span = Span(doc, i, i + n, label=generic)
                    span._.drugbank = drugbank
                    found.append(span)
                    last_end = i + n
                    break
        ctx.groups["drug"] = _join_combinations(doc, found)
        return doc


def _join_combinations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'hydrocodone / APAP' -> one span, generic 'hydrocodone/acetaminophen'."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.start - prev.end == 1 and doc[prev.end].text in ("/", "-", "+"):
            generic = "/".join(dict.fromkeys(prev.label_.split("/") + span.label_.split("/")))
            out[-1] = Span(doc, prev.start, span.end, label=generic)
        else:
            out.append(span)
    return out
