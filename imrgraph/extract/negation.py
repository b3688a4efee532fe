"""`imr_context`: the ConText algorithm (Harkema et al. 2009, as medspaCy implements it) over span groups.

Triggers are data (`vocab.context_rules()`: medspaCy's English rules and ours, spaCy Matcher token
patterns). In each sentence that holds a target span, a trigger reaches FORWARD to the end of the
sentence, BACKWARD to its start, or both ways, cut short by its `max_scope` (tokens), by a TERMINATE
trigger ("but", "however", ";", "which") and by the next trigger of its own category; a longer trigger
that overlaps a shorter one wins, so a PSEUDO trigger ("no change", "not only") silences the one inside
it. A trigger inside a target ('disc displacement without myelopathy') is part of its name and reaches
nothing. The letter's `modifiers` map each reached span, by its token offsets, to the categories that
reach it: NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HYPOTHETICAL, FAMILY, HISTORICAL.

Speed: triggers are matched only in the sentences that hold targets, only from the tokens a trigger can
begin with, and each target is tested against the merged scopes by binary search, so the work is linear
in the letter (up to a log).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from .context import LetterContext, letter_of

NEGATED, POSSIBLE, HYPOTHETICAL, FAMILY, HISTORICAL = (
    "NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL", "FAMILY", "HISTORICAL")


class Modifier(NamedTuple):
    start: int
    end: int
    rule: vocab.ContextRule
    sentence: int  # index into the letter's sentence starts
    bracket_end: int | None  # the token closing the brackets the trigger is in, if it is in any
    # the first token a trigger in brackets reaches back to: the first in them when a target stands there before
    # the trigger, else the first of the target they follow
    bracket_start: int | None
    # a trigger that ends brackets and answers the target they follow: it reaches back to it past anything in
    # the brackets ('prediabetes (raised in 2022; A1c normal, excluded)')
    answers_what_they_follow: bool = False


@Language.factory("imr_context", default_config={"span_keys": ["diagnosis", "drug", "service", "body_part"],
                                                 "sections": ["summary"]})
def make_context(nlp: Language, name: str, span_keys: list[str], sections: list[str]):
    return ConText(nlp, span_keys, sections)


class ConText:
    """Fills the letter's `modifiers` for the spans of `span_keys` that lie in `sections`."""

    def __init__(self, nlp: Language, span_keys: list[str], sections: list[str]):
        self.span_keys, self.sections = span_keys, sections
        self.triggers = TriggerMatcher(nlp, vocab.context_rules())

    def __call__(self, doc: Doc) -> Doc:
        ctx = letter_of(doc)
        regions = [ctx.region_tokens(ctx.sections[s]) for s in self.sections if s in ctx.sections]
        targets = sorted(((span, key.upper()) for key in self.span_keys for span in ctx.group(key)
                          if any(first <= span.start and span.end <= last for first, last in regions)),
                         key=lambda t: t[0].start)
        if not targets:
            return doc
        firsts = ctx.sentence_firsts
        bounds = [*firsts[1:], len(doc)]
        held = sorted({bisect_right(firsts, span.start) - 1 for span, _ in targets})
        modifiers = self._modifiers(ctx, targets, held, firsts, bounds)
        scopes = _scopes(modifiers, firsts, bounds)
        for span, kind in targets:
            found = set()
            for (category, allowed), (starts, ends) in scopes.items():
                if category in found or allowed is not None and kind not in allowed:
                    continue
                # merged scopes are disjoint and sorted: the last one starting before the span's end
                k = bisect_right(starts, span.end - 1) - 1
                if k >= 0 and ends[k] > span.start:
                    found.add(category)
            if found:
                ctx.modifiers[span.start, span.end] = frozenset(found)
        return doc

    def _modifiers(self, ctx: LetterContext, targets, held: list[int], firsts: list[int],
                   bounds: list[int]) -> list[Modifier]:
        """Triggers in the sentences that hold targets: the longest of overlapping ones (every rule of those
        same words), none inside a target (unless the rule reaches inside)."""
        found = [m for k in held for m in self.triggers.find(ctx, firsts[k], bounds[k])]
        sentence_starts = {firsts[k] for k in held}
        in_targets = {i for span, _ in targets for i in range(span.start, span.end)}
        taken: dict[int, tuple[int, int, str]] = {}  # each word of the triggers kept -> its trigger's words and direction
        kept = []
        spans = set()  # the words of the triggers kept: another rule on the same words holds too
        for start, end, rule in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
            if rule.direction == "BACKWARD" and not rule.reaches_inside and start in sentence_starts:
                continue  # nothing before it to reach back to: a list's dash, not the note after an item ('- No prior ...')
            if (start, end) not in spans and (any(i in taken and not _opens_where_a_clause_ends(taken[i], start, end, rule)
                                                  for i in range(start, end))
                                              or not rule.reaches_inside and any(i in in_targets for i in range(start, end))):
                continue
            taken.update(dict.fromkeys(range(start, end), (start, end, rule.direction)))
            spans.add((start, end))
            sentence = bisect_right(firsts, start) - 1
            opening, closing = _brackets(ctx, start, end, firsts[sentence], bounds[sentence])
            # (a target it cannot modify is not its own: the test in 'prediabetes (A1c 5.4%, excluded)')
            follows = opening is not None and not any(
                opening <= span.start < start and (rule.allowed_types is None or kind in rule.allowed_types)
                for span, kind in targets)
            last = False
            if follows:
                # none of its own: it answers the target the brackets follow, and that one only
                followed, kind = max(((span, kind) for span, kind in targets if span.end <= opening),
                                     key=lambda t: t[0].start, default=(None, None))
                # ... past anything in them when it ends them and they come right after a condition ('cellulitis of
                # the leg (2015; antibiotics; cleared)'; not 'lymphoma (2017; chemotherapy; PET-negative remission
                # since 2018)', nor care's notes: 'eight visits of CBT (he wanted more, which the carrier did not authorize)')
                last = kind == "DIAGNOSIS" and opening - followed.end <= NEXT_TO and closing is not None \
                    and closing - end <= LAST_WORDS
                opening = followed.start if followed is not None else None
            clause_end = _relative_clause_end(ctx, start, end, firsts[sentence], bounds[sentence])
            if clause_end is not None and (closing is None or clause_end < closing):
                closing = clause_end
            kept.append(Modifier(start, end, rule, sentence, closing, opening, last))
        return sorted(kept, key=lambda m: (m.start, m.end))


