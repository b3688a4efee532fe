"""Guideline citations and literature references: a small grammar driven by the guideline catalogue.

The catalogue (ontology/guidelines.ttl, read by `imrgraph.vocab`) lists the citable units (MTUS documents,
ACOEM chapters, ODG chapters) with the wordings letters use, later titles of a unit with their edition,
and the topics of the Chronic Pain and Postsurgical guidelines with their pages. The grammar over a
guideline paragraph (whitespace collapsed, page lines and running headers removed):

    paragraph := sentence*                 sentences with no guideline of their own continue the last
                                           citation when they read as citation text, and are dropped
                                           when they are prose ("These guidelines were selected ...")
    clause    := (anchor segment)+         anchor = the longest catalogue wording of a unit at a place;
                                           'ACOEM ... Chapter 12 Low Back Complaints' is one anchor
    segment   := [ODG chapter] (topics [pages])* [edition] [frame words]
    pages     := ("Page(s)" | "pages" | "page" | "pp." | "p." | "p78" ...) group (";" group)* ["of" total]
    group     := n (("-" | "–" | "to" | "," | "and") n)*

A segment with several page lists gives each list the topics before it ('A, pages 41-42, and B, pages
63-66'); one list with several ';' groups pairs them in order with the ';'-separated topics ('A; B
Page(s): 29; 63-66'), or, when the counts differ, with the catalogue topics whose pages they fall in.
What is left of a segment once pages, editions, literature and frame words ('which is part of the
MTUS', '8 C.C.R. 9792.20 - 9792.26') are gone is its topic, cut where prose starts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from .. import link, vocab
from ..models import Citation, Literature, Span
from ..text import (
    ARTEFACT_LINE,
    MONTHS,
    RUNNING_LINES,
    CollapsedText,
    blank_lines,
    blank_spans,
    expand_pages,
    inside_brackets,
    lowered,
    paragraph_end,
)

# ---- the catalogue as regular expressions ---------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """What an anchor resolves to: a unit, and the edition its wording implies (a later title)."""

    source: str
    document: str | None
    chapter: str | None
    edition: str | None = None


class _Trie:
    """Many wordings as one regex (a trie over their tokens: each position is walked once), in lower
    case for lower-cased text; '&' and 'and' are one token, spacing between tokens is free."""

    def __init__(self, pairs: list[tuple[str, object]]):
        self.values: dict[str, object] = {}
        for label, value in sorted(pairs, key=lambda x: len(x[0])):
            self.values.setdefault(_label_key(label), value)
        tokens = [_label_tokens(label) for label, _ in pairs]
        self.regex = re.compile(r"(?<!\w)" + _trie(tokens) + r"(?!\w)") if tokens else re.compile(r"(?!x)x")

    def value(self, match: re.Match):
        return self.values[_label_key(match.group())]


def _label_tokens(label: str) -> list[str]:
    tokens = re.findall(r"[a-z0-9]+|[^a-z0-9\s]", label.lower())
    return [r"(?:and|&)" if t in ("and", "&") else re.escape(t) for t in tokens]


def _trie(sequences: list[list[str]]) -> str:
    tree: dict = {}
    for seq in sequences:
        node = tree
        for token in seq:
            node = node.setdefault(token, {})
        node[""] = {}  # a wording ends here

    def walk(node: dict) -> str:
        alternatives = []
        for token, child in node.items():
            if not token:
                continue
            rest = {k: v for k, v in child.items() if k}
            if not rest:
                alternatives.append(token)
            elif "" in child:  # a wording ends here and longer ones go on: prefer the longer
                alternatives.append(token + r"(?:\s*" + walk(rest) + ")?")
            else:
                alternatives.append(token + r"\s*" + walk(rest))
        alternatives.sort(key=len, reverse=True)
        return "(?:" + "|".join(alternatives) + ")"

    return walk(tree)


_SPACES = re.compile(r"\s+")


def _label_key(text: str) -> str:
    return _SPACES.sub("", text.lower()).replace("&", "and")


@dataclass(frozen=True)
class _Catalogue:
    mtus: _Trie  # MTUS documents, ACOEM chapters and titles -> _Unit
    acoem_context: _Trie  # titles read only right after an ACOEM mention -> _Unit
    odg_root: _Trie  # the ODG itself
    odg_chapters: _Trie  # ODG chapter wordings -> chapter name
    topics: _Trie  # topics of MTUS documents -> vocab.GuidelineTopic
    chapter_titles: dict[str, frozenset[str]]  # ACOEM chapter -> keys of its titles (not topics)
    words: frozenset[str]  # every word of a catalogue wording (never an author)
    acoem_documents: frozenset[str]  # MTUS documents that are ACOEM guidelines ('ACOEM Opioids guideline')


@cache
def _catalogue() -> _Catalogue:
    mtus, odg_root, odg_chapters, chapter_titles = [], [], [], {}
    for unit in vocab.guideline_units():
        if unit.source == "ODG":
            (odg_root if unit.chapter is None else odg_chapters).extend(
                (p, unit.chapter) for p in unit.patterns)
            continue
        resolved = _Unit(unit.source, unit.document, unit.chapter)
        mtus.extend((p, resolved) for p in unit.patterns)
        if unit.chapter:
            chapter_titles.setdefault(unit.chapter, set()).update(_label_key(p) for p in unit.patterns)
    context = []
    for title in vocab.guideline_titles():
        resolved = _Unit(title.unit.source, title.unit.document, title.unit.chapter, title.edition)
        mtus.extend((p, resolved) for p in title.patterns)
        context.extend((p, resolved) for p in title.context_patterns + title.patterns)
        if title.unit.chapter:
            chapter_titles.setdefault(title.unit.chapter, set()).update(_label_key(p) for p in title.patterns)
    topics = [(p, topic) for topic in vocab.guideline_topics() for p in topic.patterns]
    words = {w for label, _ in mtus + odg_root + odg_chapters + context + topics for w in re.findall(r"[a-z]+", label)}
    return _Catalogue(
        _Trie(mtus), _Trie(context), _Trie(odg_root), _Trie(odg_chapters), _Trie(topics),
        {k: frozenset(v) for k, v in chapter_titles.items()},
        frozenset(words),
        frozenset(t.unit.document for t in vocab.guideline_titles() if t.unit.chapter is None and t.unit.document
                  and t.unit.document != "acoem"),
    )


def compile_catalogues() -> None:
    """Build the catalogue regexes now (a pipeline's start-up) rather than on the first letter."""
    _catalogue()


# ---- words of the grammar (lower case, matched in lower-cased text) -------------------------------

NUMBER = r"(?!(?:19|20)\d\d\b)\d{1,4}(?![\d/]|\.\d)"  # a page, not a year, a section number or a date
PAGES = re.compile(
    r"\b(?:page\s*\(\s*s\s*\)|pages?|pgs?\b\.?|pp\b\.?|p\.|p\s(?=\s*\d)|(?:pp?|pgs?)(?=\d))\s*(?:[:#]\s*)?"  # ... 'p78'
    r"(?P<list>" + NUMBER + r"(?:\s*(?:,\s*(?:and|&)|and|&|-|–|—|‑|to|through|,|;)\s*" + NUMBER + r"){0,40})"
    r"(?:\s+of\s+\d{1,4}\b)?"
)
PAGES_EMPTY = re.compile(r"\bpage\s*\(?s?\)?[.:]*\s*(?=$|[.;])|\bpage\s*\(s\.?")
RANGE_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|&)|and|&|,|;)\s*")
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})
YEAR = re.compile(r"(?:19|20)\d\d")
DIGIT = re.compile(r"\d")
BARE_YEAR = re.compile(r"(?<![\w/.\-])(?P<y>(?:19|20)\d\d)\b(?![/\-]\d)")
LEADING_YEAR = re.compile(r"\s*,?\s*\(?(?P<y>(?:19|20)\d\d)\b(?![/\-]\d)")
EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_MONTH = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (r"(?:" + _MONTH + r"(?:\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?)?,?\s*(?P<y>(?:19|20)\d\d)"
         r"|(?P<m2>\d{1,2})\s*/\s*(?:\d{1,2}\s*/\s*)?(?P<y2>(?:19|20)?\d\d)(?!\d)"
         r"|(?P<y3>(?:19|20)\d\d)(?:-(?P<m3>\d\d))?)")
# A date without groups, for patterns that skip one: 'June 2015', '06/15/2015', '2015'.
_PLAIN_DATE = (r"(?:(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?:\s*\d{1,2}(?:st|nd|rd|th)?)?,?\s*"
               r"(?:19|20)\d\d|\d{1,2}\s*/\s*(?:\d{1,2}\s*/\s*)?(?:19|20)?\d\d(?!\d)|(?:19|20)\d\d)")
EDITIONS = (  # in order of preference
    ("ordinal", re.compile(r"\b(?P<n>\d{1,2})\s*(?:st|nd|rd|th)\s+ed(?:ition|\.|\b)|"
                           r"\b(?P<w>second|third|fourth|fifth)\s+edition")),
    ("dated", re.compile(r"\b(?:effective|last\s+updated|updated?|revised|revision|as\s+of)\s*(?::\s*)?(?:on\s+)?"
                         + _DATE)),
    ("dated", re.compile(r"\b" + _MONTH + r"\s*(?:\d{1,2},?\s*)?(?P<y>(?:19|20)\d\d)")),
    ("dated", re.compile(r"\b(?P<m2>\d{1,2})\s*/\s*(?P<y2>(?:19|20)\d\d)\s+(?:update|edition)")),
    ("year", re.compile(r"\b(?P<y>(?:19|20)\d\d)\s+(?:update|edition|web\s+edition)|\((?P<y4>(?:19|20)\d\d)\)")),
)
# Ordinal words and their numbers (an edition's, an item's, a citation's place in a list).
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
# Sentences that cite nothing: 'did not base their decision on the MTUS', 'did not cite any guidelines'.
CITES_NOTHING = re.compile(
    # ('The Expert Reviewer's decision was not based on the MTUS.')
    r"\b(?:did\s+not|does\s+not|didn't|not)\s+(?:based?|rel(?:y|ied)|cited?|referenced?|used?|identif(?:y|ied)|list(?:ed)?|"
    r"provided?|included?|named?)\b"
    # (within its clause: '...; the MTUS ACOEM guidelines govern it' cites)
    r"[^.;]{0,120}?\b(?:mtus|guidelines?|citations?|evidence)\b[^.;]*\.?"
    r"|\bno\s+(?:evidence[- ]based\s+|medical\s+treatment\s+|treatment\s+)?(?:guidelines?|guideline\s*\(s\)|citations?)"
    r"\s+(?:was|were|are|is)\s+(?:cited|referenced|provided|used|listed|given|identified)\b[^.]*\.?"
    r"|\bcited\s+no\s+(?:guidelines?|citations?)\b[^.]*\.?"
)
# A clause starts at 'Decision based on', 'also based on', ', and on the': found from their literal words,
# which re can skip ahead to.
BASED_ON = re.compile(r"based\s+on\b")
BASED_ON_LEAD = re.compile(r"\b(?:decision|also)\s+\Z")
AND_ON_THE = re.compile(r"and\s+on\s+the\b")
SENTENCE_END = re.compile(r"\.(\s+)(?=[a-z(])")
ABBREVIATION = re.compile(r"(?:\b(?:al|etc|e\.g|i\.e|vs|dr|no|ch|pp|p|pg|pgs|ed|vol|fig|approx|inc|u\.s|cal|regs?|tit|"
                          r"seq|sec|sect)|\b[a-z])\Z")
# A clause of its own, whatever it names: 'Decision based on <a source>'.
BASED_ON_CLAUSE = re.compile(r"\s*(?:decision|also)\s+based\s+on\b")
# A sentence that opens with a source named by its title, capitalised, outside the catalogue ('CMS Medicare Benefit
# Policy Manual, Chapter 7, Home Health Services.', 'AMA Guides to the Evaluation of Permanent Impairment'): a
# citation of its own, not the topic of the one before it; its chapter, where it names one, is the chapter.
_SOURCE_KINDS = r"(?:Manual|Guides|Handbook|Compendium)"
_SOURCE_NAME = r"(?:[A-Z][A-Za-z'&.-]*\s+){1,6}" + _SOURCE_KINDS
# (a title of its own opens with a name and says what kind of document it is, `ontology/source_kinds.tsv`: 'CDC Clinical
# Practice Guideline for Prescribing Opioids', 'American Academy of Sleep Medicine Clinical Practice Guideline', 'Aetna
# Clinical Policy Bulletin 0039', '2014 ACC/AHA Guideline on ...', 'American Headache Society consensus statement'; or
# with its kind first: 'the Guideline for the Management of Overweight and Obesity in Adults')
_TITLE_WORD = r"(?!(?:The|This|That|These|Those|It|Its|In|On|For|And|Of|As|Per|See|Also|With|Decision|Based)\b)[A-Z][A-Za-z'&./-]*"
# (a word may be followed by a note in brackets, its acronym or a drug's generic name: 'Ultram ER (tramadol hydrochloride)
# Extended-Release Tablets Prescribing Information')
# (a publisher before its title after a comma, a title before its subtitle after a colon: 'American Society of
# Shoulder Surgeons, Management of Rotator Cuff Tears: Evidence-Based Guideline')
_TITLE_NAME = (r"(?:" + _TITLE_WORD + r"(?:[,:](?=\s+[A-Z]))?\s+(?:\([A-Za-z0-9][A-Za-z0-9 /&.,-]{0,40}\)\s+)?"
               r"(?:(?:of|for|and|on|the|in|&)\s+){0,2}){1,8}?")


TITLE_REACH = 160  # characters from a title's start to its kind of document


def _kinds() -> str:
    """The catalogue's kinds of document as one alternation, the longest first, any spacing between their words."""
    return "|".join(r"\s+".join(map(re.escape, k.split())) for k in sorted(vocab.source_kinds(), key=len, reverse=True))


@cache
def _source_kind() -> re.Pattern[str]:
    return re.compile(r"(?i)\b(?:" + _kinds() + r")\b")


@cache
def _source_title() -> re.Pattern[str]:
    kinds = _kinds()
    return re.compile(r"\s*(?:[Tt]he\s+)?(?:(?:19|20)\d\d\s+)?(?:(?P<name>" + _TITLE_NAME + r"),?\s*(?P<kind>(?i:" + kinds
                      + r"))|(?P<first>(?i:" + kinds + r"))\s+(?:for|on|of)\s+(?:the\s+)?[A-Z])\b")


@cache
def _kind_published_by() -> re.Pattern[str]:
    return re.compile(r"(?i)\b(?:" + _kinds() + r")\s*,?\s+(?:(?:as\s+)?(?:issued|published|released|prepared|developed)\s+by|"
                      r"of|by|from)\s+(?:the\s+)?$")


def _other_title(text: str, at: int) -> re.Match[str] | None:
    """The title of a source outside the catalogue at `at`: a kind that needs a publisher has one named (a body's
    acronym from `ontology/organisations.tsv`, or 'Association', 'Society' ...: 'American Psychiatric Association
    Practice Guideline', 'CDC Guideline'; not 'Psychotherapy Guidelines', 'Claims Administrator guideline')."""
    title = _source_title().match(text, at)
    if title is None or title.group("first"):
        return title
    if not vocab.source_kinds()[" ".join(title.group("kind").lower().split())]:
        return title
    name = title.group("name")
    if _names_a_publisher(name):
        return title
    # ... or, for a drug's own document, the drug it is of ('Butrans (buprenorphine) Transdermal System Full Prescribing
    # Information')
    if title.group("kind").lower().split()[-1] in DRUG_DOCUMENT_WORDS \
            and any(w.lower() in link.drug_vocabulary() for w in re.findall(r"[A-Za-z][A-Za-z-]+", name)):
        return title
    # ... or named after it ('... Prescribing Information approved by the U.S. Food and Drug Administration')
    after = PUBLISHED_BY.match(text, title.end())
    return title if after and _names_a_publisher(after.group("by")) else None


def _names_a_publisher(words: str) -> bool:
    """A body's word ('Association', 'Administration') or an acronym of `ontology/organisations.tsv` among the words."""
    return PUBLISHER_WORD.search(words) is not None \
        or any(w.isupper() and w.lower() in vocab.organisations() for w in re.split(r"[\s/,.-]+", words))


DRUG_DOCUMENT_WORDS = frozenset({"information", "label", "labeling", "labelling", "insert"})  # (the last word of its kind)
PUBLISHED_BY = re.compile(r",?\s+(?:(?:as\s+)?(?:approved|issued|published|released|prepared|written|developed|adopted)\s+"
                          r"by|from|of)\s+(?P<by>(?:the\s+)?(?:[^.;:()]|(?<=[A-Z])\.){2,60})")  # ('the U.S. Food and ...')


# A title of its own inside a citation's clause, after a comma, a semicolon or 'and' ('ODG, Head, CGRP inhibitors, and on
# the American Headache Society consensus statement ...'): where another source's clause begins.
TITLE_LEAD = re.compile(r"(?:[,;]\s*|\s)(?:and\s+)?(?:(?:also|additionally)\s+)?(?:(?:on|added|adding|with|plus)\s+)?"
                        r"(?=(?:the\s+)?(?:(?:19|20)\d\d\s+)?[A-Z])")
SOURCE_TITLE = re.compile(r"\s*(?:[Tt]he\s+)?(?![Tt]he\b)(?:" + _SOURCE_NAME + r"|(?:[A-Z][A-Za-z'&./-]*\s+){1,6}"
                          r"(?:Guidelines?|Recommendations|Consensus\s+Statement))\b")
# ... or after the words that say it was relied on ('and on the CDC Clinical Practice Guideline ...', 'The reviewer
# relied on the CDC Clinical Practice Guideline ...', 'the reviewer also drew on the ... Manual')
# (anywhere in the clause: 'I relied on that same guideline, and in addition on the CDC Guideline for ...')
# ('and also based the decision on the ...')
RELIANCE_LEAD = re.compile(r"(?i)\b(?:and\s+(?:also\s+|in\s+addition\s+|additionally\s+)?on|relied\s+(?:up)?on|drew\s+on|"
                           r"based\s+(?:the\s+|(?:his|her|their|this)\s+|his/her\s+)?(?:decision|determination|review)\s+(?:up)?on|"
                           r"consulted|applied|used|cited|referred\s+to|took\s+account\s+of|considered|added|adding)\s+"
                           r"(?:also\s+)?")
OTHER_CHAPTER = re.compile(r"(?i)\bchapter\s+(?P<n>\d{1,3})\b\s*,?\s*")
# ... whose chapter is its own, not an ACOEM chapter ('CMS Medicare Benefit Policy Manual, Chapter 7' beside the MTUS)
ANOTHER_SOURCES_TITLE_BEFORE = re.compile(r"(?i)\b" + _SOURCE_KINDS + r"\s*,?\s*$")
MANUAL_CHAPTER = re.compile(_SOURCE_NAME + r"\s*,?\s*(?:[Cc]hapter|CHAPTER)\s+(?P<n>\d{1,3})\b")
# ('not part of the MTUS', 'outside the MTUS', 'is not a guideline under the MTUS')
NON_MTUS = re.compile(r"non-?\s*mtus|not\s+(?:a\s+)?(?:part\s+of|within|among)\s+the\s+(?:california\s+)?mtus|"
                      r"outside\s+(?:of\s+)?the\s+(?:california\s+)?mtus|"
                      r"not\s+an?\s+(?:[a-z-]+\s+){0,3}(?:within|in|of|under)\s+the\s+(?:california\s+)?mtus")
MTUS_WORD = re.compile(r"(?<!non-)(?<!non )\b(?:mtus|medical\s+treatment\s+utilization\s+schedule)\b")
# 'based its decision on the MTUS': the MTUS as a whole is the basis named.
BASIS_BEFORE = re.compile(r"\b(?:based|relied)\s+(?:\S+\s+){0,2}?(?:up)?on\s+(?:the\s+)?(?:california\s+|ca\s+)?\Z")
PROSE_AFTER_BASIS = re.compile(r"(?i)\s*,?\s*(?:as|because|since|for|which|to|when|in\s+(?:this|that|the)\s+case)\b")
GUIDELINES_COLON = re.compile(r"\bguidelines?\s*:\s*")
TITLE_ALONE = re.compile(r"\s*(?:\(\s*effective\b|[.;]|$)")
MTUS_NAMED = re.compile(r"mtus|acoem|guideline|medical\s+treatment|schedule|9792")
ACOEM = re.compile(r"\b(?:acoem|american\s+college\s+of\s+occupational\s+and\s+environmental\s+medicine)\b")
CHAPTER_NO = re.compile(r"\bch(?:apters?|s?\.)?\s*(?P<n>\d{1,2})\b")
# ... and the chapters named with it ('Chapters 12 and 13', 'Chapter 8 and 11'): a number, not a page range.
MORE_CHAPTERS = re.compile(r"\s*(?:,\s*and|,|and|&)\s*(?P<n>1[0-5]|[1-9])\b(?!\s*[-–]\s*\d|\s*(?:pages?|pp?\.))")
ACOEM_FILLER = re.compile(r"(?:practice|guidelines?|edition|ed|\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth|"
                          r"chapter|ch|the|of|mtus|occupational|medicine|revised)\b|[^a-z]")
