"""Guideline citations: which guideline units speak to a request (from the catalogue in
`imrgraph.vocab`), and the many ways letters write them, each written with the truth it states.

A `Pick` is one citation decided but not yet written. Writing it (`write_pick`) puts its text into
the letter and returns the extraction JSON's citations for it, each anchored to the text written:
one citation per topic when several topics share one 'Page(s):' group.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache

from imrgraph import vocab
from imrgraph.models import Citation
from imrgraph.synth.case import Site
from imrgraph.synth.render import Writer
from imrgraph.synth.wording import MONTHS, title_case

# Chronic Pain Medical Treatment Guidelines topics (catalogue prefLabels) that speak to each kind of request.
TOPICS = {
    "opioid": ("Opioids, criteria for use", "Opioids for chronic pain", "Opioids, ongoing management",
               "Opioids, steps to avoid misuse/addiction", "Opioids, when to discontinue", "Weaning of medications",
               "Opioids"),
    "relaxant": ("Muscle relaxants (for pain)", "Cyclobenzaprine (Flexeril)", "Carisoprodol (Soma)",
                 "Tizanidine (Zanaflex)"),
    "benzo": ("Benzodiazepines",), "ppi": ("NSAIDs, GI symptoms & cardiovascular risk",),
    "aed": ("Antiepilepsy drugs (AEDs)", "Pregabalin (Lyrica)", "Gabapentin (Neurontin)", "Topiramate (Topamax)"),
    "antidepressant": ("Antidepressants for chronic pain", "Duloxetine (Cymbalta)",
                       "SSRIs (selective serotonin reuptake inhibitors)"),
    "nsaid": ("NSAIDs (non-steroidal anti-inflammatory drugs)", "NSAIDs, specific drug list & adverse effects"),
    "topical": ("Topical analgesics", "Lidoderm (lidocaine patch)", "Salicylate topicals", "Capsaicin, topical"),
    "psych": ("Behavioral interventions", "Psychological treatment"),
    "biofeedback": ("Biofeedback", "Behavioral interventions"),
    "pt": ("Physical medicine", "Exercise"), "aquatic": ("Aquatic therapy", "Physical medicine"),
    "chiro": ("Manual therapy & manipulation",), "acu": (),
    "frp": ("Functional restoration programs (FRPs)", "Chronic pain programs (functional restoration programs)"),
    "home": ("Home health services",),
    "dme": ("Transcutaneous electrotherapy", "TENS, chronic pain (transcutaneous electrical nerve stimulation)",
            "H-wave stimulation (HWT)", "Interferential current stimulation (ICS)"),
    "udt": ("Drug testing", "Opioids, steps to avoid misuse/addiction"), "tpi": ("Trigger point injections",),
    "esi": ("Epidural steroid injections (ESIs)",), "medmgmt": ("Psychological treatment",),
}
# ODG topics as letters name them, by kind of request; None: the chapter is the site's
ODG_TOPICS = {
    "opioid": ("Pain", ("Opioids", "Opioids, criteria for use", "Opioids for chronic pain")),
    "relaxant": ("Pain", ("Muscle relaxants (for pain)", "Cyclobenzaprine (Flexeril)")),
    "benzo": ("Mental Illness and Stress", ("Benzodiazepines",)), "ppi": ("Pain", ("Proton pump inhibitors (PPIs)",)),
    "aed": ("Pain", ("Antiepilepsy drugs (AEDs)", "Pregabalin (Lyrica)")),
    "antidepressant": ("Mental Illness and Stress", ("Antidepressants for treatment of MDD",)),
    "nsaid": ("Pain", ("NSAIDs (non-steroidal anti-inflammatory drugs)",)),
    "topical": ("Pain", ("Topical analgesics", "Compound creams", "Lidoderm (lidocaine patch)")),
    "sleep": ("Pain", ("Insomnia treatment", "Zolpidem (Ambien)")),
    "psych": ("Mental Illness and Stress", ("Cognitive therapy for depression", "Psychotherapy Guidelines",
                                            "Cognitive Behavioral Therapy (CBT)")),
    "biofeedback": ("Pain", ("Biofeedback",)), "pt": (None, ("Physical therapy", "Physical medicine treatment")),
    "aquatic": (None, ("Aquatic therapy",)), "chiro": (None, ("Manipulation", "Chiropractic guidelines")),
    "acu": ("Pain", ("Acupuncture",)), "frp": ("Pain", ("Functional restoration programs (FRPs)",)),
    "home": (None, ("Home health services",)), "dme": ("Pain", ("TENS (transcutaneous electrical nerve stimulation)",
                                                                "H-wave stimulation (HWT)", "Durable medical equipment (DME)")),
    "udt": ("Pain", ("Urine drug testing (UDT)",)),
    "imaging": (None, ("Magnetic resonance imaging (MRI)", "MRIs (magnetic resonance imaging)", "Radiography")),
    "emg": (None, ("Electromyography (EMG)", "Nerve conduction studies (NCS)")),
    "tpi": ("Pain", ("Trigger point injections",)), "esi": (None, ("Epidural steroid injections (ESIs)",)),
    "cortico": (None, ("Steroid injections", "Corticosteroid injections")),
    "surgery": (None, ("Surgery", "Diagnostic arthroscopy", "Indications for surgery")),
    "office": ("Pain", ("Office visits",)), "medmgmt": ("Mental Illness and Stress", ("Office visits",)),
}
# ACOEM 2nd Edition page spans letters cite, by chapter
ACOEM_PAGES = {"7": ((127, 127),), "8": ((177, 178), (181, 183), (174, 174)), "9": ((207, 209), (213, 214)),
               "10": ((33, 35),), "11": ((268, 269), (270, 272), (265, 265)), "12": ((303, 305), (308, 310), (298, 298)),
               "13": ((341, 343), (344, 345)), "14": ((371, 372), (374, 374)), "15": ((398, 398), (405, 405), (388, 388))}
ACOEM_FAMILIES = {"pt", "chiro", "imaging", "emg", "esi", "cortico", "surgery", "opioid", "relaxant", "nsaid", "dme"}
POSTSURGICAL_SITE = {"knee": "Knee", "shoulder": "Shoulder", "wrist": "Carpal tunnel syndrome"}
# letters of this date on cite the December 2017 MTUS
LATER_MTUS = dt.date(2017, 12, 1)


@cache
def _topics() -> dict[str, vocab.GuidelineTopic]:
    return {t.label: t for t in vocab.guideline_topics()}


@cache
def _units() -> dict[tuple[str, str | None], vocab.GuidelineUnit]:
    return {(u.document, u.chapter): u for u in vocab.guideline_units()}


@cache
def _later_titles() -> dict[str | None, vocab.GuidelineTitle]:
    """The 3rd Edition title of each ACOEM chapter."""
    return {t.unit.chapter: t for t in vocab.guideline_titles() if t.unit.document == "acoem" and t.edition}


@cache
def _odg_wordings(chapter: str) -> tuple[str, ...]:
    """How letters write an ODG chapter: its catalogue wordings, title-cased."""
    unit = _units()[("odg", chapter)]
    forms = [p for p in unit.patterns if not p.startswith("odg") and "chapter" not in p]
    return tuple(dict.fromkeys([unit.label] + [title_case(p) for p in forms]))


@dataclass
class Pick:
    """One citation decided, not yet written."""

    kind: str  # "topics" | "pages" | "acoem" | "title" | "opioids" | "acupuncture" | "postsurgical" | "odg"
    topics: list[tuple[str, list[int]]] = field(default_factory=list)  # (as written, pages)
    pages: list[int] = field(default_factory=list)
    chapter: str | None = None
    edition: tuple[str, str] | None = None  # (as the truth has it, as written)
    written: str = ""  # a unit's name as written


def _pages(first: int, last: int, rng: random.Random) -> list[int]:
    if last > first and rng.random() < 0.25:
        page = rng.randint(first, last)
        return [page]
    return list(range(first, last + 1))


def _odg_edition(decision: dt.date, rng: random.Random) -> tuple[str, str]:
    when = decision - dt.timedelta(days=rng.randint(20, 700))
    y, m = when.year, when.month
    k = rng.randrange(4)
    if k == 0:
        written = f"{MONTHS[m - 1]} {y} update"
    elif k == 1:
        written = f"updated {MONTHS[m - 1]} {y}"
    elif k == 2:
        written = f"updated {m:02d}/{rng.randint(1, 28):02d}/{y % 100:02d}"
    else:
        written = f"last updated {m:02d}/{rng.randint(1, 28):02d}/{y}"
    return f"{y}-{m:02d}", written


def pick(family: str, site: Site | None, decision: dt.date, n: int, rng: random.Random,
         reviewer: bool) -> list[Pick]:
    """Up to n citations for a request of this family at this site, in the letter's era."""
    later = decision >= LATER_MTUS
    options = []
    if TOPICS.get(family):
        options.append("topics")
    if site and site.kind.acoem and family in ACOEM_FAMILIES:
        options.append("acoem")
    if family == "acu":
        options.append("acupuncture")
    if family in ("surgery", "pt") and site and site.kind.key in POSTSURGICAL_SITE and rng.random() < 0.5:
        options.append("postsurgical")
    if family == "opioid" and later:
        options.append("opioids")
    if family in ("medmgmt", "office"):
        options.append("acoem")
    options.append("odg")
    rng.shuffle(options)
    picks: list[Pick] = []
    for option in options[:n]:
        if option == "topics":
            labels = [label for label in TOPICS[family] if label in _topics()]
            chosen = rng.sample(labels, min(len(labels), rng.choice((1, 1, 1, 2))))
            if not reviewer and rng.random() < 0.2:
                t = _topics()[chosen[0]]
                picks.append(Pick("pages", pages=_pages(t.first_page, t.last_page, rng)))
                continue
            topics = []
            for label in chosen:
                t = _topics()[label]
                written = label if rng.random() < 0.85 else _alternative(t)
                topics.append((written, _pages(t.first_page, t.last_page, rng)))
            picks.append(Pick("topics", topics=topics))
        elif option == "acoem":
            chapter = site.kind.acoem if site and site.kind.acoem and family not in ("medmgmt", "office") else (
                "15" if family == "medmgmt" else "7")
            title = _later_titles().get(chapter)
            if later and title and rng.random() < 0.7:
                picks.append(Pick("title", chapter=chapter, written=title.label, edition=(title.edition, "")))
                continue
            first, last = rng.choice(ACOEM_PAGES[chapter])
            pages = list(range(first, last + 1)) if rng.random() < 0.7 else []
            picks.append(Pick("acoem", chapter=chapter, pages=pages, written=_units()[("acoem", chapter)].label))
        elif option == "acupuncture":
            picks.append(Pick("acupuncture"))
        elif option == "postsurgical":
            topic = POSTSURGICAL_SITE[site.kind.key]
            t = _topics().get(topic)
            if t and rng.random() < 0.6:
                picks.append(Pick("postsurgical", topics=[(topic, list(t.pages))]))
            else:
                picks.append(Pick("postsurgical", pages=rng.choice(([10, 11, 12], [24, 25], [10, 11, 12, 24, 25]))))
        elif option == "opioids":
            picks.append(Pick("opioids", edition=("2017-12", "Effective December 1, 2017")))
        else:
            chapter, topics = ODG_TOPICS.get(family, ("Pain", ("Treatment planning",)))
            if chapter is None:
                chapter = site.kind.odg if site else "Pain"
            chosen = rng.sample(topics, min(len(topics), rng.choice((1, 1, 2))))
            edition = _odg_edition(decision, rng) if reviewer and (later or rng.random() < 0.3) else None
            picks.append(Pick("odg", topics=[(t, []) for t in chosen],
                              chapter=chapter if rng.random() < 0.9 else None, edition=edition))
    picks.sort(key=lambda p: p.kind == "odg")  # letters give the MTUS basis first
    return picks