def _opens_where_a_clause_ends(kept: tuple[int, int, str], start: int, end: int, rule: vocab.ContextRule) -> bool:
    """Whether a trigger that reads forward starts inside the words that end the clause before it ('and the
    consulting rheumatologist' / 'rheumatologist excluded'): both hold, the one ending the clause, the other opening
    the next."""
    kept_start, kept_end, kept_direction = kept
    return kept_direction == "TERMINATE" and rule.direction == "FORWARD" and kept_start < start < kept_end < end


BRACKET_PAIRS = {"(": ")", "[": "]"}
LAST_WORDS = 2  # words a trigger that ends its brackets may have after it ('excluded by biopsy)')
NEXT_TO = 5  # words between a target and the brackets that follow it ('of the left leg (')


def _brackets(ctx: LetterContext, start: int, end: int, first: int, bound: int) -> tuple[int | None, int | None]:
    """(the first token inside, the token closing) the brackets tokens [start, end) stand in, within their sentence.
    A trigger there reaches no further forward ('(CT showed spurs, no fracture), neck pain and gout'), nor back
    past the opening when it has a target of its own there ('IBS (sprue was excluded by biopsy)'); with none
    it answers what the brackets follow, and nothing before ('gout, sprue (excluded by biopsy)')."""
    low, starts = ctx.lower, ctx.token_starts
    lo, at = starts[first], starts[start] + 1  # (a trigger may open them: '(ruled out')
    # (round or square: '[on warfarin six months; resolved]')
    opened, kind = max((low.rfind(opening, lo, at), opening) for opening in "([")
    closing = BRACKET_PAIRS[kind]
    if opened < 0 or opened <= low.rfind(closing, lo, at):
        return None, None
    close = low.find(closing, ctx.token_ends[end - 1], ctx.token_ends[bound - 1])
    return bisect_right(starts, opened), None if close < 0 else bisect_right(starts, close) - 1


