"""The item standard's cue rules, measured: what a content-free, test-wise guesser scores.

Two guessers never read the content (the course's ASSESSMENT guide, "No cues"). The wary one drops
options with absolute words, options with a justification clause, and the longest option, then
guesses among what is left (among all options when nothing is left). The eager one picks the longest
option, which wins where keys are usually the longest, and also where the rule against long keys was
over-corrected so that the wary guesser loses. A set's edge is the better guesser's score over chance,
in percentage points; it must stay within ``MAX_EDGE`` on any set of items: an assignment's pool, a
level, the bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mswlab.content.models import ChoiceItem

MAX_EDGE = 5.0  # percentage points over chance
ABSOLUTE = re.compile(r"\b(always|never|only|all|every|immediately|none|must)\b", re.I)
JUSTIFICATION = re.compile(r"\b(because|so that|since|until|in order to)\b", re.I)


def cued_out(item: ChoiceItem) -> set[str]:
    """The options the guesser drops from one item."""
    options = item.options
    longest = max(len(o.text) for o in options)
    dropped = {o.key for o in options if ABSOLUTE.search(o.text) or JUSTIFICATION.search(o.text)}
    longest_keys = [o.key for o in options if len(o.text) == longest]
    if len(longest_keys) == 1:
        dropped.add(longest_keys[0])
    return dropped


def guess_chance(item: ChoiceItem) -> float:
    """The wary guesser's chance of choosing the key."""
    kept = [o.key for o in item.options if o.key not in cued_out(item)] or [o.key for o in item.options]
    return 1 / len(kept) if item.answer in kept else 0.0


def longest_chance(item: ChoiceItem) -> float:
    """The eager guesser's chance: the longest option, a tie shared."""
    longest = max(len(o.text) for o in item.options)
    tied = [o.key for o in item.options if len(o.text) == longest]
    return 1 / len(tied) if item.answer in tied else 0.0


@dataclass(frozen=True)
class Edge:
    items: int
    guesser: float  # the better guesser's expected share right, 0-100
    chance: float  # share right by blind guessing, 0-100

    @property
    def points(self) -> float:
        return self.guesser - self.chance


def edge(items: Iterable[ChoiceItem]) -> Edge:
    items = list(items)
    if not items:
        return Edge(0, 0.0, 0.0)
    guesser = 100 * max(sum(map(guess_chance, items)), sum(map(longest_chance, items))) / len(items)
    chance = 100 * sum(1 / len(i.options) for i in items) / len(items)
    return Edge(len(items), guesser, chance)
