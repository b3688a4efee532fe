"""`imr_drug_or_service`: a stretch of text named both a drug and a service is the longer of the two (the service
when they are as long); a drug inside the name of a service that gives it (`imr:givesItsDrug`: 'Toradol
injection') stays a drug too.

'cortisone injection' is a procedure, 'Terocin lotion' a drug. Runs after negation, which reads
both groups as matched."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from .context import letter_of


@Language.component("imr_drug_or_service")
def settle_drug_service_overlaps(doc: Doc) -> Doc:
    ctx = letter_of(doc)
    drugs, services = ctx.group("drug"), ctx.group("service")
    if not (drugs and services):
        return doc
    overlapping = {(d.start, s.start) for d in drugs for s in services if d.start < s.end and s.start < d.end}
    drug_at, service_at = {x.start: x for x in drugs}, {x.start: x for x in services}
    # the same words in both vocabularies ('platelet rich plasma', 'Synvisc') name the procedure
    concepts = vocab.services()
    lost_drugs = {d for d, s in overlapping if len(service_at[s]) >= len(drug_at[d])
                  and not (len(service_at[s]) > len(drug_at[d]) and concepts[service_at[s].label_].gives_its_drug)}
    lost_services = {s for d, s in overlapping if len(service_at[s]) < len(drug_at[d])}
    ctx.groups["drug"] = [d for d in drugs if d.start not in lost_drugs]
    ctx.groups["service"] = [s for s in services if s.start not in lost_services]
    return doc
