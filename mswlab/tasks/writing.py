"""Performance tasks the student writes, judged by rules that read the words (``WRITING``): a SMART
objective, a behavioral note, a safety plan, a referral plan, a GAS scale, a plan at three levels, a
balanced thought, a policy brief, an equity note, and two helping skills (a reflection, open questions).
The rules catch the usual faults, not every one; each says why in plain words, and a variant's model
answer must pass them all (``mswlab check``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mswlab import planning
from mswlab.tasks.fields import FieldSpec


@dataclass(frozen=True)
class Rule:
    label: str
    passed: bool
    message: str


@dataclass(frozen=True)
class Writing:
    """A performance task the student writes, judged by rules that read the words."""

    sections: tuple[FieldSpec, ...]
    judge: Callable[[Any, dict[str, str]], list[Rule]]  # (variant, text per section) -> one verdict per rule


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(w.lower())}", lowered) for w in words)


def _kept(variant, text: str, what: str) -> list[Rule]:
    return [
        Rule(
            f"Names {' / '.join(group[:2])}",
            _mentions(text, group),
            f"It {'names' if _mentions(text, group) else 'does not name'} {what}: {', '.join(group)}.",
        )
        for group in variant.must_mention
    ]


def _smart_objective(variant, text: dict[str, str]) -> list[Rule]:
    objective = text.get("objective", "").strip()
    if not objective:
        return [Rule(c.replace("_", " "), False, "No objective was written.") for c in planning.CRITERIA] + _kept(
            variant, "", "what this case is about"
        )
    verdicts = [Rule(r.criterion.replace("_", " "), r.passed, r.message) for r in planning.check_objective(objective)]
    return verdicts + _kept(variant, objective, "what this case is about")


JUDGMENTAL = (
    "non-compliant",
    "noncompliant",
    "manipulative",
    "lazy",
    "uncooperative",
    "resistant",
    "in denial",
    "attention-seeking",
    "attention seeking",
    "drug-seeking",
    "unmotivated",
    "hysterical",
    "crazy",
    "addict",
    "abuser",
    "dirty",
    "refused to cooperate",
    "belligerent",
    "obviously",
    "clearly",
    "bad mother",
    "bad father",
    "neglectful",
    "hostile",
    "difficult client",
)


def phrases_in(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases a text uses as whole words (a hyphen joins a word), ignoring case."""
    lowered = text.lower()
    return [p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", lowered)]


def judgmental_words(text: str) -> list[str]:
    """Labels and verdicts a behavioral note replaces with what was seen and heard."""
    return phrases_in(text, JUDGMENTAL)


def _behavioral_note(variant, text: dict[str, str]) -> list[Rule]:
    note = text.get("note", "").strip()
    found = judgmental_words(note)
    words = len(note.split())
    return [
        Rule(
            "No labels or verdicts",
            bool(note) and not found,
            "It keeps to what was seen and heard."
            if note and not found
            else f"Replace {', '.join(repr(w) for w in found)} with what the person did or said."
            if found
            else "No note was written.",
        ),
        Rule("A usable length", 20 <= words <= 150, f"It has {words} words; a note like this needs 20 to 150."),
        *_kept(variant, note, "a fact from the original note"),
    ]


_PHONE = re.compile(r"\b988\b|\b\d{3}[-. )]\s?\d{3}[-. ]\d{4}\b|\b741741\b")
SAFETY_STEPS = (
    ("warning_signs", "1. Warning signs that a crisis may be starting"),
    ("coping", "2. Things I can do on my own to take my mind off it"),
    ("social", "3. People and places that help me feel better"),
    ("help", "4. People I can ask for help"),
    ("professionals", "5. Professionals and crisis lines I can call"),
    ("means", "6. Making my surroundings safer"),
)


def _safety_plan(variant, text: dict[str, str]) -> list[Rule]:
    rules = []
    for name, label in SAFETY_STEPS:
        written = text.get(name, "").strip()
        specific = len(written.split()) >= 3
        rules.append(
            Rule(
                label,
                specific,
                "It is written in the client's own specific terms."
                if specific
                else "Write at least a few words, specific to this client (who, what, where).",
            )
        )
    professionals, means = text.get("professionals", ""), text.get("means", "")
    rules.append(
        Rule(
            "A crisis line or number",
            bool(_PHONE.search(professionals)),
            "Step 5 names a number to call or text (988 in the US)."
            if _PHONE.search(professionals)
            else "Step 5 needs a number the client can call or text at any hour, such as 988 in the US.",
        )
    )
    rules += [
        Rule("Means named in step 6", r.passed, r.message)
        for r in _kept(variant, means, "the means this client has access to")
    ]
    return rules


URGENCIES = ("today", "this-week", "this-month")


def _referral_plan(variant, text: dict[str, str]) -> list[Rule]:
    urgency = text.get("urgency", "").strip().lower().replace(" ", "-")
    expected = variant.expected.get("urgency", "")
    follow_up = text.get("follow_up", "")
    timed = planning.check_time_bound(follow_up).passed if follow_up.strip() else False
    barrier = text.get("barrier", "").strip()
    return [
        *[Rule("The need", r.passed, r.message) for r in _kept(variant, text.get("need", ""), "the client's need")],
        Rule("How soon", urgency == expected, f"This referral is needed {expected.replace('-', ' ')}."),
        Rule(
            "A barrier and how to meet it",
            len(barrier.split()) >= 6,
            "It names a barrier and a way round it."
            if len(barrier.split()) >= 6
            else "Name one thing that could stop the referral working and what you will do about it.",
        ),
        Rule(
            "A follow-up with a time",
            timed,
            "It says when you will check that the referral happened."
            if timed
            else "Say when you will check back, for example 'within 3 days'.",
        ),
    ]


GAS_LEVELS = (
    ("minus_2", "-2: much less than expected"),
    ("minus_1", "-1: somewhat less than expected"),
    ("expected", "0: the expected level"),
    ("plus_1", "+1: somewhat more than expected"),
    ("plus_2", "+2: much more than expected"),
)


def _gas_scale(variant, text: dict[str, str]) -> list[Rule]:
    numbers = []
    for name, _ in GAS_LEVELS:
        found = re.findall(r"\d+(?:\.\d+)?", text.get(name, ""))
        numbers.append(float(found[0]) if found else None)
    counted = all(n is not None for n in numbers)
    values = [n for n in numbers if n is not None]
    ordered = counted and (
        all(a < b for a, b in zip(values, values[1:])) or all(a > b for a, b in zip(values, values[1:]))
    )
    return [
        Rule(
            "Every level can be counted",
            counted,
            "Each level gives a number to observe."
            if counted
            else "Give every level a number (how often, how many) so two observers would agree on the level reached.",
        ),
        Rule(
            "Levels in order, no overlap",
            ordered,
            "The levels move one way, from -2 to +2."
            if ordered
            else "Order the levels so each step is better than the one before, with no number in two levels.",
        ),
        *_kept(variant, " ".join(text.values()), "the goal's behavior"),
    ]


# The client systems each level of practice works with (module 01: families and groups are mezzo).
LEVEL_SYSTEMS = {
    "micro": (
        "one-on-one",
        "individual",
        "session",
        "counsel",
        "coach",
        "meet with",
        "meets with",
        "him",
        "her",
        "them",
        "client",
    ),
    "mezzo": (
        "family",
        "families",
        "group",
        "team",
        "staff",
        "volunteer",
        "classroom",
        "school",
        "agency",
        "clinic",
        "unit",
        "neighbo",
        "congregation",
        "support group",
        "peer",
        "partner",
        "household",
    ),
    "macro": (
        "policy",
        "policies",
        "law",
        "ordinance",
        "county",
        "state",
        "city",
        "legislat",
        "coalition",
        "funding",
        "budget",
        "regulation",
        "council",
        "board",
        "federal",
        "campaign",
        "statewide",
        "citywide",
        "community-wide",
        "district",
    ),
}
LEVELS = tuple(LEVEL_SYSTEMS)


def _levels_plan(variant, text: dict[str, str]) -> list[Rule]:
    rules = []
    for level in LEVELS:
        action = text.get(level, "").strip()
        fits = len(action.split()) >= 6 and _mentions(action, LEVEL_SYSTEMS[level])
        rules.append(
            Rule(
                f"A {level} action",
                fits,
                f"It names work with a {level} system."
                if fits
                else f"Write one action (a sentence of 6 words or more) aimed at a {level} system: "
                + ", ".join(w for w in LEVEL_SYSTEMS[level][:6])
                + ", and so on.",
            )
        )
    return rules + _kept(variant, " ".join(text.values()), "this case's concern")


# All-or-nothing words that mark an automatic thought (module 09's distortions). A balanced thought may still
# use one to deny it ("not everyone", "doesn't mean I always"), so a word just after a "not" is not counted.
ABSOLUTES = (
    "everyone",
    "everybody",
    "no one",
    "nobody",
    "always",
    "never",
    "nothing",
    "everything",
    "completely",
    "totally",
    "hopeless",
    "worthless",
    "ruined",
)
_DENIED = re.compile(r"(\bnot|n't|n’t)\W+(\w+\W+){0,2}$")
_FIRST_PERSON = re.compile(r"\b(i|i'm|i’m|i've|i’ve|i'll|i’ll|i'd|i’d|me|my|myself)\b", re.I)


def absolute_words(text: str) -> list[str]:
    """The all-or-nothing words a thought asserts (not those it denies, as in "not everyone")."""
    lowered, found = text.lower(), []
    for word in ABSOLUTES:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            if not _DENIED.search(lowered[: match.start()]):
                found.append(word)
                break
    return found


def _balanced_thought(variant, text: dict[str, str]) -> list[Rule]:
    thought = text.get("thought", "").strip()
    found = absolute_words(thought)
    words = len(thought.split())
    voiced = bool(_FIRST_PERSON.search(thought))
    return [
        *_kept(variant, thought, "a fact from the case"),
        Rule(
            "No all-or-nothing words",
            bool(thought) and not found,
            "It weighs the evidence without all-or-nothing words."
            if thought and not found
            else f"Replace {', '.join(repr(w) for w in found)}: a balanced thought says what the evidence shows, "
            "not all or nothing."
            if found
            else "No thought was written.",
        ),
        Rule(
            "In the person's own voice",
            voiced,
            "It is written as the person would say it (I, me, my)."
            if voiced
            else "Write it as the person would say it to themself, with I, me or my.",
        ),
        Rule(
            "A believable length",
            12 <= words <= 80,
            f"It has {words} words; a balanced thought the person can hold in mind needs 12 to 80.",
        ),
    ]


def _long(name: str, label: str) -> FieldSpec:
    return FieldSpec(name, label, "long_text")


WRITING: dict[str, Writing] = {
    "levels_plan": Writing(tuple(_long(level, f"A {level} action for this case") for level in LEVELS), _levels_plan),
    "smart_objective": Writing((_long("objective", "Your objective"),), _smart_objective),
    "balanced_thought": Writing((_long("thought", "Your balanced thought"),), _balanced_thought),
    "behavioral_note": Writing((_long("note", "Your rewritten note"),), _behavioral_note),
    "safety_plan": Writing(tuple(_long(n, label) for n, label in SAFETY_STEPS), _safety_plan),
    "referral_plan": Writing(
        (
            _long("need", "The need, in the client's terms"),
            FieldSpec("urgency", "How soon", "choice", tuple((u, u.replace("-", " ")) for u in URGENCIES)),
            _long("barrier", "A barrier, and how you will meet it"),
            FieldSpec("follow_up", "Your follow-up, with a time", "text"),
        ),
        _referral_plan,
    ),
    "gas_scale": Writing(tuple(FieldSpec(n, label, "text") for n, label in GAS_LEVELS), _gas_scale),
}


# A policy-practice product (CSWE competency 5): a short advocacy brief. The variant's must_mention groups
# are, in order, the policy or program, the group it affects and the decision-maker addressed; any further
# group is a fact of the case the brief should keep.
BRIEF_ASK = (
    "ask",
    "request",
    "urge",
    "recommend",
    "propose",
    "call on",
    "should",
    "please",
    "vote",
    "adopt",
    "approve",
    "fund",
    "amend",
    "change",
    "allow",
    "extend",
    "restore",
    "require",
)
BRIEF_PARTS = ("The policy or program", "Who is affected", "The decision-maker")


def _policy_brief(variant, text: dict[str, str]) -> list[Rule]:
    brief = text.get("brief", "").strip()
    words = len(brief.split())
    groups = list(variant.must_mention)
    rules = [
        Rule(
            label,
            _mentions(brief, group),
            f"It names {label.lower()}."
            if _mentions(brief, group)
            else f"Name {label.lower()}, for example: {', '.join(group[:4])}.",
        )
        for label, group in zip(BRIEF_PARTS, groups)
    ]
    evidence = bool(re.search(r"\d", brief))
    ask = _mentions(brief, BRIEF_ASK)
    rules += [
        Rule(
            "Evidence with a number",
            evidence,
            "It gives a number as evidence."
            if evidence
            else "Give at least one number from the case (how many people, how often, what it costs).",
        ),
        Rule(
            "A specific ask",
            ask,
            "It asks for a specific change."
            if ask
            else "Say what you ask the decision-maker to do, for example 'We ask the board to ...'.",
        ),
        Rule("A brief's length", 40 <= words <= 300, f"It has {words} words; a short brief needs 40 to 300."),
    ]
    rules += _kept(variant.model_copy(update={"must_mention": tuple(groups[3:])}), brief, "a fact of this case")
    return rules


WRITING["policy_brief"] = Writing((_long("brief", "Your advocacy brief"),), _policy_brief)


# Culturally responsive, anti-racist documentation (CSWE competency 3, module 13): a behavioral note that also
# drops generalizations about a person's race, culture or community. The variant's must_mention groups are the
# person's own account, the structural barrier and the cultural strength the note should keep.
STEREOTYPES = (
    "typical of",
    "typical for",
    "his culture",
    "her culture",
    "their culture",
    "these people",
    "those people",
    "real medicine",
    "like most",
    "that community",
    "those families",
)


def stereotypes(text: str) -> list[str]:
    """Generalizations that put a group in the place of the person."""
    return phrases_in(text, STEREOTYPES)


def _equity_note(variant, text: dict[str, str]) -> list[Rule]:
    rules = _behavioral_note(variant, text)
    found = stereotypes(text.get("note", ""))
    rules.insert(
        1,
        Rule(
            "No generalizations about a group",
            bool(text.get("note", "").strip()) and not found,
            "It describes this person, not a group."
            if not found
            else f"Replace {', '.join(repr(w) for w in found)} with what this person said or did.",
        ),
    )
    return rules


WRITING["equity_note"] = Writing((_long("note", "Your rewritten note"),), _equity_note)


# Helping skills (module 10's reflective listening, module 05's open questions): the student produces the
# skill itself, in words, not its name. Curly quotes and apostrophes are read as straight ones, case is ignored,
# and quotation marks around the whole answer are forgiven.
_STRAIGHT = str.maketrans("‘’“”", "''\"\"")


def _plain(text: str) -> str:
    """The answer with straight quotes, single spaces and no quotation marks around it, in lower case."""
    text = text.translate(_STRAIGHT)
    return " ".join(text.split()).strip().strip("\"'").strip().lower()


def _first_words(text: str, n: int) -> str:
    return " ".join(re.findall(r"[a-z']+", text)[:n])


# Openers that make a sentence a yes/no or "why" question, not a reflection that gives back what was heard.
# ("What" and "how" are left out: "What I hear is ..." is a reflection; a question ending "?" is caught anyway.)
QUESTION_OPENERS = (
    "do",
    "does",
    "did",
    "don't",
    "doesn't",
    "didn't",
    "am",
    "are",
    "aren't",
    "is",
    "isn't",
    "was",
    "were",
    "have",
    "has",
    "had",
    "haven't",
    "can",
    "can't",
    "could",
    "would",
    "wouldn't",
    "will",
    "won't",
    "should",
    "shall",
    "why",
)
# What a well-meaning helper says before the person feels heard: advice, reassurance and fixing.
ADVICE = (
    r"\byou should\b",
    r"\byou ought to\b",
    r"\bwhy don't you\b",
    r"\bwhy not\b",
    r"\bhave you (tried|thought about|considered)\b",
    r"\byou (could|can|might) (try|always|just)\b",
    r"\b(just|maybe|please|you could) try\b",
    r"(^|[.!;:]\s*)try\b",
    r"(?<!you )(?<!they )(?<!we )\btry to\b",
    r"\bi('d| would)? (suggest|recommend)\b",
    r"\bif i were you\b",
    r"\bmy advice\b",
    r"\bdon't worry\b",
    r"\bdo not worry\b",
    r"\bno need to worry\b",
    r"\bit('ll| will) (all )?(be|work out|get better)( \w+)?",
    r"\beverything('ll| will)\b",
    r"\bat least\b",
    r"\bi'm sure\b",
    r"\bi am sure\b",
    r"\bbright side\b",
    r"\bit's not (that|so) bad\b",
    r"\bcalm down\b",
)
# "You feel you should ..." and "your mom keeps telling you to try ..." give back the client's own words.
_REPORTED = re.compile(
    r"\b(feel|feels|feeling|felt|think|thinking|thought|believe|wonder|wondering|afraid|scared|worried|wish|"
    r"told|tell|tells|telling|say|says|saying|said|hear|heard|expect|expects|expected)"
    r"(?:[^\w.;:!?]+[\w']+){0,3}[^\w.;:!?]+$"  # within three words, in the same sentence
)


def advice_phrases(text: str) -> list[str]:
    """Advice, reassurance or fixing in a reflection (not where the reflection reports someone's own words)."""
    plain, found = _plain(text), []
    for pattern in ADVICE:
        for match in re.finditer(pattern, plain):
            if not _REPORTED.search(plain[: match.start()]):
                found.append(match.group(0).strip(" .!;:"))
                break
    return [f for f in found if not any(f != other and f in other for other in found)]


def _reflective_response(variant, text: dict[str, str]) -> list[Rule]:
    """A reflection gives back what the client said and what it seems to mean to them, as a statement.
    A question, advice or reassurance moves the talk to the helper's agenda before the client feels heard."""
    reflection = _plain(text.get("reflection", ""))
    words = len(reflection.split())
    opener = _first_words(reflection, 1)
    questioning = reflection.endswith("?") or opener in QUESTION_OPENERS
    advice = advice_phrases(reflection)
    groups = list(variant.must_mention)
    content, feeling = (groups + [(), ()])[:2]
    said, felt = _mentions(reflection, content), _mentions(reflection, feeling)
    return [
        Rule(
            "A statement, not a question",
            bool(reflection) and not questioning,
            "It is a statement that gives back what you heard."
            if reflection and not questioning
            else "No reflection was written."
            if not reflection
            else 'Turn it into a statement: a reflection says what you heard ("You\'re worried that ...") and '
            "does not end with a question mark or start with words like do, are, can or why.",
        ),
        Rule(
            "No advice or reassurance",
            bool(reflection) and not advice,
            "It stays with the client's experience, without advice or reassurance."
            if reflection and not advice
            else "No reflection was written."
            if not reflection
            else f"Take out {', '.join(repr(a) for a in advice)}: advice, reassurance or fixing comes too early, "
            "before the client feels heard.",
        ),
        Rule(
            "Names what the client said",
            said,
            "It gives back what the client is talking about."
            if said
            else "Give back what the client said, in your words or theirs, such as: " + ", ".join(content[:4]) + ".",
        ),
        Rule(
            "Names a feeling or meaning",
            felt,
            "It names what this seems to feel like or mean to the client."
            if felt
            else "Name the feeling or meaning you hear under the words, such as: " + ", ".join(feeling[:4]) + ".",
        ),
        Rule(
            "A reflection's length",
            8 <= words <= 60,
            f"It has {words} words; a reflection the client can take in needs 8 to 60.",
        ),
    ]


WRITING["reflective_response"] = Writing((_long("reflection", "Your reflection"),), _reflective_response)


# An open question invites the person's own account. Yes/no openers close it, and "why" can sound like blame.
OPEN_OPENERS = (
    "what",
    "what's",
    "how",
    "how's",
    "when",
    "where",
    "which",
    "who",
    "tell me",
    "describe",
    "in what way",
    "in what ways",
    "could you tell me",
    "could you describe",
    "could you say more",
    "could you walk me through",
    "can you tell me",
    "can you describe",
    "can you say more",
    "can you walk me through",
    "would you tell me",
    "would you describe",
    "would you say more",
    "would you walk me through",
    "please tell me",
    "please describe",
    "help me understand",
    "walk me through",
)
# Openers that ask for something, not about something: a question mark is not needed after them.
ASKING_OPENERS = ("tell me", "describe", "please", "help me understand", "walk me through")
QUESTIONS = (("q1", "Question 1"), ("q2", "Question 2"), ("q3", "Question 3"))


def _opens_with(text: str, openers: tuple[str, ...]) -> str:
    start = _first_words(text, 6)
    return next((o for o in openers if start == o or start.startswith(o + " ")), "")


def open_question(question: str) -> tuple[bool, str]:
    """Whether one question is open, and why not in plain words. A short lead-in ("Thinking about your
    mornings, what ...") is forgiven: the question may start after the first comma."""
    plain = _plain(question)
    if not plain:
        return False, "No question was written."
    starts = [plain] + ([plain.split(",", 1)[1].strip()] if "," in plain else [])
    opener = next((o for o in (_opens_with(s, OPEN_OPENERS) for s in starts) if o), "")
    first = _first_words(plain, 2)
    if first.startswith("why") or first == "how come":
        return False, "A 'why' question can sound like blame; ask 'what' or 'how' instead."
    if not opener and _first_words(plain, 1) in QUESTION_OPENERS:
        return False, "It can be answered with yes or no; start with what, how, tell me or describe instead."
    if not opener:
        return (
            False,
            "Start with what, how, when, where, which, tell me or describe, so the person answers in their own words.",
        )
    if not plain.endswith("?") and not opener.startswith(ASKING_OPENERS):
        return False, "End it with a question mark, so it reads as a question."
    return True, "It is open: the person can answer in their own words."


def _open_questions(variant, text: dict[str, str]) -> list[Rule]:
    """Three open questions that reach for what the assessment does not yet know. Each is judged on its own;
    one rule asks that together they reach at least two of the gaps the case names (one must_mention group each)."""
    rules = []
    for name, label in QUESTIONS:
        passed, message = open_question(text.get(name, ""))
        rules.append(Rule(f"{label} is open", passed, message))
    asked = " ".join(_plain(text.get(name, "")) for name, _ in QUESTIONS)
    groups = list(variant.must_mention)
    reached = [g for g in groups if _mentions(asked, g)]
    needed = min(2, len(groups))
    missed = [g[0] for g in groups if g not in reached]
    rules.append(
        Rule(
            "Reaches two of the gaps",
            len(reached) >= needed,
            f"Together they ask about {len(reached)} of the gaps the case names."
            if len(reached) >= needed
            else f"Together they ask about {len(reached)} of the gaps the case names; ask about at least {needed}, "
            f"such as: {', '.join(missed)}.",
        )
    )
    return rules


WRITING["open_questions"] = Writing(tuple(FieldSpec(n, label, "text") for n, label in QUESTIONS), _open_questions)
