"""`imr_negex`: negspacy's NegEx over span groups, with the span lookup done once per letter.

negspacy's own loop re-reads every span group for every sentence/termination boundary, which
makes a whole letter quadratic (most of the pipeline's time). The algorithm and termsets are
negspacy's; only the lookup changes: each span finds its boundary by binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from negspacy.negation import Negex
from spacy.language import Language
from spacy.tokens import Doc

from .context import LetterContext


@Language.factory(
    "imr_negex",
    default_config={"neg_termset": None, "extension_name": "negex", "span_keys": ["diagnosis", "drug"]},
)
def make_negex(nlp: Language, name: str, neg_termset: dict, extension_name: str, span_keys: list[str]):
    return SpanGroupNegex(nlp, name, neg_termset=neg_termset, extension_name=extension_name, span_keys=span_keys)


class SpanGroupNegex(Negex):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        patterns = self.pseudo_patterns + self.preceding_patterns + self.following_patterns + self.termination_patterns
        self.longest_cue = max(map(len, patterns), default=0)

    def negex(self, doc: Doc) -> Doc:
        ctx: LetterContext = doc._.letter
        spans = [s for key in self.span_keys for s in ctx.group(key)]
        if not spans:
            return doc
        # Cues matter only in the sentences that hold spans: the matcher reads those, and as many
        # tokens around them as the longest cue has (one that starts outside and reaches in).
        firsts = ctx.sentence_firsts
        first, last = min(s.start for s in spans), max(s.end for s in spans)
        after = bisect_left(firsts, last)
        lo = max(0, firsts[bisect_right(firsts, first) - 1] - self.longest_cue)
        hi = min(len(doc), (firsts[after] if after < len(firsts) else len(doc)) + self.longest_cue)
        preceding, following, terminating = self.process_negations(doc[lo:hi])
        # negspacy's boundaries: sentence starts and termination phrases cut the letter; a span is
        # negated by the cues inside the one boundary that holds it whole
        cuts = sorted(firsts + [t[1] for t in terminating] + [len(doc)])
        cues: dict[int, tuple[list, list]] = {}
        for span in spans:
            k = bisect_right(cuts, span.start) - 1
            if k < 0 or span.end > cuts[k + 1]:
                continue
            if k not in cues:
                lo, hi = cuts[k], cuts[k + 1]
                cues[k] = ([i for i in preceding if lo <= i[1] < hi], [i for i in following if lo <= i[1] < hi])
            self._apply_negation(span, *cues[k])
        return doc


def negation_termset() -> dict[str, list[str]]:
    """negspacy's clinical termset, with rule-out phrases moved to uncertainty and IMR wording added."""
    from negspacy.termsets import termset

    terms = termset("en_clinical").get_patterns()
    uncertain = set(uncertainty_termset()["preceding_negations"])
    terms["preceding_negations"] = [t for t in terms["preceding_negations"] if t not in uncertain and t != "ro"] + [
        "did not meet the full diagnosis for", "did not meet the criteria for", "did not meet criteria for",
        "does not meet criteria for", "no evidence", "no evidence that", "no history of", "no documentation of",
        "not diagnosed with", "never been prescribed", "negative for", "ruled out for",
        "has not had", "have not had", "had not had", "has never had", "never tried", "has never tried",
        "not tried", "has not tried", "never received", "has not received", "no prior", "no previous",
        "without evidence of", "no indication of", "no findings of", "no clinical evidence of",
    ]
    terms["pseudo_negations"] += ["not otherwise specified", "not elsewhere classified", "no longer"]
    terms["following_negations"] += ["was ruled out", "has been ruled out", "is not supported", "was denied"]
    terms["termination"] += ["with", "and has", "and was", "and is", "who", "while", ";"]
    return terms


def uncertainty_termset() -> dict[str, list[str]]:
    return {
        "pseudo_negations": ["not rule out", "not ruled out"],
        "preceding_negations": ["r/o", "rule out", "rule-out", "to rule out", "possible", "probable", "suspected",
                                "suspect", "questionable", "query", "presumed", "cannot exclude", "likely",
                                "differential diagnosis includes", "versus"],
        "following_negations": ["is suspected", "was suspected", "is possible", "is questionable",
                                "to be ruled out", "cannot be excluded"],
        "termination": ["but", "however", "although", "which", "with", "and has", "who", ";"],
    }
