"""The item-writing check: structural and flaw rules for each item and across the bank.

The rules follow published item-writing guidance (the NBME item-writing guide: one best
answer, homogeneous options, no "all/none of the above", few negative stems and those
capitalized, no cue from the longest option, balanced key positions) and ASWB's own
description of its items (vignette stems with the qualifiers FIRST, NEXT, BEST and MOST;
three-option questions). Errors fail ``mswlab check``; warnings are listed for authors.
Coverage rules (bank size, items per level, area proportions) are in ``coverage``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from mswlab.content.exam import LEVELS, BlueprintFile, ExamItem
from mswlab.exam.bank import Bank
from mswlab.exam.blueprint import spec

MIN_ITEMS = 400
MIN_PER_LEVEL = 110
MIN_THREE_OPTION = 0.70
MAX_NEGATIVE = 0.05
MAX_KEY_LONGEST = 0.35
KEY_POSITION_TOLERANCE = 6.0  # percentage points either side of uniform
NEAR_DUPLICATE = 90  # rapidfuzz ratio
AREA_TOLERANCE = 5.0  # percentage points
MAX_STEM_WORDS = 120
MIN_RATIONALE_WORDS = 5

_QUALIFIERS = re.compile(r"\b(first|next|best|most)\b")
_NEGATIVE = re.compile(r"\b(NOT|EXCEPT)\b")
_LOWER_NEGATIVE = re.compile(r"\b(not|except)\b")
_ABOVE = re.compile(r"\b(all|none|both) of the above\b", re.I)
_ABSOLUTE = re.compile(r"\b(always|never)\b", re.I)


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [f"datasets/{self.file}"] if self.file else ["datasets/exam/items"]
        if self.entry:
            where.append(f"entry '{self.entry}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return ": ".join(where + [self.message])


@dataclass
class LintReport:
    errors: list[Problem]
    warnings: list[Problem]


def lead_in(stem: str) -> str:
    """The stem's last sentence: the question the candidate answers."""
    return re.split(r"(?<=[.!?])\s+", stem.strip())[-1]


def is_negative(item: ExamItem) -> bool:
    return bool(_NEGATIVE.search(item.stem))


def key_is_longest(item: ExamItem) -> bool:
    lengths = {o.key: len(o.text) for o in item.options}
    return lengths[item.answer] == max(lengths.values())


