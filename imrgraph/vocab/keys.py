"""How text becomes a lookup key: one rule per purpose, each written once.

- `surface_key`: how the vocabulary tables key a wording (lowercase, single spaces). Punctuation
  stays: the extractor matches these wordings token by token, so "low-back" and "low back" differ.
- `folded_key`: for comparing a wording with titles written in another style (ICD-10-CM titles):
  lowercase, accents dropped ("Charcôt" is "charcot"), punctuation folded to spaces (only '/' kept, as in
  "hydrocodone/apap").
- `slug`: lowercase words joined by '-', for ids in IRIs and keys of free-text fields (chapters,
  authors, uncoded diagnoses).
- `title_case`: a name as a list of them reports it ('hand surgery' -> 'Hand Surgery').
"""

from __future__ import annotations

import re
import unicodedata

_PUNCTUATION = re.compile(r"[^a-z0-9/]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def surface_key(text: str) -> str:
    return " ".join(text.lower().split())


def folded_key(text: str) -> str:
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


_SMALL_WORDS = frozenset({"and", "of", "the", "in", "for"})


def title_case(words: list[str]) -> str:
    """Title case; an acronym stays in capitals unless the whole name is in capitals."""
    shouting = all(w.isupper() for w in words)
    return " ".join(w.lower() if n and w.lower() in _SMALL_WORDS else w if w.isupper() and len(w) > 1 and not shouting
                    else w.capitalize() for n, w in enumerate(words))


def slug(value: str) -> str:
    return _NON_SLUG.sub("-", str(value).lower()).strip("-") or "-"