# After the ODG's name and before its chapter: the product's own name and frame words.
ODG_HEAD = re.compile(
    r"(?:[\s:,;\-–(/)]+|\bchapter\b\s*:?|\b(?:non-?\s*mtus\s+)?citation\b|\(?\s*official\s+disability\s+guidelines?\s*\)?"
    r"|\(?\s*odg(?:-twc)?\s*\)?|\(?\s*wldi\s*\)?|\b(?:llc|inc)\b\.?|\bguidelines?\b|\btreatment\b(?=\s*[,;:(\-–])|\btreatment\s+(?:in|for)\s+workers'?\s*comp(?:ensation)?\b|\btwc\b|\bby\s+mcg\b|\btreatment\s+index\b"
    r"|\b(?:web|online)(?:[\s\-]+(?:based|version))?(?:\s+edition)?\b|\b\d{1,2}(?:st|nd|rd|th)\s+edition\b"
    r"|\b(?:(?:last\s+)?updated?|effective|as\s+of)?\s*(?:" + _PLAIN_DATE + r")(?:\s+(?:updates?|edition))?(?!\w))*"
)
ODG_CHAPTER_AFTER = re.compile(r"\s*(?:chapter|procedure\s+summary)\b")
# What may follow a chapter's short name: the rest of its long name ('Low Back Chapter - Lumbar & Thoracic').
ODG_CHAPTER_TAIL = re.compile(r"(?:\s*(?:\bchapter\b|[-–]\s*lumbar\s*(?:&|and)\s*thoracic\b|\(\s*(?:acute\s*(?:&|and)\s*)?"
                              r"chronic\s*\)|\bprocedure\s+summary\b))*")
DELIMITER = re.compile(r"\s*(?:$|[,;:(\-–]|\bchapter\b|\bprocedure\s+summary\b)")
CLOSING_BRACKET = re.compile(r"\s*\)")
# A chapter named before the ODG's name ('the Shoulder chapter of the ODG', 'its Pain chapters in ODG')
CHAPTER_OF = re.compile(r"(?:\s*chapter)?s?\s+(?:of|in|from|within)\s+(?:the\s+)?$")
# An anchor followed by a verb is a mention in prose ('ACOEM is the part of the MTUS that ...'); one said to be
# used ('the MTUS ACOEM Low Back Disorders guideline was considered', 'were cited') is cited.
# (past a word for the guideline's text: 'the ODG criteria were relied upon', 'The ACOEM chapter is ...')
_GUIDELINE_NOUN = r"(?:guidelines?|guideline\s*\(s\)|chapter|criteria|recommendations?|standards?)\s+"
# (not one said to be the standard that applies: 'page 22 of the Chronic Pain Medical Treatment Guidelines is the
# applicable standard')
MENTION_VERB = re.compile(r"\s*(?:" + _GUIDELINE_NOUN + r")?(?:(?:is|are|was|were)(?!\s+(?:also\s+)?(?:cited|used|"
                          r"applied|referenced|considered|consulted|relied\s+(?:up)?on|quoted|reviewed|utili[sz]ed|"
                          r"the\s+(?:applicable|governing|controlling|relevant|appropriate|correct|right|proper|pertinent)\s+"
                          r"(?:standard|guideline|authority|reference|source|criteria|basis))\b)|provides?|states?|recommends?|"
                          r"supports?|indicates?|address(?:es)?|notes?|requires?|says|allows?|does|do|did|has|have|"
                          r"defines?|describes?|considers?|suggests?|gives?|offers?|outlines?|specif(?:y|ies)|discuss(?:es)?|"
                          r"advises?|lists?|sets?\s+out|calls?\s+for)\b")
# ... and one said of another ('ACOEM is the MTUS guideline for shoulder surgery': the MTUS is no citation of
# its own; 'The guideline used is the ODG' still cites the ODG).
PREDICATE = re.compile(r"\s+(?:" + _GUIDELINE_NOUN + r")?(?:is|are|was|were)\s+(?:the|an?)\s+")
# Verbs that start prose, not nouns a topic may hold ('Lumbar supports', 'Progress notes').
PROSE = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|provides|addresses|sets?\s+out|applies|"
                   r"recommends|selected|relied|relies|rely|relying|because|indicates|describes|explains|says|does|did|will|would|should|can|"
                   r"could|must|found|felt|reviewed|gives|offers|outlines|specifies|discusses|advises|speaks|refers|mentions|"
                   r"covers|cited|listed|took|takes|although|though|whereas|govern|governs|"
                   r"stating|noting|saying|indicating|citing|explaining|finding|used\s+(?:as|for|to))\b")
PROSE_SUBJECT = re.compile(r"[,;]\s*(?:the|this|that|these|those|it|such|a|an|which|who|he|she|they)\b[^,;()]*$")
# ... or a sentence of its own on the next line, with no full stop after the citation ('Opioids These guidelines')
PROSE_SENTENCE = re.compile(r"\s(?:The|This|That|These|Those|It|Such|They|He|She|Both|All|Each)\b[^,;()]*$")
# Words around a citation that are no part of its topic, each family read only where its words are
# (one alternation of them all costs ~20x as much: re tries every branch at every place).
FRAME = (
    (("part of",), r"(?:which\s+(?:is|are)\s+|\b)(?:not\s+)?(?:a\s+)?part\s+of\s+the\s+(?:california\s+)?"
                   r"(?:mtus|medical\s+treatment\s+utilization\s+schedule)(?:\s*\(\s*mtus\s*\))?"),
    (("schedule",), r"(?:the\s+)?(?:california\s+)?medical\s+treatment\s+utilization\s+schedule(?:\s*\(\s*mtus\s*\))?"),
    (("c.c.r", "ccr", "c. c. r", "code", "§", "section", "9792", "title", "tit."),
     r"\b(?:title\s+)?8\s*c\.?\s*c\.?\s*r\.?(?=\s|§|$)|\b(?:title|tit\.)\s*8\b|\bcal(?:ifornia)?\.?\s+code\s+(?:of\s+)?reg(?:ulation)?s?\.?|§+"
     r"|\bsection\s*\(\s*s\s*\)|\bsections?\b|\b9792\.\d+(?:\.\d+)?(?:\s*(?:-|–|to|through)\s*9792\.\d+(?:\.\d+)?)?"
     r"(?:\s+et\s+seq\.?)?"),
    (("effective",), r"\(\s*effective[^)]{0,40}\)|\beffective\s+(?:date\s*(?::\s*)?)?" + _DATE),
    (("workers", "mcg", "web", "online"),
     r"\btreatment\s+(?:in|for)\s+workers'?\s*comp(?:ensation)?\b|\bby\s+mcg\b"
     r"|\b(?:web|online)(?:[\s\-]+(?:based|version))?(?:\s+edition)?\b"),
    (("mtus", "odg", "acoem"), r"\bnon-?\s*mtus(?:\s+citations?)?\b|\(\s*(?:odg|acoem|mtus)\s*\)|\bmtus\b"),
    (("chapter", "citation", "topic", "part", "summary"),
     r"\bchapter\b|\bcitation\b|topic\s*:|\bpart\s+(?:one|two|1|2)\b|\bprocedure\s+summary\b"),
    (("reference",), r"\breferences?\s*:(?:\s*\d{1,2}[.)](?!\d))?"),
    (("based on", "on the", "well as"), r"(?:decision|also)\s+based\s+on|\band\s+on\s+the\b|\bas\s+well\s+as\b"),
)
# Everything a topic is not: pages, editions, frame words, bare years.
NOT_TOPIC = (
    (("p",), PAGES.pattern), (("page",), PAGES_EMPTY.pattern),
    *((("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "edition"), pattern.pattern) for _, pattern in EDITIONS),
    *FRAME, (("19", "20"), r"(?<![\w/.\-])(?:19|20)\d\d\b(?![/\-]\d)"),
    # a table or figure of the chapter ('Table 9-6, page 214') is a place in it, like a page, not a topic
    (("table", "figure", "fig"), r"\b(?:tables?|figures?|figs?\.?)\s*\d{1,2}(?:\s*[-–.]\s*\d{1,2}[a-z]?)?\b"),
)


class _Blanker:
    """Patterns (in lower case) blanked in turn, each only when one of its trigger words is in the text."""

    def __init__(self, parts):
        self.parts = tuple((re.compile("|".join(map(re.escape, triggers))), re.compile(pattern))
                           for triggers, pattern in parts)

    def __call__(self, text: str) -> str:
        low = lowered(text)
        for trigger, pattern in self.parts:
            if trigger.search(low):
                text = _blank(pattern, text)
                low = lowered(text)
        return text


_strip_frame = _Blanker(FRAME)
_strip_not_topic = _Blanker(NOT_TOPIC)


TOPIC_LEAD = re.compile(r"^(?:(?:and|or|the|also|see|on|of|in|for|per|from|under|as|medical\s+treatment\s+guidelines?|"
                        r"treatment\s+guidelines?|guidelines?|guideline\s*\(s\)|ca|california)\b[\s,:;.\-–]*)+")
TOPIC_TAIL = re.compile(r"(?:[\s,:;.\-–]+(?:and|or|the|a|an|of|on|to|in|for|with|which|that|this|these|it|its|also|"
                        r"see|ca|california|added|adding|plus)\b)+[\s,:;.\-–]*$")
WORDY = re.compile(r"[a-z]{3,}")
TOPIC_NOISE = re.compile(r"^(?:medical\s+treatment\s+guidelines?|treatment\s+guidelines?|guidelines?|mtus|odg|acoem|"
                         r"topic|see|also\s+see|and|plus|the|chapter|criteria|recommendations?|standards?|ca|citations?|pages?|sections?|entr(?:y|ies)|"
                         r"updated?|edition|none(?:\s+cited)?|n/?a|"
                         r"not\s+(?:applicable|provided|available|cited)|unknown|"
                         # the party a sentence of reliance was about ('The Expert Reviewer relied on non-MTUS sources')
                         r"(?:expert\s+|peer\s+|ur\s+)?reviewer|claims\s+administrator|utilization\s+review(?:er)?|ur)$")

# ---- literature -------------------------------------------------------------------------------------

_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|del|della|ten|ter|Van|Von|De|Der|Den|Da|Di|Du|Del|Della|Ten|Ter)"
_SURNAME = r"(?:" + _PARTICLE + r"\s+){0,2}[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*[a-zß-öø-ÿ]"
# Initials after a surname: 'Smith, J. A.', 'Chou R', 'Smith JA' - never a drug release form or a credential.
_INITIALS = (r"(?:\s*,\s*(?:[A-Z]\.\s?){1,3}(?=\s*[,&(]|\s+(?:and|et)\b|\s*(?:19|20)\d\d)"
             r"|\s+(?!(?:ER|XR|SR|CR|IR|XL|LA|CD|MD|DO|PA|NP|DC|RN|PT|OT|CT|UR|QME|AME|PTP)\b)[A-Z]{1,3}(?![A-Za-z'’.\-]))")
_NAME = _SURNAME + r"(?:" + _INITIALS + r")?"
_ET_AL = r"(?:\s*,?\s*et\.?\s+al\b\.?|\s+and\s+(?:colleagues|co-?workers|associates)\b)"
_PEOPLE = (_NAME + r"(?:\s*,\s*" + _NAME + r"){0,4}(?:(?:\s*,)?\s*(?:and|&)\s+" + _NAME + r")?" + _ET_AL + "?")
_ORG_HEAD = (r"Association|Society|College|Academy|Institute|Institutes|Organi[sz]ation|Foundation|Agency|Council|"
             r"Federation|Administration|Collaboration|Board|Department|Centers|Force|Group|Consortium|Commission")
# Words that name a guideline of the catalogue itself, not by the words of a chapter's subject.
GUIDELINE_NAMED = re.compile(r"\b(?:mtus|acoem|odg|official\s+disability|medical\s+treatment\s+(?:utilization|guidelines?)|"
                             r"work\s+loss\s+data|wldi|chronic\s+pain\s+(?:medical\s+)?treatment|"
                             r"american\s+college\s+of\s+occupational)")
PUBLISHER_WORD = re.compile(r"\b(?:" + _ORG_HEAD + r")\b")  # a body that publishes what reviewers cite
_FUNCTION_WORD = r"(?!(?:As|The|In|On|At|By|From|Per|See|And|Or|Of|For|With|According|This|These|That|Since|Also)\b)"
_ORG_TAIL = r"\s+(?:of|for|on|in)(?:\s+(?:and\s+|&\s+|the\s+)?[A-Z][a-z]+){1,5}"
_COUNTRY = r"(?:(?:U\.\s?S\.|US|U\.\s?K\.|UK|United\s+States)\s+)?"  # 'U.S. Food and Drug Administration'
_ORG = (_FUNCTION_WORD + _COUNTRY + r"(?:(?:[A-Z][a-z]+\s+(?:(?:of|for|and|on|the|&)\s+)?){1,6}(?:" + _ORG_HEAD + r")\b"
        r"(?:" + _ORG_TAIL + r")?|(?:" + _ORG_HEAD + r")" + _ORG_TAIL + r")(?:\s*[(\[]\s*[A-Z]{2,8}\s*[)\]])?")
_WHO = r"(?P<who>" + _ORG + _ET_AL + "?|" + _PEOPLE + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)[a-z]?(?![\d/]|-\d)"
LETTERS = re.compile(r"[A-Za-z]{3}")
REFERENCE_REACH = 240  # the longest author list or organisation name read before a year
# What stands right before a reference's year: a name, initials, 'et al.', an acronym's bracket.
NAME_BEFORE_YEAR = re.compile(r"(?:[A-Za-zÀ-ÖØ-öø-ÿ'’\-][a-zß-öø-ÿ]|al\.?|[)\]]|\b[A-Z]{1,3}|[A-Z]\.|colleagues|workers|associates)"
                              r"\s*,?\s*[(\[]?\s*\Z")
REFERENCE = re.compile(r"(?<![A-Za-z])" + _WHO + r"(?:\s*,\s*|\s+)" + _YEAR)  # 'Morley, 1999', 'Kerns et al. 2005'
# 'Chou and colleagues in 2009', 'Deyo et al. in 2014': a group of authors, then the year they published in...
GROUP_WORD = re.compile(r"et\.?\s+al|colleagues|co-?workers|associates")  # read the group's pattern only where one is
GROUP_IN_YEAR = re.compile(r"(?<![A-Za-z])(?P<who>" + _NAME + _ET_AL + r")\s*,?\s+(?:(?:showed|found|reported|noted|published|wrote|concluded|demonstrated|observed)\s+)?"
                           r"(?:in\s+|(?:[A-Z][A-Za-z.&]*\s+){1,4})"
                           + _YEAR)  # ... or its journal then the year: 'Fritz JM, et al. Spine 2012'
# 'Morley (1999)', 'Okafor (2014, p. 12)'
REFERENCE_YEAR_IN_PARENS = re.compile(r"(?<![A-Za-z])" + _WHO + r"\s*,?\s*[(\[]\s*" + _YEAR
                                      + r"(?:\s*,\s*(?:pp?|pgs?|pages?)\.?\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)?\s*[)\]]")
PARENTHESIS = re.compile(r"\(([^()]{4,400})\)")
SQUARE_BRACKETS = re.compile(r"\[([^\[\]]{4,400})\]")
REFERENCE_LEAD = re.compile(r"^\s*(?:(?:e\.g\.|see(?:\s+also)?|cf\.|also|and|per|as\s+cited\s+in|references?\s*:)\s*,?\s*)*")
# Between two references of one bracket: '(Chou, 2009, Deyo 2012)', '(Smith 2010, 2012)' (the same author again).
LIST_COMMA = re.compile(r"\s*,\s*")
SAME_AUTHOR_YEAR = re.compile(_YEAR)
# A bracket holding one name of several capitalised words and a year: '(BlueCross BlueShield, 2005)' - an author
# named whole (a list of people has separators).
# ... or a reference with its journal: '(Chou et al., JAMA 2016)', '(Ibarra, Annals of Internal Medicine, 2010)'
BRACKET_JOURNAL = re.compile(r"\s*(?P<who>" + _PEOPLE + r")(?:\s*,\s*|(?<=\.)\s+)[A-Z][\w.&'’\-]*(?:\s+(?:of|the|and|in|for|&|[A-Z][\w.&'’\-]*))"
                             r"{0,7}\s*,?\s*" + _YEAR + r"\s*")
BRACKET_NAME = re.compile(r"\s*(?P<who>[A-Z][A-Za-z'’\-]*[a-z'’](?:\s+[A-Z][A-Za-z'’\-]*[a-z'’]){1,4})\s*,?\s*" + _YEAR
                          + r"\s*")
ETAL_END = re.compile(_ET_AL + r"$")
ETAL_OR_SECOND = re.compile(r"\bet\.?\s+al\b|\s(?:and|&)\s")
# Words right before a 'Name, Year' in prose that say it is a reference: 'according to Anderson, 2010'.
CUE_BEFORE = re.compile(r"(?:\baccording\s+to|\bper|\bsee(?:\s+also)?|\bcf\.|\bsuch\s+as|\be\.g\.,?|\b(?:reported|noted|described|shown|found|"
                        r"stated|discussed|reviewed|published|recommended)\s+(?:by|in)|\b(?:study|studies|review|trial|"
                        r"analysis|work|paper|article)\s+(?:by|of))\s+\Z", re.IGNORECASE)
# A reference-list entry (Vancouver style): 'Smith J, Lee KA, et al. Title. Journal. 2009;12(3):34-56.'
REFERENCE_ENTRY = re.compile(
    r"(?<![A-Za-z])(?P<who>" + _SURNAME + r"\s+[A-Z]{1,3}(?:\s*,\s*" + _SURNAME + r"\s+[A-Z]{1,3}){0,9}"
    r"(?:\s*,\s*et\s+al)?)\.\s+[^;]{3,300}?\b" + _YEAR + r"(?:\s+[A-Z][a-z]{2}\.?(?:\s+\d{1,2})?)?\s*[;:]\s*\(?\d"
    r"[\w()\-–:;.]*")
JOURNAL_YEAR = re.compile(r"(?:19|20)\d\d(?:\s+[A-Z][a-z]{2}\.?(?:\s+\d{1,2})?)?\s*[;:]\s*\(?\d")  # ';12:', ';(2):'
NOT_AUTHOR_WORDS = frozenset(
    "the this these that those in on at by as of and or for from since through until before after during between per "
    "page pages chapter edition guideline guidelines update updated revised effective dated date section table figure "
    "volume vol note notes however therefore also see dr mr mrs ms doctor patient claimant employee worker applicant "
    "request requests report reports record records visit visits exam examination mri ct emg ncv x-ray surgery "
    "monday tuesday wednesday thursday friday saturday sunday spring summer fall autumn winter".split()
) | frozenset(MONTHS)
TERM_ENDING = re.compile(r"(?:ectomy|otomy|ostomy|plasty|scopy|graphy|grams?|therapy|itis|osis|algia|pathy|tions?|sions?|"
                         r"ments?|ness|ics|ides|ines|ants|ents|ities|ology|ologies)$")
CAPITALISED_BEFORE = re.compile(r"(?<![\w'’\-])([A-Z][A-Za-z'’\-]*)\s+\Z")
# Capitalised words that may stand right before an author: sentence starts, labels, cues.
LEAD_WORDS = frozenset("as the in on at by from per see and or of for with according this these that since also cf "
                       "citation citations reference references source sources note notes review reviews "
                       "study studies trial meta-analysis however moreover furthermore additionally similarly "
                       "likewise thus hence therefore indeed notably recently previously earlier later finally "
                       "further a an both several some many most their his her its our here there when while "
                       "whereas although though because if but yet so then now".split())
REFERENCE_END = re.compile(r"\s*(?:[;)\]]|\.(?!\d)|$)")
GUIDELINE_IN_NAME = re.compile(r"\b(?:[Gg]uidelines?|[Ee]dition|[Cc]hapter)\b")
LEADING_WORDS = re.compile(r"(?:(?:" + "|".join(sorted(LEAD_WORDS, key=len, reverse=True)) + r")\s*,?\s+)+", re.IGNORECASE)
TITLE_BEFORE = re.compile(r"\b(?:dr|drs|mr|mrs|ms|doctor|prof)\.?\s*\Z", re.IGNORECASE)

# ---- the reviewer adopting the claims administrator's guidelines -------------------------------------

# ('sources named by utilization review', 'both sections ... that utilization review applied')
# ('the guidelines utilization review cited', 'The UR citations were adopted'; not one citation the reviewer names: 'MTUS
# ..., Opioids, page 80, adopting the utilization review citation')
PARTY = re.compile(r"claims\s+admin\w*|(?:by|as|of|with|in|at|from|that|which)\s+(?:the\s+)?(?:ur|utilization\s+review(?:er)?)\b|"
                   r"\b(?:ur|utilization\s+review(?:er)?)(?:\s+(?:physician|reviewer|doctor|provider))?(?:'s|"
                   r"\s+(?:guideline|citation|reference|source|section|page)s\b)|"
                   r"\b(?:guideline|citation|reference|source|section|page|chapter)s?\s+(?:the\s+)?(?:ur|utilization\s+review(?:er)?)"
                   r"(?:\s+(?:physician|reviewer|doctor|provider))?\s+(?:\w+ly\s+)?(?:had\s+)?(?:cited|used|applied|relied|named|"
                   r"listed|referenced|invoked|chose|quoted)\b")
# ('found the ACOEM chapter used by the Claims Administrator relevant', '... pages cited by the Claims Administrator')
GUIDELINE_WORD = re.compile(r"guideline|citation|criteria|reference|\bmtus\b|\bacoem\b|\bodg\b|\bchapters?\b|\bsections?\b|"
                            r"\bpages\b|\bsources?\b")
ADOPTION = re.compile(r"relevant|appropriate|applicable|agree|concur|adopt|same|\bused\b|\buses\b|relied|rely|"
                      r"\bas\s+(?:cited|listed|named|given|applied)\b|"  # ('both as cited by UR')
                      r"based|appl(?:y|ied)|accept|reasonable|pertinent|correct|govern|controll?ing|sound|valid|apt\b|"
                      r"suitable|fitting|persuasive|on\s+point|well\s+chosen|consult|looked\s+to|turned\s+to|drew\s+on|follow|"
                      r"\b(?:took|tak(?:e|es|en|ing))\s+up\b")
# A guideline paragraph pointing at the one just above it (the reviewer's at the claims administrator's, or the
# claims administrator's at the reviewer's where the reviewer's comes first).
# The claims administrator's words for itself or its review, as prose names them.
_CLAIMS_ADMINISTRATOR = r"(?:claims\s+admin\w*|utilization\s+review(?:er)?|ur)"
# ('Same as the utilization review determination.', "Same as the UR's", 'Those listed in the claims administrator's denial')
_CA_NAMED = r"(?:the\s+)?" + _CLAIMS_ADMINISTRATOR + r"(?:'s)?(?:\s+(?:decision|determination|denial|reviewer))?"
SAME_AS_ABOVE = re.compile(r"\s*(?:[a-z ]*guidelines?\s*:?\s*)?(?:(?:the\s+)?same\s+as\s+(?:above|" + _CA_NAMED + r")|"
                           r"(?:same\s+as\s+)?(?:those|the\s+ones?)\s+(?:set\s+out|listed|cited|named|given|used|applied|"
                           r"relied\s+(?:up)?on)\s+"
                           r"(?:in|by)\s+" + _CA_NAMED + r"|"
                           # ('As cited by the Claims Administrator.', 'Adopted from utilization review.')
                           r"(?:as\s+(?:cited|listed|used|applied|given|relied\s+(?:up)?on)|(?:adopted|taken)\s+(?:over\s+)?from)\s+"
                           r"(?:in\s+|by\s+)?" + _CA_NAMED + r"|"
                           r"see\s+above|as\s+above|ditto)\b")
DISSENT = re.compile(r"\bnot\b|n't|\bno\b|irrelevant|inappropriate|inapplicable|disagree|instead|rather\s+than|"
                     r"other\s+than|neither|\bnor\b|different|in\s+place\s+of")

# ---- whose guidelines, told in prose without labels ---------------------------------------------------

# The parties as a sentence names them ('the claims administrator', 'the utilization review physician', 'the claims
# administrator's reviewer'; 'the expert reviewer', 'this reviewer', 'MAXIMUS').
CLAIMS_ADMINISTRATOR_NAMED = re.compile(
    r"\b" + _CLAIMS_ADMINISTRATOR + r"(?:'s)?(?:\s+(?:physician|reviewer|doctor|provider|nurse))?\b")
# ... or the reviewer in the first person ('I relied on that same guideline', 'My decision rests on the ODG') or by the
# review ('For this review the same pages were consulted')
REVIEWER_NAMED = re.compile(r"\b(?:(?:expert|imr|independent|physician|professional|medical)\s+reviewer|reviewer|maximus|"
                            r"(?:for|in)\s+this\s+(?:review|determination)|"
                            r"i(?=\s+(?:\w+ly\s+|also\s+|instead\s+)?(?:relied|rely|used|use|applied|apply|consulted|"
                            r"based|base|found|find|agreed|agree|accepted|accept|did|do|have|drew|turned|considered|"
                            r"followed|looked))|my\s+(?:decision|determination|review))\b")
# ... or the claims administrator by its decision, opening a sentence ('The non-certification rested on ...')
DECISION_OPENING = re.compile(r"(?:the\s+)?(?:utilization\s+review\s+|ur\s+)?(?:non-?certification|denial|adverse\s+determination|"
                              r"modification)\b")
# ... both at once ('Both the claims administrator and the reviewer used ...', 'The claims administrator and the expert
# reviewer both relied on ...')
PARTIES_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|&)\s+(?:the\s+|this\s+)?\Z")
# A reviewer's clause pointing back at the claims administrator's citations ('found that citation appropriate', 'relied
# on that section as well', 'agreed that these were the governing sections', 'relied on the same')
# (the words for what was cited: 'that section', 'those pages', 'the same chapter')
_CITED_THINGS = r"citations?|sections?|guidelines?|sources?|references?|chapters?|pages?|topics?"
BACK_REFERENCE = re.compile(r"\b(?:(?:that|this|those|these|its|their|the\s+same)\s+(?:[a-z]+\s+)?"
                            r"(?:" + _CITED_THINGS + r"|criteria|passages?|texts?|entr(?:y|ies)|provisions?|portions?|parts?|"
                            r"recommendations?|standards?)"
                            # ('relied on the same', 'the same as utilization review'; not 'reviewed the same trials')
                            + r"|the\s+same(?=\s*[,.;:)]|\s+(?:as|ones?)\b|\s*$)|these|as\s+well|"
                            r"(?:with|on)\s+(?:both|them|each|it)|"  # ('The reviewer concurred with both', 'relied on it')
                            # ('This reviewer accepted both as controlling', 'adopted all of them')
                            r"(?:accepted|adopted|followed|applied|used|endorsed|shared|kept)\s+(?:both|them|all\s+of\s+them|"
                            r"each\s+of\s+them)|"
                            r"(?:this|that|those|it|they)\s+(?:was|were|is|are)(?!\s+not\b))\b")
CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|because|since)\s")
# The reviewer's bare assent right after what the claims administrator cited ('... Office visits. The reviewer concurred.')
BARE_CONCURRENCE = re.compile(r"\b(?:concurred|concurs|agreed|agrees|did\s+the\s+same|does\s+the\s+same)\s*(?:[.;]|$)")
# A party named as whose the guidelines are, not as who speaks ('found the guidelines used by the claims administrator
# relevant', 'No guideline was named in the utilization review')
# (or as the subject of a relative clause on what was cited: 'the low back chapter the Claims Administrator relied upon')
NAMED_AS_OWNER = re.compile(r"\b(?:(?:used|cited|relied\s+(?:up)?on|applied|named|chosen|selected|referenced|listed|given|"
                            r"invoked|quoted|identified|adopted|set\s+out|put\s+forward|offered)\s+(?:by|at)|of|from|with|as|"
                            # (the object of the reviewer's verb: 'The expert reviewer shares the utilization reviewer's
                            # view that ...')
                            r"shares?|shared|endorse[sd]?|adopts|adopting|adopted|accepts|accepting|accepted|follows|following|followed|"
                            r"than|to|in|(?:" + _CITED_THINGS + r")(?:\s+(?:that|which))?)\s+(?:the\s+)?\Z")


# A source the reviewer sets aside in a clause of dissent while adopting the rest ('relied on that MTUS guideline as well,
# but did not find the ODG section applicable'), by the words that name it.
# (and an MTUS document by its name: 'made no use of the December 2017 Opioids guideline')
SOURCE_NAMES = (("odg", re.compile(r"\bodg\b|official\s+disability")), ("acoem", re.compile(r"\bacoem\b")),
                ("mtus", re.compile(r"\bmtus\b")),
                ("opioids", re.compile(r"\bopioids?\s+(?:treatment\s+)?guidelines?\b")),
                ("chronic-pain", re.compile(r"\bchronic\s+pain\s+(?:medical\s+treatment\s+)?(?:guidelines?|sections?|pages?)\b")),
                ("acupuncture", re.compile(r"\bacupuncture\s+(?:medical\s+treatment\s+)?guidelines?\b")),
                ("postsurgical", re.compile(r"\bpost-?\s*surgical\s+(?:treatment\s+)?guidelines?\b")),
                # (a source outside the catalogue by the kind of document it is: 'did not find the Medicare manual
                # applicable', 'the Aetna bulletin was given no weight')
                ("other", re.compile(r"\b(?:manual|bulletin|(?:coverage|medical|clinical)\s+polic(?:y|ies)|labell?ing|"
                                     r"package\s+insert|prescribing\s+information|coverage\s+determination|lcd|ncd)\b")))
SILENT = re.compile(r"\b(?:does|do|did)\s+not\s+(?:address|discuss|cover|mention|speak\s+to)\b|\bis\s+silent\b")
# (a clause ends at a sentence's end too, past a closing quote: '... was "not supported." The reviewer relied on ...')
DISSENT_CLAUSE_BREAK = re.compile(CLAUSE_BREAK.pattern + r"|\.[\"”’)]*\s")
# (not the words that bring in the reviewer's own source: 'instead', 'rather than')
GUIDELINE_TALK = re.compile(r"\b(?:rel(?:y|ied|ies)|uses?|used|using|appl(?:y|ied|ies)|cit(?:e|ed|es|ations?)|consult\w*|"
                            r"follow\w*|dr(?:aw|ew)|guidelines?|sections?|chapters?|pages?|sources?|standards?|entr(?:y|ies)|"
                            r"odg|acoem|mtus|weight|aside|manuals?|bulletins?|polic(?:y|ies)|labell?ing|labels?)\b")
SET_ASIDE = re.compile(r"\bnot\b|n't|irrelevant|inappropriate|inapplicable|disagree|(?:set|left|put)\s+(?:[^\s.;]+\s+){0,3}?aside|"
                       r"reject|\bno\s+(?:use|weight|reliance)\b|passed\s+over|disregard|discount|"
                       # ('adopted the Claims Administrator's citations, except the section on ...')
                       r"\bexcept\b|\bexcluding\b|\bsave\s+for\b|\bwith\s+the\s+exception\s+of\b")


JOINED_OWN_ENTRY = re.compile(r"\s*(?:(?:and|or)\s+)?(?:on\s+)?(?:its|their)\s")


def _set_aside_clauses(low: str, start: int, end: int) -> list[tuple[int, int, set[str], bool]]:
    """(start, end, the sources it names: 'odg', 'acoem', 'mtus', whether it names them itself) of each clause of dissent
    in low[start:end] ('which is not part of the MTUS' says where a guideline stands, no dissent); one that names none
    sets aside what its sentence's first clause names ('The ACOEM page, which concerns ..., was not relied on')."""
    low = NON_MTUS.sub(lambda m: " " * len(m.group()), low)
    breaks = list(DISSENT_CLAUSE_BREAK.finditer(low, start, end))
    bounds = [start] + [m.end() for m in breaks] + [end]
    sentence_starts = [start] + [m.end() for m in breaks if m.group().startswith(".")]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        if out and out[-1][1] == a and JOINED_OWN_ENTRY.match(low, a, b) and not ADOPTION.search(low, a, b):
            # (one more of the claims administrator's joined to a dissent: '... set aside its citation of X and its
            # ODG entry')
            names = {name for name, words in SOURCE_NAMES if words.search(low, a, b)}
            if names:
                out.append((a, b, names, True))
                continue
        if not SET_ASIDE.search(low, a, b) or SILENT.search(low, a, b) or not GUIDELINE_TALK.search(low, a, b):
            # (a guideline that does not address the request is still reviewed: 'it does not address ...'; nor does a
            # clause that speaks of no guideline set one aside: 'treating them does not change the outcome')
            continue
        names = {name for name, words in SOURCE_NAMES if words.search(low, a, b)}
        named_here = bool(names)
        if not names:
            opening = max(s for s in sentence_starts if s <= a)
            earlier = [x for x in out if x[0] >= opening and x[3]]
            if earlier:
                # (the dissent its sentence told before, not the sentence's first words: '... the ODG citation but not its
                # MTUS citation, as those pages were written before ... and were not applied')
                a, names = earlier[-1][1], earlier[-1][2]
            else:
                a = opening  # (its words for it go with it)
                names = {name for name, words in SOURCE_NAMES if words.search(low, a, next(x for x in bounds if x > a))}
        out.append((a, b, names, named_here))
    return out


def _adopted(ca: list[Citation], own: list[Citation], set_aside: set[str]) -> list[Citation]:
    """The reviewer's citations where its words adopt the claims administrator's: those, but for the sources it sets
    aside ('odg', 'acoem', 'mtus'), and its own."""
    named = {_unit(c) for c in own}
    taken = [replace(c, pages=list(c.pages)) for c in ca
             if _unit(c) not in named
             and not set_aside & {c.source.lower(), c.document}]
    # (its own words for what it takes over name it bare: 'found the ACOEM chapter used by the Claims Administrator',
    # 'relied on the MTUS page alone'; and a chaptered guideline named again bare is the one cited: 'ACOEM's knee
    # guideline is the correct standard')
    def same(t: Citation, c: Citation) -> bool:
        return t.source == c.source and (c.document is None or t.document == c.document)
    # (nor its words for one it takes over that leave out the chapter: 'ACOEM page 301 and the ODG lumbar supports
    # entry, as listed by the claims administrator')
    return taken + [c for c in own if (c.chapter or c.pages
                                       or not any(same(t, c) and t.chapter for t in taken + own if t is not c)
                                       and (c.topic and c.document or not any(same(t, c) for t in taken)))
                    and not any(same(t, c) and t.chapter and not c.chapter and set(c.pages) <= set(t.pages)
                                for t in taken)]


def adopted_in_part(text: str, base: int, ca: list[Citation], own: list[Citation]) -> list[Citation]:
    """A reviewer's guideline paragraph that adopts the claims administrator's citations ('found the guidelines used by
    the Claims Administrator relevant'): the claims administrator's but for a source a clause of dissent names ('the
    Official Disability Guidelines section ... was not relied upon', 'but not the MTUS pages it listed'), and its own
    outside such clauses."""
    dissent = _dissent(text, base)
    # (nor what its sentences on the claims administrator name: 'The Claims Administrator relied on ... and on the ODG
    # Pain Chapter. The Expert Reviewer agreed that the MTUS pages govern ...')
    # (where the claims administrator's are not known apart, what the paragraph tells of them is what is adopted)
    told = _told_of_the_claims_administrator(text, base) if ca else []
    # (a clause that sets aside by words of a topic, after its negation: '..., but not the long-term assessment pages';
    # or another source by its publisher's initials: 'the NASS policy was set aside')
    # (or, where the clause names a source too, by the words before that name: '... though neither its reference to
    # tapering nor its ODG entry')
    by_topic = [c for a, b, names, _ in dissent for c in _set_aside_by_topic(_before_a_source_named(text[a - base:b - base])
                                                                            if names else text[a - base:b - base], ca)]
    by_topic += [c for a, b, _, _ in dissent for c in _by_initials(ca, lowered(text[a - base:b - base]))]
    return _adopted([c for c in ca if c not in by_topic],
                    [c for c in own if not any(a <= c.span[0] < b for a, b, names, _ in dissent if names)
                     and not any(a <= c.span[0] < b for a, b in told)],
                    {name for _, _, names, _ in dissent for name in names})


def _before_a_source_named(clause: str) -> str:
    """A clause's words up to the first source it names."""
    low = lowered(clause)
    return clause[:min([len(clause)] + [m.start() for _, words in SOURCE_NAMES if (m := words.search(low))])]


SET_ASIDE_CLAUSE_OPENS = re.compile(r"[;:]\s*|,\s+but\s+")  # (where the clause of a dissent by topic may open)


def _set_aside_by_topic(clause: str, ca: list[Citation]) -> list[Citation]:
    """The claims administrator's citations a clause of dissent names by words of their topic after its last negation, or
    anywhere in it where nothing before the negation is taken up."""
    low = " ".join(lowered(clause).split())
    negations = list(SET_ASIDE.finditer(low))
    if not negations:
        return []
    # (or before it, where nothing before it in its clause is taken up: 'The Lidoderm pages that the Claims Administrator
    # also cited were set aside', '...; the long-term assessment pages were not relied on')
    opening = max([0] + [m.end() for m in SET_ASIDE_CLAUSE_OPENS.finditer(low, 0, negations[-1].start())])
    start = opening if not ADOPTION.search(low, opening, negations[-1].start()) else negations[-1].end()
    out = []
    for m in _topic_pointers(low, start):
        out += _pointed_at(m, ca)
    return out


def _told_of_the_claims_administrator(text: str, base: int) -> list[Span]:
    """The stretches of a reviewer's paragraph whose speaker is the claims administrator alone, in the text as read."""
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    segments = _party_segments(low)
    # (the claims administrator as its sentence's subject, not named in the reviewer's: 'The Expert Reviewer found the
    # Claims Administrator's guideline relevant')
    return [(flat.to_original(a) + base, flat.to_original(segments[k + 1][0] if k + 1 < len(segments) else len(low)) + base)
            for k, (a, end, parties) in enumerate(segments)
            if parties == {"ca"} and (named := CLAIMS_ADMINISTRATOR_NAMED.search(low, a, end))
            and named.start() - _sentence_opening(low, named.start()) <= SUBJECT_REACH]


SUBJECT_REACH = 12  # characters from a sentence's opening to the party that is its subject ('The ', 'For this item the ')


def _sentence_opening(low: str, at: int) -> int:
    found = max(low.rfind(". ", 0, at), low.rfind("; ", 0, at), low.rfind(": ", 0, at))
    return found + 2 if found >= 0 else 0


def _clause_opening(low: str, at: int) -> int:
    opening = _sentence_opening(low, at)
    return max([opening] + [m.end() for m in CLAUSE_BREAK.finditer(low, opening, at)])


def without_claims_administrators_set_aside(text: str, base: int, own: list[Citation]) -> list[Citation]:
    """A reviewer's citations but those named in a clause that sets aside what the claims administrator cited ('the ODG
    chapter cited at utilization review was not used for this item')."""
    low = lowered(text[:MAX_PARAGRAPH])
    if not CLAIMS_ADMINISTRATOR_NAMED.search(low) and not BY_THE_DENIAL.search(low):
        return own
    dissent = [(a, b) for a, b, names, of_ca in _dissent(text, base) if names and of_ca]
    return [c for c in own if not any(a <= c.span[0] < b for a, b in dissent)] if dissent else own


def _dissent(text: str, base: int) -> list[tuple[int, int, set[str], bool]]:
    """(start, end, the sources it names, whether it names them and the claims administrator itself) of each clause of
    dissent in a reviewer's paragraph, offsets in the text as read."""
    # (what sets a source aside is said with the adoption, in its paragraph: past a double-spaced text's blank lines)
    paragraph = paragraph_end(text, 0, MAX_PARAGRAPH)
    flat = CollapsedText(_blank_page_lines(text[:paragraph if paragraph is not None else MAX_PARAGRAPH]))
    low = lowered(flat.text)
    # (or its sentence's opening names them as the claims administrator's: 'The MTUS page cited in the utilization review
    # concerns chronic pain and was not applied')
    # (not what the negation itself says is theirs: 'page 303, not the page listed by utilization review')
    return [(flat.to_original(a) + base, flat.to_original(b) + base, names,
             (named_here or _cited_by_them_then_set_aside(low, a, b))
             and (CLAIMS_ADMINISTRATOR_NAMED.search(low, a, b) or BY_THE_DENIAL.search(low, a, b)) is not None)
            for a, b, names, named_here in _set_aside_clauses(low, 0, len(low))]


# the claims administrator by its decision ('the ACOEM pages named in the non-certification were set aside')
BY_THE_DENIAL = re.compile(r"\b(?:in|by|for)\s+the\s+(?:non-?certification|denial|adverse\s+determination)\b")


def _cited_by_them_then_set_aside(low: str, start: int, end: int) -> bool:
    cited = CITED_BY_THE_CLAIMS_ADMINISTRATOR.search(low, start, end) or BY_THE_DENIAL.search(low, start, end)
    return cited is not None and SET_ASIDE.search(low, cited.end(), end) is not None


CITED_BY_THE_CLAIMS_ADMINISTRATOR = re.compile(r"\b(?:cited|used|listed|named|invoked|relied\s+(?:up)?on)\s+(?:in|by|at)\s+"
                                               r"(?:the\s+)?" + _CLAIMS_ADMINISTRATOR + r"\b")


OPENING_PARTY_REACH = 80  # characters into a text where the party it opens on is named


def told_by_party_first(text: str) -> int:
    """Where the opening sentences of a text that each name a party end, where its first names one early ('Utilization
    review cited ... This reviewer also relied on ...', 'The denial rested on ...'); 0 where it opens on none. What
    follows is reasoning, not an account of whose guidelines were which."""
    low = lowered(_blank_page_lines(text[:MAX_PARAGRAPH]))
    end = 0
    for stop in [m.start() + 1 for m in SENTENCE_END.finditer(low)] + [len(low)]:
        sentence = low[end:stop]
        first = min((m.start() for pattern in (CLAIMS_ADMINISTRATOR_NAMED, REVIEWER_NAMED)
                     for m in [pattern.search(sentence)] if m), default=None)
        if DECISION_OPENING.match(sentence.lstrip()):
            first = 0
        # (a sentence after them that sets aside a source they named is theirs too: 'I agree with the utilization reviewer
        # that the MTUS section ... governs. The ODG chapter cited alongside it ... was not relied upon.')
        if first is None and end and NOT_RELIED_ON.search(sentence) and any(words.search(sentence) for _, words in SOURCE_NAMES):
            first = 0
        if first is None or not end and first > OPENING_PARTY_REACH:
            break
        end = stop
    return end


