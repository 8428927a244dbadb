"""Wording slips in what students read: British spellings (the course prepares for a US exam and
writes in US English) and the joins that rendering can break, a doubled word or doubled punctuation
("him.. Not best", "next week.;", "2026 format format").

``mswlab check`` runs these over the datasets' text, the notebooks' prose and every feedback
message the engine can render.
"""

from __future__ import annotations

import re

# British form -> US form, whole words (inflections listed where the stem changes).
US_SPELLING = {
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "counselling": "counseling",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "behavioural": "behavioral",
    "organisation": "organization",
    "organisations": "organizations",
    "organisational": "organizational",
    "organise": "organize",
    "organised": "organized",
    "organises": "organizes",
    "organising": "organizing",
    "colour": "color",
    "colours": "colors",
    "centre": "center",
    "centres": "centers",
    "labour": "labor",
    "programme": "program",
    "programmes": "programs",
    "favour": "favor",
    "favours": "favors",
    "favourable": "favorable",
    "favourite": "favorite",
    "honour": "honor",
    "honours": "honors",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",  # "analyses" is US too
    "recognise": "recognize",
    "recognised": "recognized",
    "recognises": "recognizes",
    "recognising": "recognizing",
    "judgement": "judgment",
    "judgements": "judgments",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "normalise": "normalize",
    "normalised": "normalized",
    "normalising": "normalizing",
    "summarise": "summarize",
    "summarised": "summarized",
    "summarises": "summarizes",
    "summarising": "summarizing",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbourhood": "neighborhood",
    "neighbourhoods": "neighborhoods",
    "modelling": "modeling",
    "modelled": "modeled",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "ageing": "aging",
    "paediatric": "pediatric",
    "realise": "realize",
    "realised": "realized",
    "apologise": "apologize",
    "minimise": "minimize",
    "prioritise": "prioritize",
    "emphasise": "emphasize",
    "criticise": "criticize",
    "utilise": "utilize",
    "specialise": "specialize",
    "specialised": "specialized",
    "capitalise": "capitalize",
    "capitalised": "capitalized",
    "characterise": "characterize",
    "stabilise": "stabilize",
    "mobilise": "mobilize",
    "catalogue": "catalog",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "travelling": "traveling",
    "labelled": "labeled",
    "labelling": "labeling",
    "signalling": "signaling",
    "focussed": "focused",
    "whilst": "while",
    "grey": "gray",
    "mum": "mom",
}

# Real names keep their own spelling (a journal, an agency, a title cited as published).
PROPER_NAMES = (
    "Behaviour Research and Therapy",
    "Centre for Addiction and Mental Health",
    "National Health Service",
)

_BRITISH = re.compile(r"\b(" + "|".join(sorted(US_SPELLING, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_DOUBLED_WORD = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
_DOUBLED_PUNCTUATION = re.compile(r"(?<!\.)\.\.(?!\.)|\.;|[,;:]\s*[,;:.]|[!?]\s*\.(?!\.)")  # not "e.g.," nor "..."
_NOT_PROSE = re.compile(r"https?://\S+|`[^`]*`|\b\S+\.(?:py|ipynb|yaml|json|csv)\b")


def british_spellings(text: str) -> list[str]:
    """'behaviour' (write 'behavior'), one per British spelling found outside real names."""
    if set(_WORDS.findall(text.lower())).isdisjoint(US_SPELLING):
        return []  # the common case, found quickly
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    found = []
    for match in _BRITISH.finditer(_NOT_PROSE.sub(" ", text)):
        word = match.group(0)
        us = US_SPELLING[word.lower()]
        found.append(f"'{word}' (write '{us.capitalize() if word[0].isupper() else us}')")
    return found


def slips(text: str) -> list[str]:
    """Doubled words and doubled punctuation, quoted with a little context."""
    prose = _NOT_PROSE.sub(" ", text)
    found = [f"doubled word '{m.group(0)}'" for m in _DOUBLED_WORD.finditer(prose)]
    found += [
        f"doubled punctuation '{prose[max(0, m.start() - 12) : m.end() + 8].strip()}'"
        for m in _DOUBLED_PUNCTUATION.finditer(prose)
    ]
    return found


def problems(text: str) -> list[str]:
    return british_spellings(text) + slips(text)


def phrase(text: str) -> str:
    """Text to run on inside a sentence (its own full stop dropped)."""
    return text.strip().removesuffix(".")


def sentence(text: str) -> str:
    """Text to end a sentence with, with one closing mark."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."
