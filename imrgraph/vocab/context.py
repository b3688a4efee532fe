"""The ConText trigger set (ontology/context_rules_*.json, medspaCy's rule format)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from imrgraph.vocab.files import ontology_dir


@dataclass(frozen=True)
class ContextRule:
    """One ConText trigger (medspaCy's rule format): what it marks, how it is written, which way it reaches."""

    category: str  # NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HYPOTHETICAL, FAMILY, HISTORICAL...
    literal: str
    pattern: tuple | None  # spaCy Matcher token patterns; None: the literal, word for word
    direction: str  # FORWARD, BACKWARD, BIDIRECTIONAL, TERMINATE or PSEUDO
    allowed_types: frozenset[str] | None  # span group names in upper case; None: every group
    max_scope: int | None  # tokens; None: to the end of the sentence
    # (ours, in the rule's metadata) the trigger's own words may hold targets, and it reaches them: a relative's
    # apposition or clause ('her husband, a diabetic who takes')
    reaches_inside: bool = False


CONTEXT_DIRECTIONS = frozenset({"FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"})
# medspaCy's English rules as published, then ours for workers' compensation letters; a rule of ours with
# the literal of a medspaCy rule replaces it (the published file stays as it was released)
CONTEXT_RULE_FILES = ("context_rules_medspacy.json", "context_rules_workers_comp.json")


def _context_rule(name: str, n: int, raw: dict, word_lists: dict[str, list[str]]) -> ContextRule:
    direction = str(raw.get("direction", "")).upper()
    category = str(raw.get("category", "")).upper()
    literal = raw.get("literal")
    pattern = raw.get("pattern")
    if isinstance(pattern, list):
        pattern = [_with_word_lists(name, n, token, word_lists) for token in pattern]
    if direction not in CONTEXT_DIRECTIONS or not category or not isinstance(literal, str) or not literal.strip():
        raise ValueError(f"{name} rule {n}: needs a category, a literal and a direction in {sorted(CONTEXT_DIRECTIONS)}")
    if pattern is not None and not (isinstance(pattern, list) and pattern and all(isinstance(t, dict) for t in pattern)):
        raise ValueError(f"{name} rule {n} ({literal!r}): pattern must be a list of token patterns or null")
    allowed = raw.get("allowed_types")
    max_scope = raw.get("max_scope")
    if max_scope is not None and (not isinstance(max_scope, int) or max_scope < 1):
        raise ValueError(f"{name} rule {n} ({literal!r}): max_scope must be a positive number of tokens")
    return ContextRule(category, literal, tuple(pattern) if pattern else None, direction,
                       frozenset(t.upper() for t in allowed) if allowed else None, max_scope,
                       (raw.get("metadata") or {}).get("reaches_inside") is True)


def _with_word_lists(name: str, n: int, token, word_lists: dict[str, list[str]]):
    """A token pattern with its named word lists written out: {"LOWER": {"IN": "@relatives"}} is the file's
    `word_lists.relatives` (ours only: one list the relative rules share)."""
    if not isinstance(token, dict):
        return token
    out = {}
    for key, value in token.items():
        if isinstance(value, dict):
            value = dict(value)
            for test in ("IN", "NOT_IN"):
                named = value.get(test)
                if isinstance(named, str) and named.startswith("@"):
                    if named[1:] not in word_lists:
                        raise ValueError(f"{name} rule {n}: no word list {named[1:]!r}")
                    value[test] = list(word_lists[named[1:]])
        out[key] = value
    return out


@cache
def _rule_file(name: str) -> dict:
    with (ontology_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def context_word_lists() -> dict[str, tuple[str, ...]]:
    """The rule files' named word lists (ours: `word_lists`), for the rules and for extraction's own patterns."""
    return {key: tuple(words) for name in CONTEXT_RULE_FILES for key, words in _rule_file(name).get("word_lists", {}).items()}


def people_close_to_the_worker() -> tuple[str, ...]:
    """Family, friends and workmates, as the ConText rules name them (`word_lists.relatives`), and a workmate spelt with
    the hyphen a rule's token cannot hold: whose a condition, a drug, an age or a job told of them is."""
    return (*context_word_lists()["relatives"], "co-worker", "co-workers")


def relatives_of_sex() -> dict[str, frozenset[str]]:
    """The people close to the worker whom one sex's pronoun stands for (`word_lists.relatives_female`, `relatives_male`;
    a spouse or partner in both)."""
    lists = context_word_lists()
    return {sex: frozenset(lists[f"relatives_{sex}"]) for sex in ("female", "male")}


@cache
def context_rules() -> tuple[ContextRule, ...]:
    """The ConText trigger set: medspaCy's English rules with ours layered over them (same literal: ours)."""
    by_literal: dict[str, ContextRule] = {}
    for name in CONTEXT_RULE_FILES:
        raws, word_lists = _rule_file(name)["context_rules"], context_word_lists()
        seen: set[str] = set()
        for n, raw in enumerate(raws, start=1):
            found = _context_rule(name, n, raw, word_lists)
            if found.literal in seen:
                raise ValueError(f"{name} rule {n}: literal {found.literal!r} given twice")
            seen.add(found.literal)
            by_literal[found.literal] = found
    return tuple(by_literal.values())