NOT_RELIED_ON = re.compile(r"\b(?:not|never)\s+(?:been\s+)?(?:\w+ly\s+)?(?:relied|used|applied|adopted|followed|accepted|taken\s+up|"
                           r"drawn\s+on)\b|\b(?:set|put|left)\s+aside\b|\bdisregard|\bno\s+(?:weight|reliance)\b|\brejected\b")


def tells_the_claims_administrators(text: str) -> bool:
    """Whether a reviewer's guideline paragraph tells, as its own sentence's subject, what the claims administrator
    relied on ('The utilization reviewer leaned on the ACOEM low back chapter. That statement was not used ...')."""
    return any(parties == {"ca"} for _, _, parties in _party_segments(lowered(_blank_page_lines(text[:MAX_PARAGRAPH]))))


# A party named as whose a citation in a list is, not as who speaks ('The claims administrator's ODG entry plus MTUS ...';
# not the subject of a sentence telling them: 'The UR's citations were ...')
OWNER_OF_A_LISTED = re.compile(r"(?:(?<=['’]s)|['’]s)\s+(?:[a-z]+\s+){0,3}?(?:" + _CITED_THINGS + r"|entr(?:y|ies))\s*(?:[,;.]|and\b|plus\b|$)")


def _party_segments(low: str) -> list[tuple[int, int, set[str]]]:
    """(start, end of the party's name, parties) of each run of words a party named as the speaker owns."""
    sentence_starts = [0] + [m.end() for m in re.finditer(r"[.;]\s+", low)]
    named = sorted([(m.start(), m.end(), "ca") for m in CLAIMS_ADMINISTRATOR_NAMED.finditer(low)]
                   + [(m.start(), m.end(), "reviewer") for m in REVIEWER_NAMED.finditer(low)]
                   + [(m.start(), m.end(), "ca") for m in (DECISION_OPENING.match(low, at) for at in sentence_starts) if m])
    named = [n for k, n in enumerate(named) if (not k or n[0] >= named[k - 1][1])  # ('the claims administrator's reviewer')
             and not NAMED_AS_OWNER.search(low, max(0, n[0] - 30), n[0]) and not OWNER_OF_A_LISTED.match(low, n[1])]
    segments: list[tuple[int, int, set[str]]] = []
    for start, end, party in named:
        if segments and PARTIES_JOINED.fullmatch(low, segments[-1][1], start) is not None \
                and segments[-1][1] - segments[-1][0] < 80 and party not in segments[-1][2]:
            segments[-1] = (segments[-1][0], end, segments[-1][2] | {party})
            continue
        opening = sentence_starts[bisect_right(sentence_starts, start) - 1]
        segments.append((opening if not segments or segments[-1][1] <= opening else start, end, {party}))
    return segments


# Pages of a guideline named before, pointed at ('applied Physical Medicine, pages 98-99, of the same guideline', 'cited
# the same chapter, pages 370-371'), and the topic named before its pages
# ('the Physical Medicine section of those guidelines, pages 98-99'; not 'These guidelines were relied upon')
# ('the same ACOEM chapter, page 303': of the last citation of that source)
SAME_SOURCE = re.compile(r"\b(?:(?:the|that|this|those|these)\s+same|that|this|(?:(?<=\bof\s)|(?<=\bin\s))(?:those|these))\s+"
                         r"(?:(?P<source>acoem|odg|mtus)\s+)?(?:guidelines?|chapter|document|manual|text)\b")
TOPIC_BEFORE_PAGES = re.compile(r"((?:[A-Z][\w&'’-]*\s+){0,5}[A-Z][\w&'’-]*),?\s+(?:pages?|pp?\.|pgs?\.?)\s*\d")
SENTENCE_OR_CLAUSE = re.compile(r"[^.;]+(?:\.(?=\d)[^.;]*)*")


def _pages_of_the_same(flat: CollapsedText, low: str, start: int, end: int, base: int, cites: list[Citation],
                       antecedents: list[Citation], pages_until: int | None = None) -> list[Citation]:
    """Citations of pages in low[start:end] (up to `pages_until`) told of a guideline named before, by words that point
    at it ('of the same guideline'), in sentences that name no guideline of their own: the last of `antecedents` with
    those pages."""
    out = []
    for m in SENTENCE_OR_CLAUSE.finditer(low, start, end):
        a, b = m.span()
        same = SAME_SOURCE.search(low, a, b) if antecedents else None
        if same is None:
            continue
        # (a guideline of the sentence's own named after the words pointing back leaves the pages before them to the
        # one pointed at: 'relied on page 99 (Pregabalin) of the same guidelines and on the ODG Pain chapter')
        span = flat.to_original(a) + base, flat.to_original(b) + base
        if any(span[0] <= c.span[0] < flat.to_original(same.start()) + base for c in cites):
            continue
        named = same.group("source")
        before = next((c for c in reversed(antecedents) if named is None or named in (c.source.lower(), c.document)),
                      antecedents[-1])
        # (each topic with its pages: 'on the section Opioids for chronic pain, pages 80-82, and on Weaning of medications,
        # page 124, of the same guidelines')
        pages_end = b if not any(span[0] <= c.span[0] < span[1] for c in cites) else same.end()
        pages_end = min(pages_end, pages_until) if pages_until is not None else pages_end
        out += [Citation(before.source, before.document, before.chapter, topic, pages, before.edition, span)
                for topic, pages, _, _ in _topics_with_pages(flat.text, low, a, pages_end)]
    return out


def _topics_with_pages(text: str, low: str, start: int, end: int) -> list[tuple[str | None, list[int], int, int]]:
    """(topic, pages, start, end) of each page list in text[start:end], with the title just before it when there is one
    ('Weaning of medications, page 124')."""
    out = []
    at = start
    for told in PAGES.finditer(low, start, end):
        pages = [page for group in _pages_of(text[told.start():told.end()]) for page in group]
        if pages:
            # (the words after the last lead, where they read as a title; else the capitalised words before the pages)
            lead = max([at] + [m.end() for m in LEAD_TO_A_PAGED_TOPIC.finditer(text, at, told.start())])
            words = PAGED_TOPIC.fullmatch(text[lead:told.start()].rstrip(" ,"))
            topic = None if words else TOPIC_BEFORE_PAGES.search(text, at, told.end())
            out.append((words.group() if words else topic.group(1) if topic else None, pages,
                        lead if words else topic.start(1) if topic else told.start(), told.end()))
        at = told.end()
    return out


def pages_of_the_same(text: str, base: int, cites: list[Citation], antecedents: Sequence[Citation]) -> list[Citation]:
    """The citations of a guideline paragraph's pages told of a guideline named before ('plus Duloxetine (Cymbalta),
    Page(s): 43-44, of the same guidelines'): of the last of `antecedents`, in sentences that cite nothing of their own."""
    if not SAME_SOURCE.search(" ".join(text[:MAX_PARAGRAPH].lower().split())):
        return []  # (most paragraphs point at no guideline before)
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    return _pages_of_the_same(flat, low, 0, len(low), base, cites, list(antecedents))


# The claims administrator's citations pointed at by their place in its list ('the second of those sources', 'the first
# of the utilization reviewer's citations', 'the first two', 'the two MTUS sections listed first', 'the latter', 'the
# first and the third'), as the subject of what is said of it ('The first governs', 'the second, the ODG entry, was
# set aside') or the object of the reviewer's verb; or by the numbers its list gave them ('citations (1) and (2)').
_PLACE = {word: n - 1 for word, n in ORDINALS.items()} | {"former": 0, "last": -1, "latter": -1}
_HOW_MANY = {"two": 2, "three": 3}
_PLACES = "|".join(_PLACE)
_LIST_JOINER = r"(?:,\s*(?:and\s+)?|and\s+|&\s*|or\s+)"  # (between the places of a list: ', and', 'and', '&', 'or')
PLACE_POINTER = re.compile(
    r"(?:\b|(?<!\w)(?=\())(?:(?P<place>" + _PLACES + r")(?:\s+(?P<many>two|three))?"
    r"(?=\s*[,.;]|\s+(?:of\s+(?:them|these|those|the\s+(?:two|three)\b|(?:[a-z'/-]+\s+){1,5}?(?:" + _CITED_THINGS + r"))|"
    r"(?:[a-z'-]+\s+){0,3}?(?:" + _CITED_THINGS + r"|ones?|entr(?:y|ies))\b|"
    r"(?:and|or|&)\s+(?:the\s+)?(?:" + _PLACES + r")\b|"
    r"(?:does|do|did|is|was|were|are|has|had|applies|applied|speaks|concerns|addresses|deals|governs|remains)\b))|"
    r"(?P<listed>two|three)\s+(?:[a-z'-]+\s+){0,6}?(?:" + _CITED_THINGS + r")\s+(?:listed|cited|named|given)\s+first|"
    # ('the bulletin it listed second')
    r"(?:listed|cited|named|given|quoted)\s+(?P<after>" + "|".join(ORDINALS) + r"|last)(?=\s*[,.;]|\s+(?:and|but|is|was|were|"
    r"are|governs|concerns|addresses|deals|speaks|applies)\b)|"
    r"(?:citations?|references?|sources?|guidelines?|items?|entr(?:y|ies))\s*(?P<numbers>\([1-9a-e]\)(?:\s*" + _LIST_JOINER
    + r"\([1-9a-e]\))*)|"
    # ('numbers 2 and 4 of that list were taken up', 'number 3 was left aside')
    r"(?:numbers?|nos?\.)\s*(?P<numbered>[1-9](?:\s*" + _LIST_JOINER + r"[1-9])*)|"
    # ... or its letters alone, where no citation of the reviewer's own follows ('relied on (a) and (c) of ...', '(b),
    # which concerns ..., was not used')
    r"(?<![\w)])(?P<lettered>\([a-e]\)(?:\s*" + _LIST_JOINER + r"\([a-e]\))*)(?=\s*[,.;]|\s+(?:of|and|or|but|from|was|"
    r"were|is|are|did|does|had|has|which|that|in|on|aside)\b|\s*$))(?!\w)")
PLACES_JOINED = re.compile(r"\s*" + _LIST_JOINER + r"(?:the\s+)?")
PLACE_STANCE_END = re.compile(r"[.;]\s")
# (where the clause that names the pointed ends: also at a 'but' ('took up its pages 301-303, but set its ODG entry
# aside'))
# (not a passive's next predicate, of the same subject: 'the first, ACOEM page 303, ... and was not used')
STANCE_CLAUSE_STOP = re.compile(r"[.;]|,?\s+(?:but|while|whereas)\s+|\sand\s+(?:did|does|do|set|sets|left|leaves|put|puts|"
                                r"relied|relies|used|uses|applied|applies|adopted|adopts|took|takes|drew|draws|gave|gives|"
                                r"rejected|rejects|excluded|excludes|declined|declines)\b")
LIST_MARK = re.compile(r"\(([1-9a-e])\)|\b([1-9])\b")  # (a place's number or letter: '(2)', '3', '(b)')


def _places(m: re.Match, count: int) -> range | list[int]:
    """The places in the claims administrator's list (of `count`) a pointer names."""
    if m.group("listed"):
        return range(_HOW_MANY[m.group("listed")])
    marks = m.group("numbers") or m.group("numbered") or m.group("lettered")
    if marks:
        return [int(n) - 1 if n.isdigit() else ord(n) - ord("a") for n in (a or b for a, b in LIST_MARK.findall(marks))]
    at, many = _PLACE[m.group("place") or m.group("after")], _HOW_MANY.get(m.group("many") or "", 1)
    return range(count - many, count) if at < 0 else range(at, at + many)


def _by_place(low: str, start: int, end: int, theirs: list[Citation]) -> tuple[list[Citation], list[Citation], list[Span]]:
    """The claims administrator's citations low[start:end] points at by their place in its list, those taken up and those
    set aside, and the words setting them aside (where the reviewer's own words for them are too: 'the first, the ODG
    entry, was set aside'): each pointer's words (those joined in a list, together) from its clause's opening to its
    sentence's end or the next pointer."""
    groups: list[tuple[int, int, list[int]]] = []  # (start, end, places)
    for m in PLACE_POINTER.finditer(low, start, end) if len(theirs) > 1 else ():
        places = list(_places(m, len(theirs)))
        if groups and PLACES_JOINED.fullmatch(low, groups[-1][1], m.start()):
            groups[-1] = (groups[-1][0], m.end(), groups[-1][2] + places)
        else:
            groups.append((m.start(), m.end(), places))
    taken: list[Citation] = []
    set_aside: list[Citation] = []
    aside_words: list[Span] = []
    for k, (a, b, places) in enumerate(groups):
        pointed = [theirs[n] for n in places if 0 <= n < len(theirs)]
        stop = PLACE_STANCE_END.search(low, b, end)
        # (nor past a 'but' or a second predicate: '(a) but not (b)', '(a) and (c) ... and did not rely on (b)')
        clause_stop = STANCE_CLAUSE_STOP.search(low, b, end)
        stance_end = min(stop.start() if stop else end, groups[k + 1][0] if k + 1 < len(groups) else end,
                         clause_stop.start() if clause_stop else end)
        stance_start = max(_clause_opening(low, a), groups[k - 1][1] if k else start)
        if DISSENT.search(low, stance_start, stance_end) or SET_ASIDE.search(low, stance_start, stance_end):
            set_aside += pointed
            aside_words.append((stance_start, stance_end))
        elif ADOPTION.search(low, stance_start, stance_end):
            taken += pointed
    return taken, set_aside, aside_words


def claims_administrators_by_place(text: str, base: int, own: list[Citation], ca: list[Citation]) -> list[Citation]:
    """A reviewer's guideline paragraph's citations with the claims administrator's it points at by their place in its
    list ('Of its two sources this reviewer applied the latter; the former plays no part')."""
    if len(ca) < 2:
        return own
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    taken, set_aside, aside_words = _by_place(low, 0, len(low), ca)
    if not taken and not set_aside:
        return own
    aside = [(flat.to_original(a) + base, flat.to_original(b) + base) for a, b in aside_words]
    return _with_taken([c for c in own if c not in set_aside and not any(a <= c.span[0] < b for a, b in aside)], taken)


def _unit(cited: Citation) -> tuple:
    """What tells one citation from another: its source, document, chapter and pages."""
    return cited.source, cited.document, cited.chapter, tuple(cited.pages)


def _with_taken(kept: list[Citation], taken: list[Citation]) -> list[Citation]:
    """The citations kept, then copies of those taken over that they do not hold already, each once."""
    seen = {_unit(c) for c in kept}
    return kept + [replace(c, pages=list(c.pages)) for c in taken if _unit(c) not in seen and not seen.add(_unit(c))]


# A page or range of pages a reviewer's words point at ('relied on 56-57', 'Pages 16-18 cited by the Claims Administrator',
# 'its page 49'): a range, or a number after a page word; not a dose, a count or a date.
PAGES_POINTED = re.compile(r"(?:\b(?P<word>pages?|pp?\.|pgs?\.?)\s*)?(?<![\w./#-])(?P<first>\d{1,3})(?:\s*[-–]\s*(?P<last>\d{1,3}))?"
                           r"(?![\w/%-]|\.\d|\s*(?:mg|mcg|ml|g|%|percent|hours?|days?|weeks?|months?|years?|sessions?|visits?|"
                           r"times?|tablets?|units?)\b)")
POSSESSIVE_S = re.compile(r"['’]s\b")


def claims_administrators_by_pages(text: str, base: int, own: list[Citation], ca: list[Citation]) -> list[Citation]:
    """A reviewer's guideline paragraph's citations with the claims administrator's it points at by their pages, taken
    up or set aside in the clause that names them ('Of the Claims Administrator's pages, the reviewer relied on 56-57
    and did not rely on 111-113'; 'its pages 94-95 were not relied upon'); not pages of a citation of its own, nor the
    claims administrator's own account ('The Claims Administrator relied on pages 76-80')."""
    def pointed(low: str) -> Iterator[tuple[int, int, list[Citation]]]:
        for m in PAGES_POINTED.finditer(low):
            if m.group("word") or m.group("last"):
                first, last = int(m.group("first")), int(m.group("last") or m.group("first"))
                yield m.start(), m.end(), [c for c in ca if first <= last and set(range(first, last + 1)) <= set(c.pages)]
    return _taken_or_set_aside(text, base, own, ca, pointed) if any(c.pages for c in ca) else own


def claims_administrators_by_topic_name(text: str, base: int, own: list[Citation], ca: list[Citation]) -> list[Citation]:
    """A reviewer's guideline paragraph's citations with the claims administrator's it points at by their topics' names
    as it wrote them ('adopted two of its topics, Opioids, criteria for use and Weaning of Medications')."""
    # (a name of more than a word, and of one citation only: a drug's name alone is the topic of many guidelines)
    names = [" ".join(lowered(c.topic).split()) if c.topic else "" for c in ca]
    # (nor one inside another's: 'drug testing' in 'urine drug testing (UDT)')
    topics = {name: c for name, c in zip(names, ca)
              if len(name) >= TOPIC_NAME_LENGTH and TOPIC_NAME_PARTS.search(name) and names.count(name) == 1
              and not any(name in other and name != other for other in names)}

    def pointed(low: str) -> Iterator[tuple[int, int, list[Citation]]]:
        for topic, cited in topics.items():
            at = low.find(topic)
            while at >= 0:
                if not low[at - 1:at].isalnum() and not low[at + len(topic):at + len(topic) + 1].isalnum():
                    yield at, at + len(topic), [cited]
                at = low.find(topic, at + 1)
    return _taken_or_set_aside(text, base, own, ca, pointed) if topics else own


TOPIC_NAME_LENGTH = 8  # characters of a topic's name read as pointing at it ('Opioids, dosing'; not 'NSAIDs')
TOPIC_NAME_PARTS = re.compile(r"[\s,]")


def _taken_or_set_aside(text: str, base: int, own: list[Citation], ca: list[Citation],
                        pointed: Callable[[str], Iterator[tuple[int, int, list[Citation]]]]) -> list[Citation]:
    """A reviewer's citations with the claims administrator's its words point at (`pointed`: where, and which, in the
    paragraph's lowered text) taken up or set aside in the clause that names them; not words of a citation of its own,
    nor the claims administrator's own account, the party its clause's subject."""
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    if not CLAIMS_ADMINISTRATOR_NAMED.search(low):
        return own
    taken: list[Citation] = []
    aside: list[Citation] = []
    for start, end, cited in pointed(low):
        at = flat.to_original(start) + base
        if not cited or any(c.span[0] <= at < c.span[1] for c in own):
            continue
        sentence = _sentence_opening(low, start)
        opening = max([sentence] + [s.start() for s in STANCE_CLAUSE_STOP.finditer(low, sentence, start)])
        stop = STANCE_CLAUSE_STOP.search(low, end)
        closing = stop.start() if stop else len(low)
        subject = CLAIMS_ADMINISTRATOR_NAMED.search(low, opening, start)
        if subject and subject.start() - opening <= SUBJECT_REACH \
                and not POSSESSIVE_S.search(low, subject.start(), subject.end() + 2):
            continue  # (its possessive is no subject: "Of the Claims Administrator's pages, the reviewer relied on ...")
        if SILENT.search(low, opening, closing):
            continue  # (a guideline's silence on the request is no stance: 'The MTUS does not address gym memberships')
        if SET_ASIDE.search(low, opening, closing) or DISSENT.search(low, opening, closing):
            aside += cited
        elif ADOPTION.search(low, opening, closing):
            taken += cited
    set_aside = {_unit(c) for c in aside}
    return _with_taken([c for c in own if _unit(c) not in set_aside], taken)


# ('relied on the ODG section only', 'the MTUS pages alone')
ONLY = re.compile(r"\b(?:only|alone|solely)\b")