def item_problems(item: ExamItem, file: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for one item."""
    errors, warnings = [], []

    def error(field: str, message: str) -> None:
        errors.append(Problem(file, item.id, field, message))

    stem = item.stem.strip()
    question = lead_in(stem)
    if not (stem.endswith("?") or re.search(r"[A-Za-z0-9,:]$", stem)):
        error("stem", "should be a question (ending in '?') or an incomplete statement, not a full sentence")
    if qualifier := _QUALIFIERS.search(question):
        word = qualifier.group(1)
        error("stem", f"writes the qualifier '{word}' in lower case; capitalize it ({word.upper()}) or rephrase")
    if _LOWER_NEGATIVE.search(question):
        error("stem", "is worded negatively in lower case; capitalize NOT or EXCEPT, or better, ask positively")
    texts = [o.text.strip().casefold() for o in item.options]
    if len(set(texts)) != len(texts):
        error("options", "two options have the same text; options must be distinct")
    for o in item.options:
        if _ABOVE.search(o.text):
            error(f"options.{o.key}", "uses 'all/none of the above'; write a real option instead")
        if len((o.rationale or "").split()) < MIN_RATIONALE_WORDS:
            error(f"options.{o.key}.rationale", "is too short to explain why the option is or is not best")
        best = (o.rationale or "").lstrip().lower().startswith("best")
        if o.key == item.answer and not best:
            error(f"options.{o.key}.rationale", "belongs to the key, so it should begin 'Best:' and say why")
        if o.key != item.answer and best:
            error(
                f"options.{o.key}.rationale",
                "begins 'Best' but this option is not the key; say why it is not the best answer",
            )
        if absolute := _ABSOLUTE.search(o.text):
            warnings.append(
                Problem(
                    file,
                    item.id,
                    f"options.{o.key}",
                    f"uses the absolute word '{absolute.group(1)}', which test-wise candidates learn to rule out",
                )
            )
    words = len(stem.split())
    if words > MAX_STEM_WORDS:
        warnings.append(Problem(file, item.id, "stem", f"has {words} words; keep stems under {MAX_STEM_WORDS}"))
    return errors, warnings


def bank_problems(bank: Bank) -> list[Problem]:
    """Flaw rules that only show across the whole bank."""
    problems: list[Problem] = []
    items = bank.items
    n = len(items)
    if not n:
        return [Problem("exam/items", None, None, "the item bank is empty")]
    negative = sum(map(is_negative, items))
    if negative / n > MAX_NEGATIVE:
        problems.append(
            Problem(
                "exam/items",
                None,
                None,
                f"{negative} of {n} stems ({negative / n:.1%}) are negative "
                f"(NOT/EXCEPT); at most {MAX_NEGATIVE:.0%} may be",
            )
        )
    longest = sum(map(key_is_longest, items))
    if longest / n > MAX_KEY_LONGEST:
        problems.append(
            Problem(
                "exam/items",
                None,
                None,
                f"the key is the longest option in {longest} of {n} items "
                f"({longest / n:.1%}); at most {MAX_KEY_LONGEST:.0%} may be",
            )
        )
    for size in (3, 4):
        group = [i for i in items if len(i.options) == size]
        if not group:
            continue
        counts = Counter(i.answer for i in group)
        uniform = 100 / size
        for key in "abcd"[:size]:
            share = 100 * counts[key] / len(group)
            if abs(share - uniform) > KEY_POSITION_TOLERANCE:
                problems.append(
                    Problem(
                        "exam/items",
                        None,
                        None,
                        f"among {size}-option items the key is '{key}' in {share:.1f}%; keep each "
                        f"position within {KEY_POSITION_TOLERANCE:.0f} points of {uniform:.1f}%",
                    )
                )
    stems = [i.stem for i in items]
    scores = process.cdist(stems, stems, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, workers=1)
    for a, b in zip(*scores.nonzero()):
        if a < b:
            problems.append(
                Problem(
                    bank.files[items[b].id],
                    items[b].id,
                    "stem",
                    f"is nearly the same as the stem of '{items[a].id}' "
                    f"(similarity {scores[a, b]:.0f}); rewrite one of them",
                )
            )
    return problems


def lint(bank: Bank) -> LintReport:
    errors, warnings = [], []
    for item in bank.items:
        e, w = item_problems(item, bank.files[item.id])
        errors += e
        warnings += w
    errors += bank_problems(bank)
    return LintReport(errors, warnings)


def area_shares(
    bank: Bank, category: str, format_id: str, blueprint: BlueprintFile | None = None
) -> dict[str, tuple[float, float, int]]:
    """area -> (share of eligible items %, blueprint weight %, items) for one category and format."""
    s = spec(category, format_id, blueprint)
    eligible = bank.eligible(s.item_level)
    counts = Counter(s.area_of(i) for i in eligible)
    return {a.id: (100 * counts[a.id] / len(eligible) if eligible else 0.0, a.weight, counts[a.id]) for a in s.areas}


def coverage(bank: Bank, blueprint: BlueprintFile | None = None) -> list[Problem]:
    """Is the bank big and balanced enough to build every form without repeating an item?

    Area proportions are held to the current format's weights, the exam candidates sit now.
    The retired 2018 outline (kept so older prep material can be compared) only needs
    enough items in each of its areas to build a full form.
    """
    where = "exam/items"
    problems = []
    n = len(bank.items)
    if n < MIN_ITEMS:
        problems.append(Problem(where, None, None, f"has {n} items; the bank needs at least {MIN_ITEMS}"))
    three = sum(len(i.options) == 3 for i in bank.items)
    if n and three / n < MIN_THREE_OPTION:
        problems.append(
            Problem(
                where,
                None,
                None,
                f"{three / n:.0%} of items have three options; at least {MIN_THREE_OPTION:.0%} should, as on the exam",
            )
        )
    for level in LEVELS:
        eligible = len(bank.eligible(level))
        if eligible < MIN_PER_LEVEL:
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    f"only {eligible} items suit the {level} level; a full form needs at least {MIN_PER_LEVEL}",
                )
            )
        for format_id in ("current", "legacy"):
            s = spec(level, format_id, blueprint)
            shares = area_shares(bank, level, format_id, blueprint)
            needed = {a: s.counts(s.scored)[a] + s.counts(s.pretest)[a] for a in shares}
            for area, (share, weight, count) in shares.items():
                if format_id == "current" and abs(share - weight) > AREA_TOLERANCE:
                    problems.append(
                        Problem(
                            where,
                            None,
                            None,
                            f"{level}, {s.format_name}: '{s.area_name(area)}' is {share:.1f}% of "
                            f"the eligible items; its weight is {weight:.1f}% (allowed: within "
                            f"{AREA_TOLERANCE:.0f} points)",
                        )
                    )
                if count < needed[area]:
                    problems.append(
                        Problem(
                            where,
                            None,
                            None,
                            f"{level}, {s.format_name}: '{s.area_name(area)}' has {count} items; "
                            f"a full form needs {needed[area]}",
                        )
                    )
    return problems


def counts(bank: Bank) -> dict:
    """The bank's size by level and by current-format area (for ``mswlab check --json``)."""
    return {
        "items": len(bank.items),
        "items_by_level": {level: len(bank.eligible(level)) for level in LEVELS},
        "items_by_area": dict(sorted(Counter(i.area for i in bank.items).items())),
        "three_option_share": round(sum(len(i.options) == 3 for i in bank.items) / max(1, len(bank.items)), 3),
        "key_longest_share": round(sum(map(key_is_longest, bank.items)) / max(1, len(bank.items)), 3),
    }
