"""negspacy's NegEx over span groups, with the span lookup done once per letter.

negspacy's own loop re-reads every span group for every sentence/termination boundary, which
makes a whole letter quadratic (most of the pipeline's time). The algorithm and termsets are
negspacy's; only the lookup changes: spans are sorted once and each boundary takes its slice.
"""

from __future__ import annotations

from bisect import bisect_left

from negspacy.negation import Negex
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "imr_negex",
    default_config={"neg_termset": None, "extension_name": "negex", "span_keys": ["diagnosis", "drug"]},
)
def make_negex(nlp: Language, name: str, neg_termset: dict, extension_name: str, span_keys: list[str]):
    return SpanGroupNegex(nlp, name, neg_termset=neg_termset, extension_name=extension_name, span_keys=span_keys)


class SpanGroupNegex(Negex):
    def negex(self, doc: Doc) -> Doc:
        spans = sorted((s for key in self.span_keys for s in doc.spans.get(key, [])), key=lambda s: s.start)
        if not spans:
            return doc
        starts = [s.start for s in spans]
        preceding, following, terminating = self.process_negations(doc)
        for lo, hi in self.termination_boundaries(doc, terminating):
            first = bisect_left(starts, lo)
            inside = [s for s in spans[first:bisect_left(starts, hi)] if s.end <= hi]
            if not inside:
                continue
            sub_preceding = [i for i in preceding if lo <= i[1] < hi]
            sub_following = [i for i in following if lo <= i[1] < hi]
            for span in inside:
                self._apply_negation(span, sub_preceding, sub_following)
        return doc