def guidelines_by_party(text: str, base: int, opening_party: str | None = None,
                        earlier: tuple[Sequence[Citation], Sequence[Citation]] = ((), ()),
                        known: Sequence[Citation] = ()) -> tuple[list[Citation], list[Citation], list[Literature]]:
    """The claims administrator's and the reviewer's citations, and the literature, of prose that tells whose
    guidelines were which without a label for either: each sentence's words belong to the party it names first,
    up to the next party it names ('..., and the expert reviewer agreed that these were the governing sections');
    two parties joined name both ('Both the claims administrator and the reviewer used ...'). A reviewer's words that
    point back at what the claims administrator cited take it over ('The reviewer relied on that section as well').
    Words before the first party named are `opening_party`'s (a labelled paragraph's own party), else no one's.
    Pages told of 'the same guideline' or 'that chapter' are of the last one the party named, here or in `earlier`
    (the claims administrator's and the reviewer's citations of the letter's items before this one), else of the last
    anyone named. What the reviewer adopts is the claims administrator's the prose tells, else `known` (the item's, told
    elsewhere: 'The expert reviewer relied on the same pages ... as the utilization review')."""
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    segments = _party_segments(low)
    if opening_party and (not segments or segments[0][0] > 0):
        segments.insert(0, (0, 0, {opening_party}))
    ca: list[Citation] = []
    reviewer: list[Citation] = []
    set_aside_by_place: list[Citation] = []
    set_aside_later: set[str] = set()
    for k, (start, _, parties) in enumerate(segments):
        end = segments[k + 1][0] if k + 1 < len(segments) else len(low)
        original = flat.to_original(start), flat.to_original(end)
        cites, _ = parse_citations(text[slice(*original)], base + original[0])
        if SAME_SOURCE.search(low, start, end):
            # (the party's own, else anyone's: 'Both ... used the Chronic Pain Medical Treatment Guidelines. The reviewer also
            # applied Physical Medicine, pages 98-99, of the same guideline.')
            # (the reviewer's pointer may be at what this prose just told of the claims administrator: 'accepted that page
            # and also relied on the same guidelines' definition of ..., page 11')
            own = [*earlier[0], *ca] if "ca" in parties else [*earlier[1], *ca, *reviewer]
            cites += _pages_of_the_same(flat, low, start, end, base, cites,
                                        own + cites or [*earlier[0], *earlier[1], *ca, *reviewer])
        if parties == {"reviewer"}:
            # (what a clause of dissent names is set aside, the reviewer's own words for it too: 'did not find the ODG
            # section applicable')
            dissent = _set_aside_clauses(low, start, end)
            set_aside = {name for _, _, names, _ in dissent for name in names}
            spans = [(flat.to_original(a) + base, flat.to_original(b) + base) for a, b, names, _ in dissent if names]
            cites = [c for c in cites if not any(a <= c.span[0] < b for a, b in spans)]
            back = BACK_REFERENCE.search(low, start, end)
            clause_end = CLAUSE_BREAK.search(low, back.end(), end) if back else None
            clause = low[start:clause_end.start() if clause_end else end] if back else ""
            theirs = ca or list(known)
            # (a guideline named bare with words of adoption is the claims administrator's of it: 'This reviewer agrees
            # that the ODG section governs and applied it'; 'Of these I relied on the ODG section only')
            bare = [c for c in cites if not (c.chapter or c.pages or c.topic)]
            named = [t for t in theirs if any(t.source == b.source and (b.document is None or t.document == b.document)
                                              for b in bare)]
            by_place, placed_aside, aside_words = _by_place(low, start, end, theirs)
            set_aside_by_place += placed_aside
            cites = [c for c in cites if not any(flat.to_original(a) + base <= c.span[0] < flat.to_original(b) + base
                                                 for a, b in aside_words)]
            if by_place or placed_aside:
                cites = _adopted(by_place, cites, set_aside)
            elif (back and ADOPTION.search(clause) and not DISSENT.search(clause)
                    or adopts_claims_administrator(text[slice(*original)])
                    or ca and BARE_CONCURRENCE.search(low, start, end)) and not (named and ONLY.search(low, start, end)):
                cites = _adopted(theirs, cites, set_aside)
            elif theirs and ADOPTION.search(low, start, end):
                cites = _adopted(named, cites, set_aside) if named else cites
            # (what it sets aside of the claims administrator's, said after it was taken up: '... The ODG entry chosen by
            # utilization review was left aside')
            set_aside_later |= {name for a, b, names, _ in dissent if names
                                and CLAIMS_ADMINISTRATOR_NAMED.search(low, a, b) for name in names}
        if "ca" in parties:
            ca += cites
        if "reviewer" in parties:
            reviewer += cites
    theirs = ca or list(known)
    reviewer = [c for c in reviewer if not (c in set_aside_by_place or c in theirs
                                            and set_aside_later & {c.source.lower(), c.document})]
    literature = [Literature(x.author, x.year, (flat.to_original(x.span[0]) + base, flat.to_original(x.span[1]) + base))
                  for x in _literature(flat.text, prose=True)]
    return _merge(ca), _merge(reviewer), literature


# ---- the claims administrator's decision told in a case summary ---------------------------------------

# ('The UR reviewer found the baclofen unsupported under the ..., page 64')
# ... or its own words quoted ('The UR determination states: "Under the ODG, ..."', 'the UR physician wrote that ...')
CLAIMS_ADMINISTRATOR_RELIED = re.compile(CLAIMS_ADMINISTRATOR_NAMED.pattern + r"(?:\s+(?:letter|determination|decision|notice|"
                                         r"report|rationale))?\s+(?:\w+ly\s+)?(?:relied|cited|referenced|based|applied|invoked|"
                                         r"quoted|used|found|held|judged|deemed|reads|read|states|stated|says|said|wrote|writes|"
                                         r"explains|explained|concludes|concluded)\b")
DENIAL = re.compile(r"non-?\s*certif|\bdenie|\bdeny|\bdenial|\bmodifi|\bnot\s+(?:certified|approved|authori[sz]ed|"
                    r"medically\s+necessary|recommended)|adverse\s+determination|\brejected|"
                    # a part certified ('certified 6 of the 12 visits', 'approved only four', 'authorized half the course')
                    r"\b(?:certified|approved|authori[sz]ed|allowed)\s+(?:only\s+|just\s+)?(?:[\w-]+\s+of\b|half\b)|"
                    r"\b(?:certified|approved|authori[sz]ed|allowed)\s+only\b|\bpartial(?:ly)?\s+(?:certif|approv|authori[sz])")


# ---- public interface --------------------------------------------------------------------------------

# How much of a text is read: a guideline paragraph is a few lines, a rationale or summary a page or two;
# beyond these a text is broken or hostile, and reading on would only stall the batch.
MAX_PARAGRAPH = 20_000
MAX_PROSE = 100_000


def parse_citations(text: str, base: int) -> tuple[list[Citation], list[Literature]]:
    """Citations and literature of one guideline paragraph (text is the raw slice at offset base).

    Letters repeat the same guideline lines (every item of a letter, thousands of letters), wrapped
    at different places: the paragraph is parsed with its whitespace collapsed, the result cached,
    and only its offsets are moved back onto the text as read.
    """
    # a name broken at a syllable across lines ('Knee Dis-' / 'orders') is read whole
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]), join_hyphenated=True, words=link.vocabulary_words())
    citations, literature = _parse_at_zero(_without_list_numbers(flat.text))

    def at(span: Span) -> Span:
        return flat.to_original(span[0]) + base, flat.to_original(span[1]) + base

    return ([Citation(c.source, c.document, c.chapter, c.topic, list(c.pages), c.edition, at(c.span))
             for c in citations],
            [Literature(x.author, x.year, at(x.span)) for x in literature])


# A numbered list's marks, its entries run together on one line once its whitespace is collapsed ('...: 1. Chronic Pain
# ..., pages 76-80; 2. Chronic Pain ..., page 88; 3. ACOEM ...'): a mark is no page of the entry before it.
LIST_NUMBER = re.compile(r"(?:(?<=^)|(?<=[:;,.]\s))(?P<n>[1-9])[.)](?=\s+[A-Za-z])")
LIST_NUMBER_MARK = "•"


def _without_list_numbers(text: str) -> str:
    """The text with the marks of a numbered list (1, 2, 3 ... in turn) written as bullets, offsets kept."""
    marks = [m.start("n") for m in LIST_NUMBER.finditer(text)]
    numbers = [int(text[at]) for at in marks]
    if len(marks) < 2 or numbers[:2] != [1, 2]:
        return text
    run = [at for n, at in zip(range(1, len(marks) + 1), marks) if int(text[at]) == n]
    chars = list(text)
    for at in run:
        chars[at] = LIST_NUMBER_MARK
    return "".join(chars)


def find_literature(text: str, base: int) -> list[Literature]:
    """Literature cited in prose (a rationale): '(Morley, 1999; Hoffman, 2007)', 'Kerns et al. (2005)',
    'as the American Psychiatric Association, 2013 ...'. A bare 'Name, 1999' outside brackets counts only
    in guideline lines, where nothing else stands in that form."""
    if not YEAR.search(text):
        return []
    flat = CollapsedText(_blank_page_lines(text[:MAX_PROSE]))
    return [Literature(x.author, x.year, (flat.to_original(x.span[0]) + base, flat.to_original(x.span[1]) + base))
            for x in _literature(flat.text, prose=True)]


def same_as_above(text: str) -> bool:
    """Whether a guideline paragraph points at the one just above it ('Same as above.', 'See above')."""
    return _same_as_above(lowered(_blank_page_lines(text[:MAX_PARAGRAPH])))


def _same_as_above(low: str) -> bool:
    return bool(SAME_AS_ABOVE.match(low)) and not DISSENT.search(re.split(r"[.;]", low, maxsplit=1)[0])


BUT_AFTER = re.compile(r",?\s+(?:but|(?:al)?though|except|excluding|save\s+for|with\s+the\s+exception\s+of)\s+")
REASON_AFTER = re.compile(r",?\s+(?:because|since|given\s+that)\s+")
# (not 'the same criteria', which a guideline sets out of its own)
POINTED_BACK = re.compile(r"\b(?:the\s+same|those)\s+(?:[a-z]+\s+)?(?:" + _CITED_THINGS + r")\b")
# Words of a reviewer's paragraph that say no dissent: where a guideline stands ('which is not part of the MTUS'), or
# that nothing else was relied on ('and relied on no other source').
NOT_A_DISSENT = re.compile(NON_MTUS.pattern + r"|\bno\s+other\s+(?:sources?|guidelines?|citations?|references?|criteria)"
                           r"(?:\s+(?:more\s+)?(?:applicable|relevant|appropriate))?")


def adopts_claims_administrator(text: str) -> bool:
    """Whether the reviewer's guideline paragraph takes over the claims administrator's citations:
    'found the guideline(s) used by the Claims Administrator relevant and appropriate', 'agreed with the
    guidelines cited by the claims administrator', 'relied on the same guidelines as the UR', a paragraph that
    opens 'Same as above' ... and not
    'did not find the guidelines used by the claims administrator applicable'."""
    low = lowered(_blank_page_lines(text[:MAX_PARAGRAPH]))  # the statement may wrap around a page break
    if _same_as_above(low):
        return True
    if not PARTY.search(low) and not POINTED_BACK.search(low):
        return False
    for sentence in re.split(r"(?<=[.;])\s+", low):
        party = PARTY.search(sentence)
        # ('which is not part of the MTUS' says where a guideline stands, not a dissent; nor does a clause of its own
        # before the party's, 'noted that the MTUS is silent here, and found the guideline(s) used by
        # the Claims Administrator relevant')
        # (what a 'but' after it turns down is set aside in part: '... relevant and appropriate, but not the MTUS pages
        # it listed', see adopted_in_part)
        but = BUT_AFTER.search(sentence, party.end()) if party else None
        # (or, with no party named, by words that point back at its citations: 'relied on the same section of the
        # Chronic Pain Medical Treatment Guidelines')
        party = party or POINTED_BACK.search(sentence)
        # (nor the reason it gives: '..., because the MTUS sets out no criteria for ...')
        but = but or (REASON_AFTER.search(sentence, party.end()) if party else None)
        if party and GUIDELINE_WORD.search(sentence) and ADOPTION.search(sentence) \
                and not DISSENT.search(NOT_A_DISSENT.sub(" ", sentence[max(0, sentence.rfind(", and ", 0, party.start())):
                                                                       but.start() if but else len(sentence)])):
            return True
    return False


def claims_administrator_in_summary(text: str, base: int) -> list[Citation]:
    """The claims administrator's citations told in a case summary ('The request was non-certified at
    utilization review with reference to the MTUS ACOEM Chapter 12 guidelines'): only sentences that
    tell a denial or modification, or the claims administrator relying on a guideline ('In that determination the
    utilization reviewer relied on the ODG Low Back chapter'), and name a guideline."""
    flat = CollapsedText(_blank_page_lines(text[:MAX_PROSE]))
    low = lowered(flat.text)
    found: list[Citation] = []
    start = 0
    for end in [m.start() + 1 for m in SENTENCE_END.finditer(low)] + [len(low)]:
        sentence = low[start:end]
        if (DENIAL.search(sentence) or CLAIMS_ADMINISTRATOR_RELIED.search(sentence)) \
                and (_anchors(flat.text[start:end]) or "odg" in sentence):
            cites, _ = parse_citations(text[flat.to_original(start):flat.to_original(end)], base + flat.to_original(start))
            found += cites
        start = end
    return _merge(found)


def claims_administrator_in_summary_by_item(text: str, base: int, requests: Sequence[str]) -> list[list[Citation]]:
    """The claims administrator's citations a case summary tells item by item ('For the aquatic therapy the UR physician
    cited ..., page 22. The Voltaren gel was denied on the basis of the same guidelines' Topical analgesics section'),
    one list per request: a sentence that tells a denial or the claims administrator's reliance gives each clause's
    citations to the requests whose own words (no other request's) the clause names before them, a clause naming none
    to those of the clause before; pages of 'the same guidelines' are of the last guideline the summary named so."""
    flat = CollapsedText(_blank_page_lines(text[:MAX_PROSE]))
    low = lowered(flat.text)
    words = [set(_WORD.findall(request.lower())) - NOT_A_REQUEST_WORD for request in requests]
    own = [{w for w in mine if not w[0].isdigit() and not any(w in theirs for theirs in words[:k] + words[k + 1:])}
           for k, mine in enumerate(words)]
    found: list[list[Citation]] = [[] for _ in requests]
    told: list[Citation] = []
    start = 0
    after_a_denial = denied = False
    for end in [m.start() + 1 for m in SENTENCE_END.finditer(low)] + [len(low)]:
        denial = DENIAL.search(low, start, end) or CLAIMS_ADMINISTRATOR_RELIED.search(low, start, end)
        # (or the next sentence, on the denial by a pronoun: 'Utilization review non-certified all four. It applied ...';
        # or a later one that names the request: 'The letter went through them in order. On the brace it said: "..."')
        relied = DENIAL_RELIED.match(low, start, end)
        relied = relied if after_a_denial or denied and relied and relied.group("request") else None
        after_a_denial = bool(denial)
        denied = denied or after_a_denial
        if denial or relied:
            # ('The OxyContin and the oxycodone were each denied under ...', '... the injection with reference to A,
            # and the shoulder therapy with reference to B')
            pieces = []
            for piece_start, piece_end in _clauses_of(low, start, end):
                cites, cut = _told_in(text, flat, low, piece_start, piece_end, base, told, end)
                named_after: list[int] = []
                if cites:
                    # (or names them after its citations: '... and the MTUS ..., page 23, to the therapy')
                    targets = list(CITED_FOR.finditer(low, piece_start, piece_end))
                    if targets:
                        named = set(_WORD.findall(flat.text[targets[-1].end():piece_end].lower()))
                        named_after = [k for k, mine in enumerate(own) if mine & named]
                pieces.append((piece_start, cites, cut, named_after))
                told += cites
            # (a sentence that names the requests after their citations gives each the citations told since the last one
            # named; one that names them before, and citations told after the last request named, go by the words before)
            forward = any(after for *_, after in pieces)
            pending: list[tuple[int, list[Citation], int]] = []
            for piece_start, cites, cut, after in pieces if forward else ():
                if cites:
                    pending.append((piece_start, cites, cut))
                for k in after:
                    found[k] += [c for _, told_here, _ in pending for c in told_here]
                pending = [] if after else pending
            named_before: list[int] = []
            for piece_start, cites, cut in pending if forward else [(p, c, x) for p, c, x, _ in pieces if c]:
                named = set(_WORD.findall(text[flat.to_original(piece_start):cut].lower()))
                named_before = [k for k, mine in enumerate(own) if mine & named] or named_before
                for k in named_before:
                    found[k] += cites
        start = end
    return [_merge(cites) for cites in found]


# ('For the pool therapy it cited', 'On the brace it said: "..."', 'As to the naproxen it wrote: "..."')
DENIAL_RELIED = re.compile(r"\s*(?:(?P<request>(?:for|on|as\s+to|regarding|in\s+denying)\s+(?:the\s+)?[^,.;:\"“]{1,40}?),?\s+)?"
                           r"(?:it|they|the\s+(?:determination|denial|decision|non-?certification))\s+(?:\w+ly\s+)?"
                           r"(?:relied|cited|referenced|based|applied|invoked|quoted|used|stated|wrote|said|explained)\b")
CITED_FOR = re.compile(r",\s*(?:to|for)\s+(?:both\s+|each\s+of\s+|all\s+of\s+)?(?:the\s+)?|"
                       # ('ACOEM ..., page 303, was the basis for the CT denial')
                       r"\s+(?:was|were)\s+(?:the\s+)?(?:basis|grounds?|reasons?)\s+(?:for|of)\s+(?:the\s+)?")


PAGES_AT_THE_END = re.compile(PAGES.pattern + r"\s*,?\s*$")
# (or its verb again: '... page 64, and cited the Opioids pages for the methadone')
ITEM_CLAUSE = re.compile(r",\s+and\s+(?=the\s|(?:found|cited|relied|applied|used|invoked|non-?certified|denied|modified)\s)|;\s+")
# ... a request's clause whose verb the one before gave, the request then its citations ('..., and the patches under
# Lidoderm, pages 56-57, of the same guidelines')
GAPPED_REQUEST = re.compile(r"the\s+(?:[a-z0-9/%.-]+\s+){1,5}?(?:under|per|citing|with\s+reference\s+to|based\s+on|"
                            r"on\s+the\s+basis\s+of|pursuant\s+to)\s")