def _alternative(topic: vocab.GuidelineTopic) -> str:
    """Another wording the catalogue knows for a topic (capitalised)."""
    others = [p for p in topic.patterns if p != topic.label.lower()]
    return (others[0][:1].upper() + others[0][1:]) if others else topic.label


def _page_text(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return str(pages[0])
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"{pages[0]}-{pages[-1]}"
    runs, start = [], pages[0]
    for a, b in zip(pages, pages[1:] + [None]):
        if b != a + 1:
            runs.append(f"{start}-{a}" if a > start else str(a))
            start = b
    return ", ".join(runs)


def _cite(w: Writer, span, source, document, chapter=None, topic=None, pages=(), edition=None) -> Citation:
    return w.anchor(Citation(source, document, chapter, topic, list(pages), edition, span))


def write_pick(w: Writer, p: Pick, style: str, rng: random.Random, later: bool) -> list[Citation]:
    """Writes one citation in a letter's style ('fdl': 'Decision based on MTUS ...' lines; 'formal':
    the 2013 notice and single-issue review sentences) and returns its truth."""
    start = w.pos
    if p.kind in ("topics", "pages"):
        if later and rng.random() < 0.45:
            w.write("Chronic Pain Medical Treatment Guidelines 8 C.C.R. 9792.20 - 9792.26 MTUS (Effective July 18, 2009)")
            edition = "2009-07"
        elif style == "formal":
            w.write(rng.choice(("Chronic Pain Medical Treatment Guidelines (2009)", "Chronic Pain Medical Treatment "
                                                                                   "Guidelines")))
            edition = "2009" if "(2009)" in w.parts[-1] else None
        else:
            w.write(rng.choice(("Chronic Pain Treatment Guidelines", "Chronic Pain Medical Treatment Guidelines")))
            edition = None
        if p.kind == "pages":
            w.write(f" Page(s): {_page_text(p.pages)}" if style == "fdl" else f", page(s) {_page_text(p.pages)}")
            return [_cite(w, (start, w.pos), "MTUS", "chronic-pain", pages=p.pages, edition=edition)]
        names = [t for t, _ in p.topics]
        groups = [_page_text(pages) for _, pages in p.topics]
        if style == "fdl" and len(names) > 1:
            w.write(" " + "; ".join(names) + " Page(s): " + "; ".join(groups))
        elif style == "fdl":
            w.write(f" {names[0]}" + (f" Page(s): {groups[0]}" if groups[0] else ""))
        else:
            w.write(", " + ", ".join(f"{n}, page(s) {g}" if g else n for n, g in zip(names, groups)))
        span = (start, w.pos)
        return [_cite(w, span, "MTUS", "chronic-pain", topic=n, pages=pages, edition=edition) for n, pages in p.topics]
    if p.kind == "acoem":
        k = rng.randrange(3)
        if style == "formal" or k == 0:
            w.write(f"American College of Occupational and Environmental Medicine (ACOEM), 2nd Edition, (2004), "
                    f"Chapter {p.chapter}, {p.written}")
            w.write(f", page(s) {_page_text(p.pages)}" if p.pages else "")
            edition = "2nd Edition"
        elif k == 1:
            w.write(f"ACOEM Chapter {p.chapter} {p.written}" + (f" Page(s): {_page_text(p.pages)}" if p.pages else ""))
            edition = None
        else:
            w.write(f"ACOEM Practice Guidelines, 2nd Edition (2004), Chapter {p.chapter}, {p.written}"
                    + (f", pages {_page_text(p.pages)}" if p.pages else ""))
            edition = "2nd Edition"
        return [_cite(w, (start, w.pos), "MTUS", "acoem", p.chapter, pages=p.pages, edition=edition)]
    if p.kind == "title":
        w.write(rng.choice(("ACOEM Practice Guidelines, 3rd Edition, {t}", "(ACOEM Practice Guidelines, 3rd Edition "
                            "(2017)) {t}", "{t}, ACOEM Practice Guidelines, 3rd Edition")).format(t=p.written))
        return [_cite(w, (start, w.pos), "MTUS", "acoem", p.chapter, edition=p.edition[0])]
    if p.kind == "opioids":
        w.write(rng.choice(("Guidelines: Opioids (Effective December 1, 2017)", "Opioids Treatment Guidelines "
                            "(Effective December 1, 2017)")))
        return [_cite(w, (start, w.pos), "MTUS", "opioids", edition=p.edition[0])]
    if p.kind == "acupuncture":
        w.write(rng.choice(("Acupuncture Medical Treatment Guidelines", "Acupuncture Medical Treatment Guidelines, "
                            "9792.24.1")))
        return [_cite(w, (start, w.pos), "MTUS", "acupuncture")]
    if p.kind == "postsurgical":
        w.write("Postsurgical Treatment Guidelines")
        if p.topics:
            topic, pages = p.topics[0]
            w.write(f" {topic} Page(s): {_page_text(pages)}" if style == "fdl" else f", {topic}, pages {_page_text(pages)}")
            return [_cite(w, (start, w.pos), "MTUS", "postsurgical", topic=topic, pages=pages)]
        w.write(f" Page(s): {_page_text(p.pages)}" if style == "fdl" else f", pages {_page_text(p.pages)}")
        return [_cite(w, (start, w.pos), "MTUS", "postsurgical", pages=p.pages)]
    return [_write_odg(w, p, style, rng, later)]


def _write_odg(w: Writer, p: Pick, style: str, rng: random.Random, later: bool) -> Citation:
    start = w.pos
    if later and rng.random() < 0.6:
        w.write(rng.choice(("ODG (Official Disability Guidelines) Treatment in Workers' Compensation",
                            "Official Disability Guidelines (ODG) Treatment in Workers' Compensation")))
    else:
        w.write(rng.choice(("Official Disability Guidelines (ODG)", "Official Disability Guidelines", "ODG")))
    topics = ", ".join(t for t, _ in p.topics)
    if p.chapter:
        chapter = rng.choice(_odg_wordings(p.chapter))
        w.write(rng.choice((f", {chapter} Chapter, {topics}", f" {chapter}, {topics}", f", {chapter}, Topic: {topics}")))
    else:
        w.write(f", {topics}")
    if p.edition:
        w.write(rng.choice((f" ({p.edition[1]})", f", {p.edition[1]}")))
    return _cite(w, (start, w.pos), "ODG", "odg", p.chapter, topics, edition=p.edition[0] if p.edition else None)
