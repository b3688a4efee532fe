"""`imr_sentences`: sentence starts after . ! ? followed by a capital or digit."""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .context import LetterContext

# Ends at the first character of a sentence: after . ! ? (and closing quotes or brackets) and
# whitespace, before a capital or digit. Starting with the punctuation lets re skip ahead in C.
SENTENCE_START = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])")


@Language.component("imr_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts found on the text and set as one array: the same boundaries as spaCy's
    sentencizer here, without a Python step per token. Also kept as plain lists on the letter's
    context: reading them back through `doc.sents` builds a Python object per token."""
    ctx: LetterContext = doc._.letter
    if not len(doc):
        ctx.sentence_firsts, ctx.sentence_chars = [], [0]
        return doc
    token_starts = ctx.token_starts
    firsts = [0]
    for m in SENTENCE_START.finditer(ctx.text):
        i = bisect_left(token_starts, m.end(), firsts[-1])  # a break is where a token starts (after a space)
        if i < len(token_starts) and token_starts[i] == m.end() and i > firsts[-1]:
            firsts.append(i)
    flags = np.full(len(token_starts), -1, dtype=np.int64)
    flags[firsts] = 1
    doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
    ctx.sentence_firsts = firsts
    ctx.sentence_chars = [token_starts[i] for i in firsts] + [len(ctx.text)]
    return doc