# A relative clause set off by commas: it opens at ', which' and closes at its first comma when a conjunction
# follows (a list's comma is followed by its next item: 'who found no swelling, redness or warmth'), or the next drug
# of the list the clause stands in, with its dose ('gabapentin, which he has taken without relief, Norco 10/325 mg').
RELATIVE_CLAUSE_OPENING = re.compile(r",\s+(?:which|who|whose)\b(?=[^,]*$)")
RELATIVE_CLAUSE_CLOSING = re.compile(r"[^,]*?(,)(?=\s+(?:and|or|but|as\s+well\s+as|plus)\b|"
                                     r"\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+\d+(?:\.\d+)?(?:/\d+)?\s*(?:mg|mcg|ml|g|%))")


def _relative_clause_end(ctx: LetterContext, start: int, end: int, first: int, bound: int) -> int | None:
    """The comma closing the relative clause tokens [start, end) stand in, within their sentence: a trigger there
    reaches no further ('migraines, which have not recurred for a decade, and hypothyroidism')."""
    low, starts = ctx.lower, ctx.token_starts
    if not RELATIVE_CLAUSE_OPENING.search(low, starts[first], starts[start]):
        return None
    closing = RELATIVE_CLAUSE_CLOSING.match(low, ctx.token_ends[end - 1], ctx.token_ends[bound - 1])
    return None if closing is None else bisect_right(starts, closing.start(1)) - 1


# What a sentence's or a list item's end is to a trigger, written or not: a full stop.
SPAN_END = "."
# A '*' in a trigger pattern repeats at most this many tokens: trigger phrases are short, and a bound keeps
# matching linear on hostile text.
MAX_REPEAT = 8


class TriggerMatcher:
    """The rules' spaCy Matcher token patterns (LOWER, LOWER IN / NOT_IN, ORTH, IS_DIGIT, IS_ALPHA; OP ?, *, +),
    matched on the view's lower-cased token texts and tried only where a token can begin one. spaCy's Matcher
    evaluates every IN set on every token in Python; this is one dictionary look-up per token."""

    def __init__(self, nlp: Language, rules: tuple[vocab.ContextRule, ...]):
        by_first: dict[str, list] = defaultdict(list)
        anywhere: list = []
        for rule in rules:
            tokens = rule.pattern or [{"LOWER": t.lower_} for t in nlp.make_doc(rule.literal)]
            steps = tuple(_step(rule, token) for token in tokens)
            firsts = _first_words(steps)
            # a one-token first step: the words the second token can be, to skip most tries at once
            seconds = _first_words(steps[1:]) if steps[0][1] is None and len(steps) > 1 else None
            fixed = _fixed_forms(steps)
            for word in firsts or ():
                by_first[word].append((steps, rule, seconds, fixed))
            if firsts is None:
                anywhere.append((steps, rule, seconds, None))
        # a token tries only the rules its word begins, or that any word begins, that the next word allows
        self.anywhere = _by_next_word(anywhere)
        self.by_first = {word: _by_next_word([*entries, *anywhere]) for word, entries in by_first.items()}

    def find(self, ctx: LetterContext, start: int, end: int) -> list[tuple[int, int, vocab.ContextRule]]:
        """(start, end, rule) of the longest match of each rule at each token of [start, end)."""
        low, text, starts, ends = ctx.lower, ctx.text, ctx.token_starts, ctx.token_ends
        token_starts, token_ends = starts[start:end], ends[start:end]
        # the span's end is a full stop to a trigger, written or not ('- Lyrica: offered, but declined' at a list
        # item's line end): a trigger may end on it and never starts on it
        lower = [low[a:b] for a, b in zip(token_starts, token_ends)] + [SPAN_END]
        found = []
        n = len(lower) - 1
        for i, word in enumerate(lower[:n]):
            by_next, others = self.by_first.get(word, self.anywhere)
            tried = by_next.get(lower[i + 1], others)
            for steps, rule, _, fixed in tried:
                if fixed is not None:
                    for form in fixed:
                        last = i + len(form)
                        if last <= n + 1 and all(w in words for w, words in zip(lower[i:last], form)):
                            found.append((start + i, start + min(last, n), rule))
                            break
                    continue
                last = _longest(steps, lower, text, token_starts, token_ends, i)
                if last is not None:
                    found.append((start + i, start + min(last, n), rule))
        return found


