"""Helpers for the extraction tests: a letter builder and a field-by-field comparison with a truth JSON.

The comparison follows the extraction JSON fields the way a reader would check them: sets for
services (each rolled up to the listed service it refines), citation keys and diagnosis categories,
exact values for decisions, counts and numbers.
Truth entries marked "inferred" or "uncertain" are optional (neither required nor penalised).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from imrgraph.models import Document
from imrgraph.vocab import listed_service

LETTERS = Path(__file__).parent / "fixtures" / "letters"
BAD = Path(__file__).parent / "fixtures" / "bad"

FDL_REVIEWER = """The expert reviewer is
Board Certified in Family Medicine and is licensed to practice in Oregon."""


def fdl_letter(summary: str, items: str, header: str = "", qualifications: str = FDL_REVIEWER) -> str:
    """A 2014-style letter around the given case summary and decisions section text, with an optional
    header block above it and the reviewer's qualifications in the first section."""
    return (header + "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case "
            "file to an expert reviewer. " + qualifications + "\n\nCLINICAL CASE SUMMARY\nThe expert reviewer "
            "developed the following clinical case summary based on a review of the case\nfile, including all "
            "medical records:\n\n" + summary + "\n\nIMR ISSUES, DECISIONS AND RATIONALES\n"
            "The Final Determination was based on decisions for the disputed items/services set forth below:\n\n"
            + items + "\n")


def fdl_item(heading: str, decision: str = "Upheld", reviewer: str = "Decision based on MTUS Chronic Pain "
             "Medical Treatment Guidelines, Opioids Page(s): 80.", rationale: str = "The request is not "
             "medically necessary.") -> str:
    return (f"{heading}:  {decision}\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain "
            f"Medical Treatment Guidelines.\n\nMAXIMUS guideline: {reviewer}\n\nDecision rationale: {rationale}\n\n")


def document(text: str, source: str = "test.txt") -> Document:
    return Document(source, text, hashlib.sha256(text.encode()).hexdigest(), "txt")


def fold(value) -> str:
    return re.sub(r"\s+", " ", str(value).casefold().replace("&", "and")).strip()


def cite_key(c: dict) -> tuple:
    """A citation's unit: source, document, chapter (ODG chapters by their first word), pages."""
    document_id = fold(c.get("document") or "")
    chapter = c.get("chapter")
    if chapter is not None:
        words = [w for w in re.findall(r"[a-z0-9]+", fold(chapter)) if w not in {"the", "odg", "chapter"}]
        chapter = (words[0] if words else None) if document_id == "odg" else fold(chapter)
    return (str(c.get("source")).upper(), document_id, chapter, frozenset(int(p) for p in c.get("pages") or []))


@dataclass
class Comparison:
    tp: dict = field(default_factory=lambda: defaultdict(int))
    fp: dict = field(default_factory=lambda: defaultdict(int))
    fn: dict = field(default_factory=lambda: defaultdict(int))
    misses: list = field(default_factory=list)

    def sets(self, name: str, gold, pred, where: str, optional=()) -> None:
        gold, pred = set(gold) - set(optional), set(pred) - set(optional)
        self.tp[name] += len(gold & pred)
        self.fp[name] += len(pred - gold)
        self.fn[name] += len(gold - pred)
        if gold != pred:
            self.misses.append(f"{where} {name}: missing {sorted(map(str, gold - pred))} extra "
                               f"{sorted(map(str, pred - gold))}")

    def value(self, name: str, gold, pred, where: str) -> None:
        if gold is None and pred is None:
            return
        if gold is not None and gold == pred:
            self.tp[name] += 1
            return
        self.fn[name] += gold is not None
        self.fp[name] += pred is not None
        self.misses.append(f"{where} {name}: truth {gold!r} got {pred!r}")

    def f1(self, name: str | None = None) -> float:
        names = [name] if name else set(self.tp) | set(self.fp) | set(self.fn)
        tp, fp, fn = (sum(d[n] for n in names) for d in (self.tp, self.fp, self.fn))
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)

    def fields(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def _number(x):
    return None if x is None else (int(x) if float(x).is_integer() else float(x))


def _codes(diagnoses, negated: bool) -> set[str]:
    return {d["icd10cm"][:3] for d in diagnoses if d.get("icd10cm") and bool(d.get("negated")) == negated}


def compare(result: Comparison, truth: dict, got: dict) -> None:
    """Add one letter's field-by-field agreement to `result` (items are paired in order)."""
    where = truth["id"]
    tr, gr = truth["reviewer"], got["reviewer"]
    result.sets("reviewer.specialties", map(fold, tr["specialties"]), map(fold, gr["specialties"]), where)
    result.sets("reviewer.licensed_in", tr["licensed_in"], gr["licensed_in"], where)
    if tr["board_certified"] is not None:
        result.value("reviewer.board_certified", tr["board_certified"], gr["board_certified"], where)
    for name in ("age", "sex", "date_of_injury"):
        result.value(f"patient.{name}", truth["patient"][name], got["patient"][name], where)
    occupation = [p["occupation"] and fold(p["occupation"]) for p in (truth["patient"], got["patient"])]
    result.value("patient.occupation", *occupation, where)
    maybe = [d for d in truth["diagnoses"] if d.get("uncertain")]
    optional = {d["icd10cm"][:3] for d in maybe if d.get("icd10cm")}
    for negated in (False, True):
        result.sets(f"diagnoses.{'negated' if negated else 'icd10cm'}", _codes(truth["diagnoses"], negated),
                    _codes(got["diagnoses"], negated), where, optional)
    result.sets("medications", {(m["generic"], m["negated"]) for m in truth["medications"]},
                {(m["generic"], m["negated"]) for m in got["medications"]}, where)
    required = {listed_service(x["service"]) for x in truth["prior_treatments"] if x["service"] and not x.get("inferred")}
    inferred = {listed_service(x["service"]) for x in truth["prior_treatments"] if x["service"] and x.get("inferred")}
    result.sets("prior_treatments", required,
                {listed_service(x["service"]) for x in got["prior_treatments"] if x["service"]},
                where, inferred - required)
    result.value("items.count", len(truth["items"]), len(got["items"]), where)
    for n, (t, g) in enumerate(zip(truth["items"], got["items"]), 1):
        at = f"{where} item {n}"
        result.value("item.decision", t["decision"], g["decision"], at)
        result.value("item.medically_necessary", t["medically_necessary"], g["medically_necessary"], at)
        result.sets("item.services", map(listed_service, t["services"]), map(listed_service, g["services"]), at)
        result.value("item.quantity", _number(t["quantity"]), _number(g["quantity"]), at)
        if t["quantity"] is not None:
            result.value("item.unit", t["unit"], g["unit"], at)
        for name in ("frequency", "duration"):
            result.value(f"item.{name}", t[name] and tuple(map(str, t[name].values())),
                         g[name] and tuple(map(str, g[name].values())), at)
        result.sets("item.body_regions", map(fold, t["body_regions"]), map(fold, g["body_regions"]), at)
        result.value("item.medication", t["medication"] and t["medication"]["generic"],
                     g["medication"] and g["medication"]["generic"], at)
        for name in ("claims_administrator_guidelines", "reviewer_guidelines"):
            result.sets(f"item.{name}", map(cite_key, t[name]), map(cite_key, g[name]), at)
        result.sets("item.literature", {(x["author"], x["year"]) for x in t["literature"]},
                    {(x["author"], x["year"]) for x in g["literature"]}, at)