def _clauses_of(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's clauses, one request's each (', and the ...', '; ...'); not after a topic's pages told before the
    guideline they are of ('... the criteria for use section, pages 76-80, and the Weaning of medications section, page
    124, of the Chronic Pain Medical Treatment Guidelines')."""
    cuts = []
    for m in ITEM_CLAUSE.finditer(low, start, end):
        before = low[cuts[-1] if cuts else start:m.start()]
        if PAGES_AT_THE_END.search(before) and not (_anchors(before) or "odg" in before) \
                and not GAPPED_REQUEST.match(low, m.end(), end):
            continue
        cuts.append(m.end())
    return list(zip([start, *cuts], [*cuts, end]))


def _told_in(text: str, flat: CollapsedText, low: str, start: int, end: int, base: int,
             told: list[Citation], sentence_end: int) -> tuple[list[Citation], int]:
    """A clause's citations (or pages of 'the same guidelines' told before, also where a later clause of its sentence
    says so for both: 'the pool therapy under Aquatic therapy, page 22, and the patches under ..., pages 56-57, of the
    same guidelines'), and where the words that name what they were cited for end (the first citation's start, or the
    words pointing at the same guideline)."""
    a, b = flat.to_original(start), flat.to_original(end)
    cites = parse_citations(text[a:b], base + a)[0] if _anchors(flat.text[start:end]) or "odg" in low[start:end] else []
    pages = PAGES.search(low, start, end) if not cites and not SAME_SOURCE.search(low, start, end) else None
    if pages and SAME_SOURCE.search(low, end, sentence_end):
        cites = _pages_of_the_same(flat, low, start, sentence_end, base, [], told, pages_until=end) if told else []
    elif pages and _anchors(flat.text[end:sentence_end]):
        # (or the guideline named once after both: '..., and the patches under Lidoderm, pages 56-57, both from the ...')
        cites = [c for c in parse_citations(text[a:flat.to_original(sentence_end)], base + a)[0] if c.span[0] < base + b]
    if cites and pages:
        return cites, flat.to_original(pages.start())  # (what they were cited for is named before the pages)
    same = SAME_SOURCE.search(low, start, end) if cites and told else None
    if same:
        # ('relied on page 99 (Pregabalin) of the same guidelines and on the ODG Pain chapter')
        pointed = _pages_of_the_same(flat, low, start, end, base, cites, told)
        return pointed + cites, min([c.span[0] - base for c in cites] + [flat.to_original(same.start())] * bool(pointed))
    if cites or not told:
        return cites, (min(c.span[0] for c in cites) - base) if cites else a
    same = SAME_SOURCE.search(low, start, end)  # (such a citation spans its clause: read up to its words)
    cites = _pages_of_the_same(flat, low, start, end, base, [], told)
    return cites, flat.to_original(same.start()) if same else a


# ---- the parse -------------------------------------------------------------------------------------


@lru_cache(maxsize=16)  # an item's guideline paragraph is read for its citations and for what it says of the other's
def _blank_page_lines(text: str) -> str:
    """Page footers and running headers as spaces (offsets kept): a citation wraps around them."""
    return blank_lines(text, ARTEFACT_LINE, *RUNNING_LINES)


def _short_cached(function: Callable) -> Callable:
    """Cache a function of a text for the texts letters repeat (guideline lines, clauses); a long text
    (an unusual or hostile paragraph) is computed without filling the cache."""
    cached = lru_cache(maxsize=8192)(function)
    return lambda text: cached(text) if len(text) <= CACHED_LENGTH else function(text)


CACHED_LENGTH = 2000


@_short_cached
def _parse_at_zero(text: str) -> tuple[tuple[Citation, ...], tuple[Literature, ...]]:
    literature = _literature(text, prose=False)
    # (a body named with its year after a kind of document and 'of' may be its publisher, part of its title: '... Working Group
    # recommendations of the North American Neuromodulation Society (2019)'), when a title takes it in
    publishers = [x for x in literature
                  if _is_org(x.author) and _kind_published_by().search(text, max(0, x.span[0] - 60), x.span[0])]
    citations = _citations_of(text, [x for x in literature if x not in publishers])
    if publishers:
        literature = [x for x in literature if x not in publishers or not any(
            c.source == "other" and c.span[0] < x.span[0] < c.span[1] for c in citations)]
        if any(x in literature for x in publishers):
            citations = _citations_of(text, literature)
    text = _blank_citing_nothing(blank_spans(text, [x.span for x in literature]))
    # a body named with its year right after another source's title is that source's publisher, not a reference
    # ('Evidence-based guideline update: ... in adults, American Academy of Neurology and American Headache Society, 2012')
    others = [c.span for c in citations if c.source == "other"]
    literature = [x for x in literature if not (_is_org(x.author) and any(
        start < x.span[0] <= end and PUBLISHER_JOINT.search(text, start, x.span[0]) for start, end in others))]
    low = lowered(text)
    citations = [told for k, c in enumerate(citations)
                 for told in _with_pages_before(text, low, c, citations[k - 1].span[1] if k else 0)]
    return tuple(_merge(citations + _catalogue_topics_with_pages(text, low, citations))), tuple(literature)


def _catalogue_topics_with_pages(text: str, low: str, cited: list[Citation]) -> list[Citation]:
    """A topic of the catalogue named with its pages and no guideline ('and also relied on Muscle relaxants (for pain),
    pages 63-66'): a citation of the document the catalogue files it under, where its pages are the topic's."""
    if not PAGES.search(low):
        return []  # (most paragraphs name no pages)
    out = []
    for topic, pages, at, end in _topics_with_pages(text, low, 0, len(text)):
        if topic is None or any(c.span[0] <= at < c.span[1] or c.span[0] < end <= c.span[1] for c in cited):
            continue
        units = {k.unit for k in _known_topics(topic) if k.first_page <= pages[0] <= k.last_page}
        if len(units) == 1:
            unit = units.pop()
            out.append(Citation(unit.source, unit.document, unit.chapter, topic, pages, None, (at, end)))
    return out


PUBLISHER_JOINT = re.compile(r",\s*$")


def _citations_of(text: str, references: list[Literature]) -> list[Citation]:
    """The citations of a paragraph's clauses, its references blanked first."""
    text = blank_spans(text, [x.span for x in references])  # a reference is neither a topic nor an edition
    text = _blank_citing_nothing(text)
    citations: list[Citation] = []
    for start, end in _clauses(text):
        citations += [Citation(c.source, c.document, c.chapter, c.topic, c.pages, c.edition,
                               (c.span[0] + start, c.span[1] + start)) for c in _clause_citations(text[start:end])]
    return citations


# Pages named before the guideline they are of ('page 46 of the Chronic Pain Medical Treatment Guidelines', 'pages
# 305-306 and 310 of ACOEM Chapter 12').
PAGES_BEFORE = re.compile(PAGES.pattern + r"\s+(?:of|in|from)\s+(?:the\s+)?$")
PAGES_BEFORE_REACH = 60
OF_BEFORE = re.compile(r"(?i)\b(?:of|in|from)\s+(?:the\s+)?$")


# ... or topics with their pages, the guideline named after a comma ('Weaning of medications, page 124, and Opioids,
# long-term assessment, pages 88-89, of the Chronic Pain Medical Treatment Guidelines'), back to the clause's start
PAGES_THEN_OF = re.compile(r",\s*(?:of|in|from)\s+(?:the\s+)?$")
TOPICS_BEFORE_REACH = 300
CLAUSE_START = re.compile(r";|(?<!\bp)(?<!\bpp)(?<!\bpg)(?<!\bpgs)\.(?!\d)")  # (not the stop of 'p. 60')
# Words that lead to a topic named with its pages ('relied on Weaning of medications, page 124, and Opioids, ...')
LEAD_TO_A_PAGED_TOPIC = re.compile(r"(?:,?\s+and|;|\b(?:on|under|citing|cited|per|to|with\s+reference\s+to|referencing)|"
                                   r"\bthe\s+(?:section|topic|entry|part)(?:\s+on)?)\s+")
PAGED_TOPIC = re.compile(r"[A-Z][\w&'’()/-]*(?:,?\s+[\w&'’()/-]+){0,7}")


def _with_pages_before(text: str, low: str, c: Citation, start: int) -> list[Citation]:
    """A citation with no pages of its own takes those named just before it ('page 46 of the ...'); when topics named
    with their pages come before it and a comma ('..., page 46, of the ...'), it is cited once for each, back to start
    (the end of the citation before it) or its clause's start."""
    if c.pages or not OF_BEFORE.search(text, max(0, c.span[0] - 10), c.span[0]):
        return [c]
    lo = max(0, c.span[0] - PAGES_BEFORE_REACH)
    m = PAGES_BEFORE.search(low[lo:c.span[0]])
    if m is not None:
        return [replace(c, pages=[page for group in _pages_of(m.group()) for page in group],
                        span=(lo + m.start(), c.span[1]))]
    told = _paged_topics_before(text, low, c.span[0], start)
    return [replace(c, topic=topic or c.topic, pages=pages, span=(at, c.span[1])) for topic, pages, at, _ in told] or [c]


def _paged_topics_before(text: str, low: str, at: int, start: int) -> list[tuple[str | None, list[int], int, int]]:
    """The topics with their pages named before a guideline named at `at` after a comma and 'of' ('Weaning of medications,
    page 124, and Opioids, ..., pages 88-89, of the ...'), back to `start` or the clause's start; none unless the last
    pages end at the comma."""
    of = PAGES_THEN_OF.search(low, max(start, at - 12), at)
    if of is None:
        return []
    start = max(start, at - TOPICS_BEFORE_REACH)
    start = max([start] + [m.end() for m in CLAUSE_START.finditer(low, start, of.start())])
    told = _topics_with_pages(text, low, start, of.start())
    return told if told and told[-1][3] == of.start() else []


def _blank_citing_nothing(text: str) -> str:
    """'The Claims Administrator did not cite any evidence-based guidelines.' cites nothing: blank the
    sentence (found from its verb, then back to the sentence start, or to the clause's start when a clause before it
    cites: '... based its non-certification on the ODG, Knee & Leg, Meniscectomy, and did not cite the MTUS')."""
    low = lowered(text)
    if "no" not in low:  # every wording has 'not' or 'no'
        return text
    spans = []
    for m in CITES_NOTHING.finditer(low):
        floor = spans[-1][1] if spans else 0
        start = max(low.rfind(". ", floor, m.start()) + 1, floor)
        clause = max(low.rfind(", and ", start, m.start()), low.rfind("; ", start, m.start()))
        spans.append((clause + 1 if clause >= 0 and _anchors(text[start:clause]) else start, m.end()))
    return blank_spans(text, spans)


def _sentence_ends(low: str) -> list[int]:
    return [m.start(1) for m in SENTENCE_END.finditer(low) if not ABBREVIATION.search(low, max(0, m.start() - 6), m.start())]


def _clause_leads(low: str) -> list[int]:
    leads = [m.start() for m in AND_ON_THE.finditer(low) if m.start() and low[m.start() - 1] in " ,"]
    for m in BASED_ON.finditer(low):
        lead = BASED_ON_LEAD.search(low, max(0, m.start() - 12), m.start())
        if lead:
            leads.append(lead.start())
    return leads


def _title_leads(text: str) -> list[int]:
    """Where the title of a source outside the catalogue begins after a comma, a semicolon or 'and'."""
    out: list[int] = []
    kinds = [m.start() for m in _source_kind().finditer(text)]
    if not kinds:
        return out
    end = 0
    anchors = None
    for m in TITLE_LEAD.finditer(text):
        k = bisect_right(kinds, m.end())
        if k == len(kinds) or kinds[k] - m.end() > TITLE_REACH:
            continue  # (no kind of document close enough after it for a title to end on)
        # (a title named by its kind first begins only a clause of its own, not inside one: 'the Chronic Pain Medical
        # Treatment Guidelines on H-wave stimulation')
        t = _other_title(text, m.end()) if m.end() >= end else None
        if t and not t.group("first"):
            end = t.end()
            anchors = _anchors(text) if anchors is None else anchors
            if not any(a.start < end and m.end() < a.end for a in anchors):
                out.append(m.end())
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    """Each clause holds its anchors; a sentence without one continues the clause before it when it
    reads as citation text, and is left out when it is prose."""
    low = lowered(text)
    cuts = sorted({0, *_sentence_ends(low), *_clause_leads(low), *_title_leads(text)})
    clauses: list[list[int]] = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        piece = text[a:b]
        if not piece.strip():
            continue
        if _anchors(piece) or NON_MTUS.search(low, a, b) or BASED_ON_CLAUSE.match(low, a) or _titled(piece) is not None:
            clauses.append([a, b])
        elif clauses and clauses[-1][1] == a and not _is_prose(low[a:b]):
            clauses[-1][1] = b
        elif not clauses and not _is_prose(low[a:b]):
            clauses.append([a, b])
    return [(a, b) for a, b in clauses]


def _titled(clause: str) -> int | None:
    """Where the title of a source outside the catalogue starts, when the clause opens with it or with the words
    that say it was relied on; else None."""
    for at in (0, *(m.end() for m in RELIANCE_LEAD.finditer(clause))):
        if SOURCE_TITLE.match(clause, at) or _other_title(clause, at):
            return at
    return None


def _is_prose(low: str) -> bool:
    return bool(PROSE.search(re.sub(r"\([^()]*\)", " ", low)))


@_short_cached
def _clause_citations(clause: str) -> tuple[Citation, ...]:
    """The citations of one clause, offsets relative to it (clauses repeat across letters: cached)."""
    anchors = _anchors(clause)
    low = lowered(clause)
    if anchors and not GUIDELINE_NAMED.search(low) and (lead := _titled(clause)) is not None \
            and _other_title(clause, lead):
        # a source of another's title names no guideline of the catalogue by words of its subject ('the AAOS Clinical
        # Practice Guideline on Treatment of Osteoarthritis of the Knee, 2nd Edition' is no ACOEM knee chapter)
        anchors = []
    out: list[Citation] = []
    for i, anchor in enumerate(anchors):
        seg_end = anchors[i + 1].start if i + 1 < len(anchors) else len(clause)
        # (pages told before the next guideline are its own: '... psychotherapy guidelines and on page 23 of the MTUS
        # Chronic Pain Medical Treatment Guidelines')
        if i + 1 < len(anchors) and OF_BEFORE.search(clause, max(0, seg_end - 10), seg_end):
            lo = max(anchor.end, seg_end - PAGES_BEFORE_REACH)
            pages = PAGES_BEFORE.search(low, lo, seg_end)
            seg_end = pages.start() if pages else seg_end
        cited = _segment_citations(clause, anchor, seg_end)
        if not cited and anchor.bare:
            # ('Weaning of medications, page 124, of the MTUS': the part of the MTUS its topics name)
            cited = [Citation("MTUS", known[0].unit.document, None, topic, pages, None, (at, anchor.end))
                     for topic, pages, at, _ in _paged_topics_before(clause, low, anchor.start, out[-1].span[1] if out else 0)
                     if (known := _known_topics(topic or ""))]
        out += cited
    if out and _is_prose(low):
        # a sentence about a guideline names it bare when the words after its name are no title ('ACOEM chapter speaks
        # only generally to ...', 'ODG, which sets out specific selection criteria, was used'): no topic, nor a part of
        # the MTUS read from those words
        out = [c if c.chapter or c.pages or not c.topic or not c.topic[:1].islower()
               else Citation(c.source, c.document if c.document and (c.source == "ODG" or c.document.replace("-", " ") in low)
                             else None, None, None, [], c.edition, c.span)
               for c in out]
    # ... and another source's title before the first of them, set off from it ('Nuvigil (armodafinil) Tablets Prescribing
    # Information, revised 06/2013; Official Disability Guidelines (ODG), Pain ...')
    lead = _titled(clause) if anchors else None
    if lead is not None and lead < anchors[0].start and _other_title(clause, lead):
        joint = clause.rfind(";", lead, anchors[0].start)
        if joint > 0:
            out.insert(0, Citation("other", None, None, _topic(clause[lead:joint]), [], None, (lead, joint)))
    # ... and a chapter of another source's manual named beside them ('... of the MTUS; see also the AMA Guides,
    # Chapter 15')
    manual = MANUAL_CHAPTER.search(clause) if anchors else None
    if manual and not any(a.start < manual.end() and manual.start() < a.end for a in anchors):
        out.append(Citation("other", None, manual.group("n"), None, [], None, manual.span()))
    if not anchors:
        # 'Decision based on Non-MTUS Citation DailyMed, product label', 'Decision based on Medicare Benefit
        # Policy Manual, Chapter 7': a source outside the MTUS and the ODG (named, so written with capitals:
        # 'based on the medical records provided' names none)
        low = lowered(clause)
        chapter = OTHER_CHAPTER.search(clause)  # 'Medicare Benefit Policy Manual, Chapter 7, ...': chapter 7
        named = blank_spans(clause, [chapter.span()]) if chapter else clause
        lead = _titled(clause)
        topic = _topic(named[lead or 0:]) if NON_MTUS.search(low) or BASED_ON_CLAUSE.match(low) or lead is not None \
            else None
        if topic and (NON_MTUS.search(low) or not topic.islower()):
            out.append(Citation("other", None, chapter.group("n") if chapter else None, topic, [], None,
                                (0, len(clause.rstrip()))))
    return tuple(out)


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    unit: _Unit
    bare: bool = False  # 'MTUS' alone: its document comes from the topic
    basis: bool = False  # ... and it is what a decision was based on ('based its decision on the MTUS')


class _Taken:
    """Disjoint spans already read as anchors; a new span is free when it overlaps none (by bisection)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start) - 1
        if k >= 0 and self.ends[k] > start:
            return False
        return k + 1 >= len(self.starts) or self.starts[k + 1] >= end

    def add(self, spans: list[tuple[int, int]]) -> None:
        for start, end in spans:
            k = bisect_right(self.starts, start)
            self.starts.insert(k, start)
            self.ends.insert(k, end)


@_short_cached
def _anchors(clause: str) -> tuple[_Anchor, ...]:
    cat = _catalogue()
    low = lowered(clause)
    found: list[_Anchor] = []
    taken = _Taken()

    def phase(anchors: list[_Anchor]) -> None:
        found.extend(anchors)
        taken.add([(a.start, a.end) for a in anchors])

    phase([_Anchor(m.start(), m.end(), _Unit("ODG", "odg", None)) for m in cat.odg_root.regex.finditer(low)])
    first_odg = min((a.start for a in found), default=len(low))
    # what follows the ODG's name is the ODG's (its topics name body regions and drugs), unless it names the
    # MTUS, ACOEM or a guideline outright: an MTUS citation after an ODG one
    # ... and the ACOEM chapter title right after an MTUS or ACOEM named there ('; MTUS ACOEM Neck and Upper Back
    # Complaints p. 181')
    units: list[_Anchor] = []
    named_end = -1
    for m in cat.mtus.regex.finditer(low):
        if not taken.free(*m.span()):
            continue
        if m.start() < first_odg or MTUS_NAMED.search(m.group()) \
                or named_end >= 0 and JOINED.fullmatch(low, named_end, m.start()):
            units.append(_Anchor(m.start(), m.end(), cat.mtus.value(m)))
            if m.start() >= first_odg:
                named_end = m.end()
    # 'Chapter 12' alone is an ACOEM chapter in an ACOEM citation, or in one of the MTUS that names no other
    # part (only ACOEM has numbered chapters in the MTUS)
    acoem_context = bool(ACOEM.search(low)) or bool(MTUS_WORD.search(low)) and not any(
        a.unit.document not in (None, "acoem") for a in units)
    if not acoem_context:
        units = [a for a in units if not (a.unit.chapter and not a.unit.edition
                                          and _is_chapter_number(low[a.start:a.end]))]
        if NON_MTUS.search(low):
            # a Non-MTUS source's words that are an ACOEM chapter's bare title ('Topical fluoride for caries
            # prevention') name no ACOEM chapter
            units = [a for a in units if not (a.unit.document == "acoem" and a.unit.chapter and not a.unit.edition
                                              and not ACOEM.search(low, a.start, a.end)
                                              and "chapter" not in low[a.start:a.end])]
    phase([a for a in units if not (a.unit.document == "acoem" and a.unit.chapter
                                    and ANOTHER_SOURCES_TITLE_BEFORE.search(low, max(0, a.start - 20), a.start))])
    phase(_named_guidelines(low, taken))
    if acoem_context:
        phase([_Anchor(m.start(), m.end(), _Unit("MTUS", "acoem", m.group("n")))
               for m in CHAPTER_NO.finditer(low, 0, first_odg) if taken.free(*m.span())
               and not ANOTHER_SOURCES_TITLE_BEFORE.search(low, max(0, m.start() - 20), m.start())])
    phase([more for a in list(found) if a.unit.document == "acoem" and a.unit.chapter and low[a.end - 1].isdigit()
           for more in _chapters_named_with(low, a.end) if taken.free(more.start, more.end)])
    phase([_Anchor(m.start(), m.end(), _Unit("MTUS", None, None), bare=True,
                   basis=bool(BASIS_BEFORE.search(low, max(0, m.start() - 60), m.start())))
           for m in MTUS_WORD.finditer(low) if taken.free(*m.span()) and not _in_frame(low, m.start())])
    found.sort(key=lambda a: a.start)
    found = _fold_acoem(_drop_framed_mtus(found, low), clause, low)
    said_of = {b.start for a, b in zip(found, found[1:]) if a.end < b.start and PREDICATE.fullmatch(low, a.end, b.start)}
    return tuple(a for a in found if not MENTION_VERB.match(low, a.end) and a.start not in said_of)


JOINED = re.compile(r"[\s,:-]*(?:(?:\d(?:st|nd|rd|th)\s+edition|\(\d{4}\))[\s,:-]*)*")  # (past an edition: '..., 2nd Edition (2004), ')


def _chapters_named_with(low: str, end: int) -> list[_Anchor]:
    """The ACOEM chapters named by number right after one ('Chapter 8 and 11', 'Chapters 12, 13 and 14')."""
    out: list[_Anchor] = []
    while more := MORE_CHAPTERS.match(low, out[-1].end if out else end):
        out.append(_Anchor(more.start("n"), more.end(), _Unit("MTUS", "acoem", more.group("n"))))
    return out


def _named_guidelines(low: str, taken: _Taken) -> list[_Anchor]:
    """'..., Guidelines: Opioids (Effective December 1, 2017)': a guideline the MTUS adopted, named by its
    short title after 'Guidelines:' and standing alone (a 2009 topic such as 'Opioids, criteria for use' goes on)."""
    cat = _catalogue()
    out = []
    for m in GUIDELINES_COLON.finditer(low):
        title = cat.acoem_context.regex.match(low, m.end())
        if title and taken.free(m.start(), title.end()) and TITLE_ALONE.match(low, title.end()):
            unit = cat.acoem_context.value(title)
            if unit.chapter is None and unit.document in cat.acoem_documents:
                out.append(_Anchor(m.start(), title.end(), unit))
    return out


def _drop_framed_mtus(anchors: list[_Anchor], low: str) -> list[_Anchor]:
    """A bare 'MTUS' after a document with only frame words between ('Chronic Pain Medical Treatment
    Guidelines 8 C.C.R. 9792.20 - 9792.26 MTUS (Effective July 18, 2009)') belongs to that citation."""
    out: list[_Anchor] = []
    last_end = 0
    for a in anchors:
        if a.bare and out and not out[-1].bare and out[-1].unit.source == "MTUS" and \
                not WORDY.search(_strip_frame(low[last_end:a.start])):
            last_end = a.end
            continue
        out.append(a)
        last_end = a.end
    return out


def _is_chapter_number(wording: str) -> bool:
    return bool(re.fullmatch(r"(?:acoem\s+)?ch(?:apter|\.)?\s*\d{1,2}", wording))


FRAME_BEFORE_MTUS = re.compile(r"(?:part\s+of\s+the\s+(?:california\s+)?|\(\s*)\Z")


def _in_frame(low: str, pos: int) -> bool:
    """'which is part of the MTUS', '(MTUS)': the MTUS named as a frame, not as a citation."""
    return bool(FRAME_BEFORE_MTUS.search(low, max(0, pos - 30), pos))


def _fold_acoem(anchors: list[_Anchor], clause: str, low: str) -> list[_Anchor]:
    """'MTUS ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 12, Low Back Complaints' is one anchor;
    right after an ACOEM mention its short titles count too ('ACOEM Practice Guidelines: Chronic Pain')."""
    cat = _catalogue()
    out: list[_Anchor] = []
    for a in anchors:
        prev = out[-1] if out else None
        gap = clause[prev.end:a.start] if prev else ""
        if prev and _joins(prev, a) and not ACOEM_FILLER.sub("", lowered(_strip_frame(gap))).strip():
            document = a.unit.document if prev.bare or a.unit.document in cat.acoem_documents else prev.unit.document
            unit = _Unit("MTUS", document, prev.unit.chapter or a.unit.chapter, prev.unit.edition or a.unit.edition)
            out[-1] = _Anchor(prev.start, a.end, unit, prev.bare and a.bare, prev.basis and a.bare)
        else:
            out.append(a)
    for i, a in enumerate(out):  # a context title right after an ACOEM document mention
        if a.unit.document == "acoem" and a.unit.chapter is None:
            pos = a.end
            nxt = out[i + 1].start if i + 1 < len(out) else len(low)
            while (m := ACOEM_FILLER.match(low, pos, nxt)) and m.end() > pos:
                pos = m.end()
            m = cat.acoem_context.regex.match(low, pos, nxt)
            if m:
                unit = cat.acoem_context.value(m)
                out[i] = _Anchor(a.start, m.end(), replace(unit, edition=unit.edition or a.unit.edition), a.bare)
    return out


def _joins(prev: _Anchor, a: _Anchor) -> bool:
    """Two neighbouring MTUS anchors that name one unit: a bare MTUS before anything, ACOEM and its chapter."""
    if prev.unit.source != "MTUS" or a.unit.source != "MTUS":
        return False
    if prev.bare:
        return True
    if prev.unit.document == a.unit.document == "acoem":
        return prev.unit.chapter is None or a.unit.chapter is None or prev.unit.chapter == a.unit.chapter
    # 'ACOEM Opioids guideline', 'ACOEM Chronic Pain Guideline (2017)': the ACOEM guideline the MTUS adopted
    return prev.unit.document == "acoem" and prev.unit.chapter is None and a.unit.document in _catalogue().acoem_documents


def _segment_citations(clause: str, anchor: _Anchor, seg_end: int) -> list[Citation]:
    segment = clause[anchor.end:seg_end]
    if PROSE_AFTER_BASIS.match(segment) and (anchor.basis or BASIS_BEFORE.search(
            lowered(clause[max(0, anchor.start - 60):anchor.start]))):
        # what follows a basis named in prose says why, not which part ('relied on the ODG as the evidence-based
        # guideline most relevant to this request')
        seg_end, segment = anchor.end, ""
    edition = _edition(lowered(clause[anchor.start:seg_end])) or anchor.unit.edition
    if edition is None and (anchor.unit.source == "ODG" or anchor.unit.chapter):
        year = BARE_YEAR.search(segment) if anchor.unit.source == "ODG" else LEADING_YEAR.match(segment)
        edition = year.group("y") if year else None  # 'Low Back Complaints 2004', 'ODG, Pain, Opioids, 2015'
    if anchor.unit.source == "ODG":
        out = []
        cuts = [0, *_more_odg_chapters(segment), len(segment)]
        for first, (a, b) in enumerate(zip(cuts, cuts[1:])):
            piece = segment[a:b].lstrip(" ;")
            chapter, topic, pages = _odg_segment(piece)
            start = anchor.start if first == 0 else anchor.end + b - len(piece)
            if first == 0 and chapter is None:
                chapter, start = _odg_chapter_before(clause, anchor.start)
            out.append(Citation("ODG", "odg", chapter, topic, list(pages), edition,
                                (start, _trim_end(clause, start, anchor.end + b))))
        return out
    out: list[Citation] = []
    for piece_start, piece_end in _topic_pieces(segment):
        piece = segment[piece_start:piece_end]
        start = anchor.start if piece_start == 0 else anchor.end + piece_start
        end = _trim_end(clause, start, anchor.end + piece_end)
        for document, topic, pages in _pairs(anchor.unit, piece, anchor.bare, anchor.basis):
            last = out[-1] if out else None
            if last and topic is None and last.topic is None and last.document == document and pages:
                # 'pages 207-209 and Table 9-6, page 214': more pages of the same part, no topic between
                out[-1] = replace(last, pages=list(dict.fromkeys(last.pages + list(pages))), span=(last.span[0], end))
                continue
            out.append(Citation("MTUS", document, anchor.unit.chapter, topic, list(pages), edition, (start, end)))
    return out


# Where another ODG chapter may begin: a ';', or 'and' before a chapter called one ('..., and Hip & Pelvis Chapter, ...').
ANOTHER_CHAPTER_OPENS = re.compile(r";\s*|(?P<joint>,?\s+and\s+(?:the\s+|its\s+)?)")


def _more_odg_chapters(segment: str) -> list[int]:
    """Where another ODG chapter begins after a ';' ('ODG Pain, Insomnia treatment; Mental Illness & Stress,
    Eszopiclone') or after 'and' where it is called a chapter ('Knee & Leg Chapter, Durable medical equipment, and Hip
    & Pelvis Chapter, Durable medical equipment'): the position of each such joint."""
    if ";" not in segment and " and " not in segment:
        return []
    chapters, low = _catalogue().odg_chapters, lowered(segment)
    named = [c.span() for c in chapters.regex.finditer(low)] if " and " in low else []
    out = []
    for m in ANOTHER_CHAPTER_OPENS.finditer(low):
        chapter = chapters.regex.match(low, m.end())
        if chapter is None or any(a < m.start() < b for a, b in named):
            continue  # (not the 'and' inside a chapter's own name: 'Stress and Mental Illness Chapter')
        if m.group("joint") is None and (" " in chapter.group() or DELIMITER.match(low, chapter.end())) \
                or m.group("joint") is not None and (chapter.group().endswith("chapter")
                                                     or ODG_CHAPTER_AFTER.match(low, chapter.end())):
            out.append(m.start())
    return out


@_short_cached
def _odg_segment(segment: str) -> tuple[str | None, str | None, tuple[int, ...]]:
    """(chapter, topic, pages) of what follows the ODG's name."""
    chapter, topic_text = _odg_chapter(segment)
    return chapter, _topic(topic_text), tuple(p for g in _pages_of(topic_text) for p in g)


def _trim_end(clause: str, start: int, end: int) -> int:
    while end > start and clause[end - 1] in " ,;.":
        end -= 1
    return end


def _pairs(unit: _Unit, piece: str, bare: bool, basis: bool) -> tuple[tuple[str | None, str | None, list[int]], ...]:
    """(document, topic, pages) of one piece (pieces repeat across letters more than whole clauses: cached)."""
    if len(piece) <= CACHED_LENGTH:
        return _cached_pairs(unit, piece, bare, basis)
    return tuple(_read_pairs(unit, piece, bare, basis))


@lru_cache(maxsize=8192)
def _cached_pairs(unit: _Unit, piece: str, bare: bool, basis: bool) -> tuple[tuple[str | None, str | None, list[int]], ...]:
    return tuple(_read_pairs(unit, piece, bare, basis))


def _read_pairs(unit: _Unit, piece: str, bare: bool, basis: bool) -> list[tuple[str | None, str | None, list[int]]]:
    """(document, topic, pages) of one piece: topics paired with page groups where the letter pairs them."""
    groups = _pages_of(piece)
    topics = _topic_list(piece, unit)
    document = unit.document
    if bare and document is None and len(topics) == 1 and not groups:
        title = _catalogue().acoem_context.regex.fullmatch(lowered(topics[0]))
        if title:  # 'MTUS Guidelines: Opioids (Effective December 1, 2017)': the guideline of that name
            return [(_catalogue().acoem_context.value(title).document, None, [])]
    if bare and document is None:
        known = _known_topics("; ".join(topics))
        document = known[0].unit.document if known else None
        if document is None and not groups and not basis:
            return []  # 'MTUS' named in passing, with nothing that says which part
    pages = [p for g in groups for p in g]
    if len(groups) >= 2 and len(topics) >= 1:
        if len(topics) == 1:
            known = _known_topics(topics[0])
            if len(known) == len(groups) and _covers(known, topics[0]):
                topics = [k.label for k in known]
        if len(topics) == len(groups):
            return [(document, t, g) for t, g in zip(topics, groups)]
        assigned = _assign_by_catalogue(topics, groups) if 2 <= len(topics) and len(topics) * len(groups) <= 400 else None
        if assigned:
            by_topic: dict[str, list[int]] = {}
            for topic, group in assigned:
                by_topic.setdefault(topic, []).extend(p for p in group if p not in by_topic.get(topic, ()))
            return [(document, t, g) for t, g in by_topic.items()]
    if len(groups) == 1 and len(topics) >= 1:
        split = _split_by_catalogue(topics, piece, document)
        if split:
            return [(document, t, g) for t, g in split]
    return [(document, "; ".join(topics) or None, list(dict.fromkeys(pages)))]


def _split_by_catalogue(topics: list[str], piece: str, document: str | None) -> list[tuple[str, list[int]]] | None:
    """'A, B Page(s): 111-113, 56-57': one page list for several catalogue topics, each range of it in the
    pages of exactly one of them, cites each topic with its ranges; None when any range fits none or two."""
    text = "; ".join(topics)
    known = [k for k in _known_topics(text) if document is None or k.unit.document == document]
    if len(known) < 2 or not _covers(known, text):
        return None
    ranges = [r for m in PAGES.finditer(lowered(piece))
              for part in RANGE_SEPARATOR.split(m.group("list").translate(DASHES)) if (r := expand_pages(part))]
    by_topic: dict[str, list[int]] = {}
    for pages in ranges:
        owners = [k for k in known if set(pages) <= set(k.pages)]
        if len(owners) != 1:
            return None
        by_topic.setdefault(owners[0].label, []).extend(p for p in pages if p not in by_topic.get(owners[0].label, ()))
    return list(by_topic.items()) if len(by_topic) == len(known) else None


def _known_topics(text: str) -> list[vocab.GuidelineTopic]:
    topics = _catalogue().topics
    return [topics.value(m) for m in topics.regex.finditer(lowered(text))]


def _covers(known: list[vocab.GuidelineTopic], text: str) -> bool:
    """Whether the catalogue topics found in text are all it says (nothing but separators between)."""
    rest = _catalogue().topics.regex.sub(" ", lowered(text))
    return not WORDY.search(TOPIC_LEAD.sub("", rest.strip(" ,;:")))


def _assign_by_catalogue(topics: list[str], groups: list[list[int]]) -> list[tuple[str, list[int]]] | None:
    """Each page group to the written topic whose catalogue pages it falls in; None unless every group finds one."""
    spans = []
    for topic in topics:
        known = _known_topics(topic)
        spans.append({p for k in known for p in k.pages})
    out = []
    for group in groups:
        owners = [t for t, s in zip(topics, spans) if s and set(group) <= s]
        if len(owners) != 1:
            return None
        out.append((owners[0], group))
    return out


def _pages_of(text: str) -> list[list[int]]:
    """The page groups of a text: 'Page(s): 29; 63-66' -> [[29], [63..66]]; 'pages 100-102, 127' -> one group."""
    groups: list[list[int]] = []
    for m in PAGES.finditer(lowered(text)):
        for group in m.group("list").translate(DASHES).split(";"):
            pages = expand_pages(group)
            if pages:
                groups.append(pages)
    return groups


def _topic_pieces(segment: str) -> list[tuple[int, int]]:
    """A segment with two page lists, each after its own topic ('Topical analgesics Page(s): 111-113;
    Salicylate topicals Page(s): 105'), cites two topics: each piece ends with its page list."""
    low = lowered(segment)
    lists = list(PAGES.finditer(low))
    if len(lists) < 2:
        return [(0, len(segment))]
    pieces, start = [], 0
    for m, nxt in zip(lists, lists[1:]):
        between = low[m.end():nxt.start()]
        if not WORDY.search(_strip_frame(between)):
            continue  # 'page 24, page 66': one topic with two lists
        pieces.append((start, m.end()))
        start = m.end()
    pieces.append((start, len(segment)))
    return pieces


def _odg_chapter(segment: str) -> tuple[str | None, str]:
    """An ODG chapter named right after the ODG's name, or anywhere as '<name> Chapter' / '(<name>)'."""
    chapters = _catalogue().odg_chapters
    low = lowered(segment)
    head = ODG_HEAD.match(low).end()
    m = chapters.regex.match(low, head)
    if m and (" " in m.group() or "(" in m.group() or DELIMITER.match(low, m.end())):
        return chapters.value(m), segment[ODG_CHAPTER_TAIL.match(low, m.end()).end():]
    for m in chapters.regex.finditer(low, head):
        named = m.group().endswith(("chapter", ")")) or ODG_CHAPTER_AFTER.match(low, m.end())
        if named or (CLOSING_BRACKET.match(low, m.end())
                                                     and segment[:m.start()].rstrip().endswith("(")):
            end = ODG_CHAPTER_TAIL.match(low, m.end()).end()
            return chapters.value(m), segment[head:m.start()] + " " + segment[end:]
    return None, segment[head:]


def _odg_chapter_before(clause: str, anchor_start: int) -> tuple[str | None, int]:
    """(chapter, start) of a chapter named just before the ODG's name, else (None, the anchor's start)."""
    before = lowered(clause[max(0, anchor_start - 80):anchor_start])
    if CHAPTER_OF.search(before):
        chapters = _catalogue().odg_chapters
        for m in chapters.regex.finditer(before):
            of = CHAPTER_OF.fullmatch(before, m.end())
            if (of and (m.group().endswith("chapter") or "chapter" in of.group())
                    and (m.start() == 0 or not before[m.start() - 1].isalnum())):
                return chapters.value(m), anchor_start - len(before) + m.start()
    return None, anchor_start


def _topic_list(piece: str, unit: _Unit) -> list[str]:
    """The ';'-separated topics of a piece, each cleaned; a chapter's own title is not a topic."""
    text = _topic_text(piece)
    cat = _catalogue()
    titles = cat.chapter_titles.get(unit.chapter or "", frozenset())
    out = []
    for part in text.split(";"):
        part = _clean(part)
        if part and _label_key(part) not in titles and not cat.mtus.regex.fullmatch(lowered(part)):
            out.append(part)
    return out


def _topic(text: str) -> str | None:
    return "; ".join(filter(None, (_clean(p) for p in _topic_text(text).split(";")))) or None


def _topic_text(text: str) -> str:
    """A segment without its pages, editions and frame words; prose after it cut off."""
    s = _blank(EMPTY_BRACKETS, _strip_not_topic(text))
    prose = PROSE.search(lowered(s))
    if prose and not inside_brackets(s, prose.start()):
        s = s[:prose.start()]
        subject = PROSE_SUBJECT.search(lowered(s)) or PROSE_SENTENCE.search(s)
        s = s[:subject.start()] if subject else s  # ', the request' of 'the request is not supported'
    return s


def _clean(part: str) -> str:
    part = " ".join(part.split())
    for _ in range(3):
        before = part
        part = part.strip(" ,:.-–")
        part = part[TOPIC_LEAD.match(lowered(part)).end():] if TOPIC_LEAD.match(lowered(part)) else part
        tail = max(0, len(part) - 200)  # a tail of stop words is short: read only the end
        m = TOPIC_TAIL.search(lowered(part), tail)
        part = part[:m.start()] if m else part
        part = _balanced(CLOSE_AFTER_BLANK.sub(")", part))
        if part.startswith("(") and part.endswith(")") and part.count("(") == 1:
            part = part[1:-1]  # '(Physical Medicine, pages 98-99)' once its pages are gone
        if part == before:
            break
    if not WORDY.search(lowered(part)) or TOPIC_NOISE.match(lowered(part)):
        return ""
    return part


CLOSE_AFTER_BLANK = re.compile(r"[\s,;:]+\)")


def _balanced(piece: str) -> str:
    """Drop brackets left unpaired: '(FRPs)' keeps its pair, 'relaxants (for' loses its '('."""
    if ")" not in piece:
        piece = piece.lstrip("( :-–,")
    if "(" not in piece:
        piece = piece.rstrip(") :-–,")
    if piece.count("(") > piece.count(")") and piece.rfind("(") > 0:
        piece = piece[:piece.rfind("(")].strip(" :-–,")
    close = piece.find(")")
    if close >= 0 and "(" not in piece[:close]:  # the end of a bracket that opened before the topic
        piece = piece[close + 1:].strip(" :-–,")
    return piece


def _blank(pattern: re.Pattern, text: str) -> str:
    """pattern.sub(" ", text) for a pattern in lower case: matched in the lower-cased text."""
    pieces, pos = [], 0
    for m in pattern.finditer(lowered(text)):
        pieces += [text[pos:m.start()], " "]
        pos = m.end()
    return "".join(pieces) + text[pos:] if pieces else text


@_short_cached
def _edition(low: str) -> str | None:
    """The edition a citation names: '2nd Edition' for an ordinal edition, 'YYYY-MM' for an update or
    effective date, 'YYYY' for a year alone."""
    if not DIGIT.search(low) and not EDITIONS[0][1].search(low):
        return None
    for kind, pattern in EDITIONS:
        m = pattern.search(low)
        if not m:
            continue
        g = m.groupdict()
        if kind == "ordinal":
            n = int(g["n"]) if g.get("n") else ORDINALS[g["w"]]
            return f"{n}{_suffix(n)} Edition"
        if g.get("mon"):
            return f"{g['y']}-{MONTHS[g['mon']]:02d}"
        if g.get("m2"):
            month = int(g["m2"])
            if 1 <= month <= 12:
                return f"{_full_year(g['y2'])}-{month:02d}"
            continue
        if g.get("m3"):
            return f"{g['y3']}-{g['m3']}"
        return g.get("y3") or g.get("y") or g.get("y4")
    return None


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    this = date.today().year % 100
    return 2000 + int(year) if int(year) <= this else 1900 + int(year)


def _merge(citations: list[Citation]) -> list[Citation]:
    """One citation per guideline unit and pages (topics joined, first span kept); a bare mention of a
    document or a chapter the paragraph also cites in detail adds nothing ('... Chapter 12 Low Back
    Complaints, pages 303-304. This guideline addresses imaging for low back complaints.'), nor does the MTUS
    named as a whole where one of its parts is cited, nor the ODG without a chapter beside one of its chapters."""
    out: dict[tuple, list[Citation]] = {}
    for c in citations:
        out.setdefault(_unit(c), []).append(c)
    merged = []
    for same in out.values():
        first = same[0]
        if len(same) == 1:
            merged.append(first)
            continue
        topics = dict.fromkeys(t for c in same if c.topic for t in c.topic.split("; "))
        merged.append(Citation(first.source, first.document, first.chapter, "; ".join(topics) or None, first.pages,
                               next((c.edition for c in same if c.edition), None),
                               (min(c.span[0] for c in same), max(c.span[1] for c in same))))
    detailed = {(c.source, c.document) for c in merged if c.chapter or c.pages or c.topic}
    detailed_chapters = {(c.source, c.document, c.chapter) for c in merged if c.chapter and (c.pages or c.topic)}
    named = {c.source for c in merged if c.document}
    # (the ODG named again in prose beside one of its chapters: 'the ODG and the Medicare manual describe ...')
    odg_chapters = any(c.source == "ODG" and c.chapter for c in merged)
    return [c for c in merged if (c.pages or c.topic) and not (odg_chapters and c.source == "ODG" and not c.chapter and not c.pages)
            or c.chapter and (c.source, c.document, c.chapter) not in detailed_chapters
            or not c.chapter and (c.source, c.document) not in detailed and (c.document or c.source not in named)]


# ---- literature -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reference:
    author: str
    year: int
    span: Span


def _literature(text: str, prose: bool) -> list[Literature]:
    """References in a text: inside brackets ('(Morley, 1999; Hoffman, 2007)', '[Chou, 2009, Deyo 2012]'), as
    'Name (Year)', as reference-list entries ('Smith J, Lee K. Title. Journal. 2009;12:34-56.') and - outside
    prose, or after words that announce one ('according to') - as 'Name, Year'. The author is the first
    author's surname or the organisation."""
    if not YEAR.search(text):
        return []
    found: dict[tuple[str, int], Literature] = {}
    inside = _Taken()

    def add(who: str, who_start: int, year: str, start: int, end: int, whole: bool = False) -> None:
        author = " ".join(who.split()) if whole else _author(who, text, who_start)
        if author and _catalogue().mtus.regex.fullmatch(author.lower()) and not REFERENCE_END.match(text, end):
            return  # the body behind a guideline, then its year and chapter: the guideline's edition
        if author:
            key = (author, int(year))
            found.setdefault(key, Literature(author, key[1], (start, end)))

    if JOURNAL_YEAR.search(text):
        entries = list(REFERENCE_ENTRY.finditer(text))
        for m in entries:
            add(m.group("who"), m.start("who"), m.group("year"), m.start(), m.end())
        inside.add([m.span() for m in entries])
    brackets = [*PARENTHESIS.finditer(text), *(SQUARE_BRACKETS.finditer(text) if "[" in text else ())]
    parentheses = sorted((p for p in brackets if inside.free(*p.span())), key=lambda p: p.start())
    inside.add([p.span() for p in parentheses])
    for p in parentheses:
        if YEAR.search(p.group(1)):
            _bracket_references(p.group(1), p.start(1), add)
    for year in YEAR.finditer(text):  # a reference ends at its year: read only the words before each year
        if not NAME_BEFORE_YEAR.search(text, max(0, year.start() - 12), year.start()):
            continue
        start, end = max(0, year.start() - REFERENCE_REACH), min(len(text), year.end() + 24)
        # a year in a bracket ('Morley (1999)') is read by one pattern, a year after a name by the others
        if text[max(0, year.start() - 12):year.start()].rstrip()[-1:] in ("(", "["):
            for m in REFERENCE_YEAR_IN_PARENS.finditer(text, start, end):
                if m.start("year") == year.start() and inside.free(m.start(), m.start() + 1):
                    add(m.group("who"), m.start("who"), m.group("year"), m.start(), m.end())
            continue
        for m in GROUP_IN_YEAR.finditer(text, start, end) if GROUP_WORD.search(text, start, year.start()) else ():
            if m.start("year") == year.start() and inside.free(m.start(), m.start() + 1):
                add(m.group("who"), m.start("who"), m.group("year"), m.start(), m.end())
        for m in REFERENCE.finditer(text, start, end):
            if m.start("year") != year.start() or not inside.free(m.start(), m.start() + 1):
                continue
            if prose and not (ETAL_OR_SECOND.search(m.group("who")) or _is_org(m.group("who"))
                              or CUE_BEFORE.search(text, max(0, m.start() - 40), m.start())):
                continue
            add(m.group("who"), m.start("who"), m.group("year"), m.start(), m.end())
    return sorted(found.values(), key=lambda x: x.span)


# '(AAEM, 2002)': a publishing body by its acronym (`ontology/organisations.tsv`); '(MRI, 2014)' is none.
BRACKET_ACRONYM = re.compile(r"\s*(?P<who>[A-Z]{2,8})\s*,?\s*" + _YEAR + r"\s*")


def _bracket_references(inner: str, base: int, add: Callable) -> None:
    """The references of one bracket: parts split by ';', each a list of 'Name, Year' joined by commas (a bare
    year repeats the name before it); a part counts only when its references end it (', p. 12' may follow)."""
    for part in re.split(r"(;)", inner):
        lead = REFERENCE_LEAD.match(part).end()
        whole = BRACKET_NAME.fullmatch(part, lead)
        whole = whole if whole and _whole_name(whole.group("who")) else BRACKET_ACRONYM.fullmatch(part, lead)
        if whole and (whole.re is BRACKET_NAME or whole.group("who").lower() in vocab.organisations()):
            add(whole.group("who"), base + whole.start("who"), whole.group("year"), base + whole.start("who"),
                base + whole.end("year"), whole=True)
        elif part != ";" and (journal := BRACKET_JOURNAL.fullmatch(part, lead)):
            add(journal.group("who"), base + journal.start("who"), journal.group("year"), base + journal.start("who"),
                base + journal.end("year"))
        elif part != ";":
            m = REFERENCE.search(part, lead)
            refs = []
            while m:
                who, who_start = m.group("who"), m.start("who")
                refs.append((who, who_start, m.group("year"), m.start(), m.end()))
                end = m.end()
                while (comma := LIST_COMMA.match(part, end)) and (again := SAME_AUTHOR_YEAR.match(part, comma.end())):
                    refs.append((who, who_start, again.group("year"), again.start(), again.end()))
                    end = again.end()
                comma = LIST_COMMA.match(part, end)
                m = REFERENCE.match(part, comma.end()) if comma else None
            if refs and not LETTERS.search(part, end):
                for who, who_start, year, start, stop in refs:
                    add(who, base + who_start, year, base + start, base + stop)
        base += len(part)


def _whole_name(who: str) -> bool:
    """Whether a name of several capitalised words is an author's: no word of it a guideline, clinical or
    function word."""
    words = [w.lower().strip("'’") for w in who.split()]
    return not any(w in NOT_AUTHOR_WORDS or w in _catalogue().words or TERM_ENDING.search(w) for w in words) \
        and not re.match(_FUNCTION_WORD.replace("(?!", "(?=", 1), who)


@cache
def _drug_words() -> frozenset[str]:
    """Drug names of one word ('Norco', 'Soma'): never an author."""
    return frozenset(name for name in vocab.drug_supplement() if name.isalpha())


def _is_org(who: str) -> bool:
    return bool(re.search(r"\b(?:" + _ORG_HEAD + r")\b", who))


# The frame words a guideline line puts before a body's name ('Non-MTUS Citation American Society of ...').
FRAME_LEAD = re.compile(r"^(?:(?:Non-?MTUS|Citations?|References?|Source)\s+)+", re.IGNORECASE)


def _author(who: str, text: str, at: int) -> str | None:
    """The author a reference names: an organisation whole, else the first surname; None for words that
    are no author (months, guideline words, clinical terms) and for people titled 'Dr.'."""
    who = " ".join(who.split())
    if _is_org(who):
        name = FRAME_LEAD.sub("", re.sub(r"\s*[(\[]\s*[A-Z]{2,8}\s*[)\]]$", "", ETAL_END.sub("", who)))
        title = _catalogue().mtus.regex.match(name.lower())  # a guideline title the line break left before it
        if title and title.end() < len(name) and name[title.end()] == " " and _is_org(name[title.end():]):
            name = name[title.end():].strip()
        first = name.split()[0].lower()
        if first in NOT_AUTHOR_WORDS or _catalogue().odg_root.regex.fullmatch(name.lower()) \
                or GUIDELINE_IN_NAME.search(name):
            return None
        return name
    lead = LEADING_WORDS.match(who)  # 'Moreover, Kerns et al.': the sentence's first word is no author
    if lead and lead.end() < len(who):
        at += lead.end()
        who = who[lead.end():]
    first = re.match(_SURNAME, who)
    if not first:
        return None
    first = first.group()
    last_word = first.split()[-1].lower()
    if last_word in NOT_AUTHOR_WORDS or last_word in _catalogue().words or TERM_ENDING.search(last_word) \
            or last_word in _drug_words():
        return None
    if TITLE_BEFORE.search(text, max(0, at - 10), at):
        return None
    before = CAPITALISED_BEFORE.search(text, max(0, at - 40), at)
    if before and before.group(1).lower() not in LEAD_WORDS:
        return None  # the last word of a title ('Lumbar Supports, 2015', 'Drug Facts and Comparisons, 2014')
    return first


# ---- another item's citations, pointed at ---------------------------------------------------------------

# A guideline paragraph pointing at the citations of an item above it, by its number, its place or its request ('Those
# listed for Item 1 above', 'the criteria for use section cited for the tramadol request in issue 2) above', 'Same as
# those the Expert Reviewer cited for the individual psychotherapy request, above', "the Expert Reviewer's citations
# for the first disputed item (OxyContin) above").
# (or by a request's words alone: 'the same as those cited in the UR determination for the OxyContin request')
# ('the guidelines it cited for item 1': an item by its number needs no 'above')
ITEM_POINTER = re.compile(r"\b(?:cited|listed|named|used|relied\s+(?:up)?on|applied|citations?|guidelines?|references?)\s+"
                          r"(?:(?:by|in)\s+(?:the\s+)?[a-z' ]{2,40}?\s+|(?:it|they|he|she)\s+(?:had\s+)?(?:cited|listed|named|"
                          r"used|relied\s+(?:up)?on|applied)\s+)?(?:for|under|in|with|to)\s+"
                          r"(?:(?P<item>[^.;]{1,90}?)\s*,?\s*\(?(?:above|earlier|previously)\b|"
                          r"(?P<numbered>(?:item|issue|request)\s*(?:#|no\.?)?\s*\d{1,2})\b|"
                          r"(?:the\s+)?(?P<request>[^.;,]{1,60}?)\s+request\b)")
# (what joins a citation of the sentence's own before the pointer: its words start after it)
POINTER_JOINED = re.compile(r",?\s+and\s+(?:also\s+)?(?:on|upon)\s+|,\s+and\s+|\s+plus\s+|\s+as\s+well\s+as\s+|"
                            r"\s+together\s+with\s+")
ITEM_BY_NUMBER = re.compile(r"\b(?:(?:disputed\s+)?(?:item|issue|request|treatment|service)s?\s*(?:#|no\.?)?\s*(?P<n>\d{1,2})"
                            r"\b|(?P<ordinal>" + "|".join(ORDINALS) + r")\s+(?:disputed\s+)?(?:item|issue|request|"
                            r"treatment|service|medication)\b)")
# Words of a request named by its treatment that do not tell which ('the tramadol request', 'the ESI request above')
NOT_A_REQUEST_WORD = frozenset({"the", "a", "an", "for", "of", "request", "requests", "requested", "item", "issue", "above",
                                "disputed", "treatment", "service", "and", "in", "on", "this", "that", "same", "expert",
                                "reviewer", "reviewer's", "s", "citations"})
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


# The claims administrator's citation pointed at by words of its topic ('the same pregabalin page', 'the anti-epilepsy
# pages cited by the claims administrator', 'the Lyrica page named in the denial'): 'same' before, or the
# party's citing after.
# ('the pregabalin page', 'the same opioid pages'; or by the party's possessive: "Utilization review's ODG insomnia
# citation")
# (or by a possessive pronoun for the party named before it: "relied on the Claims Administrator's ... but not on its
# reference to ...")
_POINTER_OWNER = (r"\b(?:(?:the\s+)?(?P<owner>" + _CLAIMS_ADMINISTRATOR + r")(?:\s+(?:physician|reviewer|doctor))?['’]s|"
                  r"(?P<its>its|their)|the)\s+(?P<same>same\s+)?")
_POINTED_THINGS = r"(?:pages?|entr(?:y|ies)|sections?|topics?|passages?|citations?|references?)"
_POINTER_PARTY = (r"(?P<party>\s+(?:that\s+)?(?:\w+\s+)?(?:named|listed|cited|used|applied|given|invoked|relied\s+(?:up)?on)"
                  r"\s+(?:in|by)\s+(?:the\s+)?(?:denial|non-?certification|" + _CLAIMS_ADMINISTRATOR + r")\b)?")
# ... by their topic's words before the thing cited ('the pregabalin page'), or after it ('the page on Celebrex')
TOPIC_POINTERS = (re.compile(_POINTER_OWNER + r"(?P<words>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3}?)\s+" + _POINTED_THINGS + r"\b"
                             + _POINTER_PARTY),
                  # ('its reference to weaning of medications')
                  re.compile(_POINTER_OWNER + _POINTED_THINGS + r"\s+(?:on|about|concerning|covering|addressing|to|of|for)\s+"
                             r"(?!(?:the|a|an|this|that|these|those|its|their|his|her)\b)(?P<words>[a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,3}?)(?=\s*(?:[,.;)]|$)|\s+(?:and|or|but|which|that|"
                             r"was|were|is|are|cited|used|relied|named|listed|from|by|in|as)\b)" + _POINTER_PARTY))


def _topic_pointers(low: str, start: int = 0) -> list[re.Match]:
    return sorted((m for pattern in TOPIC_POINTERS for m in pattern.finditer(low, start)), key=lambda m: m.start())


TOPIC_WORD = re.compile(r"[a-z0-9]+")
GUIDELINE_WORDS = frozenset({"odg", "mtus", "acoem", "chapter", "chapters"})


def _pointed_at(pointer: re.Match, ca: list[Citation]) -> list[Citation]:
    """The claims administrator's citations a pointer names by the words of their topic or chapter ('the ACOEM shoulder
    chapter pages'), of the guideline it names where it names one; the guideline's own name is no word of the topic. A
    pointer that names their owner names them by the guideline alone ('the UR physician's ODG section', 'the ODG
    section cited by the Claims Administrator')."""
    written = _topic_words(pointer.group("words"))
    words = [w for w in written if w not in GUIDELINE_WORDS]
    guideline = GUIDELINE_WORDS.intersection(written) - {"chapter", "chapters"}
    by_owner = bool(guideline) and bool(pointer.group("owner") or pointer.group("party"))
    # (all its words, or all but a describing one of three or more: 'the broader anti-epilepsy drug section')
    enough = len(words) - (len(words) >= 3)
    return [c for c in ca if (sum(w in (named := _named_words(c)) or w + "s" in named for w in words) >= enough
                              if words else by_owner)
            and not guideline - {c.source.lower(), c.document or ""}]


def _named_words(cited: Citation) -> list[str]:
    """The words a citation's topic and its chapter's name are written with."""
    chapter = next((u.label for u in vocab.guideline_units() if cited.chapter and (u.source, u.document, u.chapter)
                    == (cited.source, cited.document, cited.chapter)), "") if cited.source == "MTUS" else cited.chapter or ""
    return _topic_words(f"{cited.topic or ''} {chapter}")


def _topic_words(text: str) -> list[str]:
    """The words of a topic or of words pointing at one, lower case, a hyphenated word as one ('anti-epilepsy' as
    'antiepilepsy')."""
    return TOPIC_WORD.findall(text.lower().replace("-", ""))
# (where the pointer's clause ends: a sentence's or a second predicate's, 'treated the lidocaine pages as controlling and
# did not draw on the topical analgesics section')
CLAUSE_STOP = re.compile(r"[.;]|\s(?:and|but)\s+(?:did|does|do|had|has|was|were|is|found|finds|relied|drew|draws|used|uses|set|"
                         r"sets|left|leaves|gave|gives|made|makes|put|puts|treated|treats|took|takes)\b")
TOPIC_CLAUSE_REACH = 400  # characters of the pointer's clause read for a dissent


def claims_administrators_by_topic(text: str, own: list[Citation], ca: list[Citation]) -> list[Citation]:
    """A reviewer's guideline paragraph's citations with the claims administrator's it points at by words of their topic
    (not in a clause that sets them aside: 'the general muscle relaxant pages were not needed')."""
    if not ca:
        return own
    low = " ".join(lowered(_blank_page_lines(text[:MAX_PARAGRAPH])).split())
    taken: list[Citation] = []
    for m in _topic_pointers(low):
        clause_end = CLAUSE_STOP.search(low, m.end(), m.end() + TOPIC_CLAUSE_REACH)
        floor = max(0, m.start() - TOPIC_CLAUSE_REACH)
        opening = max(low.rfind(". ", floor, m.start()), low.rfind("; ", floor, m.start()), floor - 1) + 1
        subject = CLAIMS_ADMINISTRATOR_NAMED.search(low, opening, m.start())
        if subject and subject.start() - opening <= SUBJECT_REACH:
            continue  # (the claims administrator's own account of it: 'The UR physician relied on the weaning section')
        # (or taken up by a verb of the reviewer's before it: 'the reviewer relied on the pregabalin page', or by words
        # after it in its clause: 'treated the lidocaine pages as controlling')
        adopted = (ADOPTION.search(low, opening, m.start()) is not None
                   or clause_end is not None and ADOPTION.search(low, m.end(), clause_end.start()) is not None) \
            and not DISSENT.search(low, opening, m.start())
        # (the pointer's subject goes on past 'and' in the passive: '... page cited in the utilization review concerns
        # chronic pain and was not applied'; not an active verb's object of its own: '... but did not rely on the X pages')
        dissent_end = clause_end.end() if clause_end else m.end() + TOPIC_CLAUSE_REACH
        if clause_end is not None and clause_end.group().split()[-1] in ("was", "were", "is"):
            stop = re.compile(r"[.;]").search(low, clause_end.end(), clause_end.end() + TOPIC_CLAUSE_REACH)
            dissent_end = stop.end() if stop else clause_end.end() + TOPIC_CLAUSE_REACH
        # (nor one a negation before it in its clause sets aside: 'set none of the ODG entries named by the UR to use')
        if not (m.group("same") or m.group("party") or m.group("owner") or adopted) \
                or DISSENT.search(low, m.end(), dissent_end) or SET_ASIDE.search(low, m.end(), dissent_end) \
                or SET_ASIDE.search(low, _clause_opening(low, m.start()), m.start()):
            continue
        pointed = _pointed_at(m, ca)
        taken += [replace(c, pages=list(c.pages)) for c in pointed if 0 < len(pointed) < len(ca) or len(ca) == 1]
    seen = {_unit(c) for c in own}
    taken = [c for c in taken if _unit(c) not in seen]
    # (the pointer's own bare words for the guideline, or its chapter, are the one it points at: 'the ACOEM shoulder
    # chapter pages')
    return [c for c in own if c.pages or c.topic
            or not any((t.source, t.document) == (c.source, c.document) and c.chapter in (None, t.chapter)
                       for t in taken)] + taken


def pointed_at_items(text: str, own: list[Citation], earlier: Sequence[tuple[str, list[Citation], list[Citation]]],
                     party: str, base: int) -> list[Citation]:
    """A guideline paragraph's citations where it points at an earlier item's (each of `earlier`: its request's words,
    the claims administrator's and the reviewer's citations): those, the party's its words name ('cited by the claims
    administrator for ...') or else `party`'s ('ca', 'reviewer'); only those its own words before the pointer name
    where they name some ('the criteria for use section', 'the ODG Shoulder chapter'); with its citations elsewhere."""
    if not earlier:
        return own
    flat = CollapsedText(_blank_page_lines(text[:MAX_PARAGRAPH]))
    low = lowered(flat.text)
    taken: list[Citation] = []
    pointers: list[tuple[int, int]] = []  # (from its sentence's start to its end)
    for m in ITEM_POINTER.finditer(low):
        n = _item_pointed_at(m.group("item") or m.group("numbered") or m.group("request"), earlier)
        if n is None:
            continue
        stop = max(low.rfind(". ", 0, m.start()), low.rfind("; ", 0, m.start()))
        sentence = stop + 2 if stop >= 0 else 0
        words_before = low[sentence:m.start()]
        whose = "ca" if PARTY.search(words_before + " " + m.group()) or CLAIMS_ADMINISTRATOR_NAMED.search(words_before) \
            else party
        theirs = earlier[n][1] if whose == "ca" else earlier[n][2]
        # (its words are those after the last citation of the sentence's own joined to it: 'relied on the ODG Pain
        # chapter, plus the weaning pages named for item 1')
        phrase = sentence + max([0] + [j.end() for j in POINTER_JOINED.finditer(words_before)])
        a, b = flat.to_original(phrase) + base, flat.to_original(m.end()) + base
        naming = [c for c in own if a <= c.span[0] < b]
        taken += [replace(c, pages=list(c.pages)) for c in _named_among(theirs, naming, low[phrase:m.start()])]
        pointers.append((a, b))
    if not pointers:
        return own
    kept = [c for c in own if not any(a <= c.span[0] < b for a, b in pointers)]
    seen = {_unit(c) for c in kept}
    return kept + [c for c in taken if _unit(c) not in seen]


def _item_pointed_at(words: str, earlier: Sequence[tuple[str, list[Citation], list[Citation]]]) -> int | None:
    """Which of the earlier items the pointer's words name: by number or place, else the one item whose request holds
    every word they name it by ('the individual psychotherapy request', 'the first disputed item (OxyContin)')."""
    m = ITEM_BY_NUMBER.search(words)
    if m:
        n = int(m.group("n")) if m.group("n") else ORDINALS[m.group("ordinal")]
        return n - 1 if 0 < n <= len(earlier) else None
    named = [w for w in _WORD.findall(words) if w not in NOT_A_REQUEST_WORD]
    if not named:
        return None
    # (all of them, or all but one of three or more: a heading's misspelt word, 'Cognitive behavioral therpy')
    held = [sum(w in _WORD.findall(request.lower()) for w in named) for request, _, _ in earlier]
    enough = len(named) - (len(named) >= 3)
    holding = [k for k, n in enumerate(held) if n >= enough and n == max(held)]
    return holding[0] if len(holding) == 1 else None


def _named_among(theirs: list[Citation], naming: list[Citation], words: str) -> list[Citation]:
    """Those of `theirs` the pointer's own words name: by the guideline they cite ('the ODG Shoulder chapter'), by
    their topic's words ('the criteria for use section') or by the guideline's name; all of them where the words name
    none."""
    by_source = [c for c in theirs if any((c.source, c.document) == (x.source, x.document)
                                          and (not x.chapter or not c.chapter or x.chapter == c.chapter) for x in naming)]
    by_topic = [c for c in theirs if c.topic and " ".join(c.topic.lower().split()[-3:]) in words]
    # (or by the guideline's name alone: 'the same Chronic Pain sections')
    named = {name for name, pattern in SOURCE_NAMES if pattern.search(words)}
    by_name = [c for c in theirs if named & {c.source.lower(), c.document}]
    # (or another source by its publisher's initials: 'the ASRA guidelines named for the injection above')
    return by_source or by_topic or by_name or _by_initials(theirs, words) or theirs


def _by_initials(cited: list[Citation], words: str) -> list[Citation]:
    """The sources outside the catalogue among `cited` that `words` (lower case) name by their publisher's initials."""
    acronyms = set(ACRONYM_WORD.findall(words))
    return [c for c in cited if c.source == "other" and c.topic and _initials(c.topic) in acronyms]


ACRONYM_WORD = re.compile(r"\b[a-z]{3,6}\b")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]*")
PUBLISHER_END = re.compile(r"[,:]|['’]s\b")


def _initials(title: str) -> str:
    """The initials of a title's publisher, its capitalised words before its kind, a comma, a colon or its possessive
    ('North American Spine Society's Coverage Policy ...' -> 'nass', 'American Society of Shoulder Surgeons, Management
    of ...' -> 'asss')."""
    ends = [m.start() for m in (_source_kind().search(title), PUBLISHER_END.search(title)) if m]
    return "".join(w[0] for w in CAPITALISED.findall(title[:min(ends, default=len(title))])).lower()