def _by_next_word(entries: list) -> tuple[dict[str, tuple], tuple]:
    """The rules a word begins, as (the rules to try before each second word some of them need, the rules to
    try before any other word or at the end), each in the rules' order."""
    needed = set().union(*(seconds for _, _, seconds, _ in entries if seconds is not None))
    return ({word: tuple(e for e in entries if e[2] is None or word in e[2]) for word in needed},
            tuple(e for e in entries if e[2] is None))


def _step(rule: vocab.ContextRule, token: dict) -> tuple:
    """(tests, op) for one token pattern; tests are (kind, value) pairs that must all hold."""
    tests = []
    for key, value in token.items():
        if key == "OP":
            continue
        if key in ("LOWER", "ORTH", "TEXT") and isinstance(value, str):
            tests.append(("lower" if key == "LOWER" else "orth", value))
        elif key in ("LOWER", "ORTH", "TEXT") and isinstance(value, dict) and set(value) == {"IN"}:
            tests.append(("lower_in" if key == "LOWER" else "orth_in", frozenset(value["IN"])))
        elif key == "LOWER" and isinstance(value, dict) and set(value) == {"NOT_IN"}:
            tests.append(("lower_not_in", frozenset(value["NOT_IN"])))
        elif key in ("IS_DIGIT", "IS_ALPHA") and isinstance(value, bool):
            tests.append((key[3:].lower(), value))
        else:
            raise ValueError(f"context rule {rule.literal!r}: token pattern key {key!r} is not supported")
    op = token.get("OP")
    if op not in (None, "?", "*", "+"):
        raise ValueError(f"context rule {rule.literal!r}: operator {op!r} is not supported")
    return tuple(tests), op


def _fixed_forms(steps) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """Most triggers are a word or a word set per token, some of them optional ('?'): every form such a
    trigger can take, longest first, so a match is tested without walking the steps; None for the rest."""
    sets = [_word_set(tests) for tests, _ in steps]
    if any(words is None or op not in (None, "?") for words, (_, op) in zip(sets, steps)):
        return None
    forms = [()]
    for words, (_, op) in zip(sets, steps):
        forms = [form + (words,) for form in forms] + (forms if op == "?" else [])
    return tuple(sorted((form for form in set(forms) if form), key=len, reverse=True))


def _word_set(tests) -> frozenset[str] | None:
    """The lower-case words a step is, when it is nothing but a word or a word set."""
    if len(tests) != 1 or tests[0][0] not in ("lower", "lower_in"):
        return None
    kind, value = tests[0]
    return frozenset([value]) if kind == "lower" else value


def _first_words(steps) -> set[str] | None:
    """The lower-case words a match can begin with (a token's exact text gives its lower case), or None when
    a test other than a word can begin it."""
    words: set[str] = set()
    for tests, op in steps:
        kinds = {kind for kind, _ in tests}
        if "lower" in kinds:
            words.add(next(v for k, v in tests if k == "lower"))
        elif "lower_in" in kinds:
            words.update(next(v for k, v in tests if k == "lower_in"))
        elif "orth" in kinds:
            words.add(next(v for k, v in tests if k == "orth").lower())
        elif "orth_in" in kinds:
            words.update(v.lower() for v in next(v for k, v in tests if k == "orth_in"))
        else:
            return None
        if op not in ("?", "*"):
            return words
    return None  # every token optional


def _holds(tests, word: str, orth: str) -> bool:
    for kind, value in tests:
        if kind == "lower":
            ok = word == value
        elif kind == "lower_in":
            ok = word in value
        elif kind == "orth":
            ok = orth == value
        elif kind == "orth_in":
            ok = orth in value
        elif kind == "lower_not_in":
            ok = word not in value
        elif kind == "alpha":
            ok = orth.isalpha() == value
        else:
            ok = orth.isdigit() == value
        if not ok:
            return False
    return True


def _longest(steps, lower: list[str], text: str, starts: list[int], ends: list[int], i: int) -> int | None:
    """The end (exclusive, in `lower`) of the longest match of `steps` starting at i, or None. `lower` ends with
    SPAN_END, a token past `starts` whose exact text is itself."""
    if all(op is None for _, op in steps):  # most triggers: one token per step
        q = i + len(steps)
        if q > len(lower) or not all(_holds(tests, lower[i + k], _orth(lower, text, starts, ends, i + k))
                                     for k, (tests, _) in enumerate(steps)):
            return None
        return q
    at = {i}
    n = len(lower)
    for tests, op in steps:
        reached = set(at) if op in ("?", "*") else set()
        for p in at:
            q = p
            while q < n and q - p < (1 if op in (None, "?") else MAX_REPEAT) \
                    and _holds(tests, lower[q], _orth(lower, text, starts, ends, q)):
                q += 1
                reached.add(q)
        at = reached
        if not at:
            return None
    best = max(at)
    return best if best > i else None


def _orth(lower: list[str], text: str, starts: list[int], ends: list[int], q: int) -> str:
    return text[starts[q]:ends[q]] if q < len(ends) else lower[q]


def _scopes(modifiers: list[Modifier], firsts: list[int], bounds: list[int]) -> dict:
    """(category, allowed types) -> the merged token ranges its triggers reach, as (starts, ends)."""
    # the trigger that ends each one's reach: the nearest TERMINATE or same-kind trigger of the same sentence
    def kind(m: Modifier):
        return m.rule.category, m.rule.allowed_types

    after: list[int | None] = [None] * len(modifiers)
    before: list[int | None] = [None] * len(modifiers)
    for order, into in ((range(len(modifiers) - 1, -1, -1), after), (range(len(modifiers)), before)):
        sentence, last_terminate, last_of_kind = -1, None, {}
        for i in order:
            m = modifiers[i]
            if m.sentence != sentence:
                sentence, last_terminate, last_of_kind = m.sentence, None, {}
            candidates = [j for j in (last_terminate, last_of_kind.get(kind(m))) if j is not None]
            if candidates:
                into[i] = (min if into is after else max)(candidates, key=lambda j: modifiers[j].start)
            if m.rule.direction == "TERMINATE":
                last_terminate = i
            else:
                last_of_kind[kind(m)] = i

    ranges: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for i, m in enumerate(modifiers):
        direction = m.rule.direction
        if direction in ("TERMINATE", "PSEUDO"):
            continue
        reach = m.rule.max_scope
        key = (m.rule.category, m.rule.allowed_types)
        if m.rule.reaches_inside:
            ranges[key].append((m.start, m.end))
        if direction in ("FORWARD", "BIDIRECTIONAL"):
            end = bounds[m.sentence]
            if reach:
                end = min(end, m.end + reach)
            if after[i] is not None:
                end = min(end, modifiers[after[i]].start)
            if m.bracket_end is not None:
                end = min(end, m.bracket_end)
            if end > m.end:
                ranges[key].append((m.end, end))
        if direction in ("BACKWARD", "BIDIRECTIONAL"):
            start = firsts[m.sentence]
            if m.answers_what_they_follow and m.bracket_start is not None:
                start = m.bracket_start  # the brackets are the target's item, however long
            else:
                if reach:
                    start = max(start, m.start - reach)
                if before[i] is not None:
                    start = max(start, modifiers[before[i]].end)
                if m.bracket_start is not None:
                    start = max(start, m.bracket_start)
            if start < m.start:
                ranges[key].append((start, m.start))
    merged = {}
    for key, spans in ranges.items():
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(spans):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        merged[key] = (starts, ends)
    return merged
