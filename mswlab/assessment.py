"""Assessment practice: the biopsychosocial-spiritual record, the ecomap, ROPES and SAFE-T triage.

Each model is checked against a case's key in ``datasets/vignettes/``; views only show
what these functions return. Nothing here predicts risk: a triage case's level is the
judgment its author recorded with reasons, and practice compares the student's
judgment with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import get_args

from mswlab.content.checks import Context, Report
from mswlab.content.models import ChoiceItem
from mswlab.content.vignettes import Connection, Domain, EcomapSpec, Fact, Flow, RiskLevel, Source, SystemKind, Vignette
from mswlab.errors import ValidationError
from mswlab.practice import Feedback, judge

DOMAINS: tuple[str, ...] = get_args(Domain)
SOURCES: tuple[str, ...] = get_args(Source)
DOMAIN_HINTS = {
    "biological": "health, illness, medication, sleep, appetite, substance use, development",
    "psychological": "mood, thoughts, feelings, coping, trauma, memory and thinking",
    "social": "family, friends, culture, school or work, housing, money, legal matters, community",
    "spiritual": "meaning, faith or no faith, values, practices, belonging to a community of belief",
}
SOURCE_HINTS = {
    "observation": "what you saw or heard yourself",
    "interview": "what the person told you",
    "collateral": "what someone else who knows the person told you (with consent)",
    "records": "what a chart, report, letter or school record says",
    "screening": "the result of a standardized screening instrument",
}


def _require(value: str, allowed: tuple[str, ...], what: str, field_name: str) -> str:
    key = value.strip().lower() if isinstance(value, str) else value
    if key not in allowed:
        raise ValidationError(f"'{value}' is not a {what}; choose one of {', '.join(allowed)}", field=field_name)
    return key


# --- biopsychosocial-spiritual record ---------------------------------------------------


@dataclass(frozen=True)
class Placement:
    domain: str
    source: str | None = None


@dataclass(frozen=True)
class FactFeedback:
    fact_id: str
    domain_correct: bool
    source_correct: bool | None  # None when no source was marked
    message: str

    @property
    def correct(self) -> bool:
        return self.domain_correct and self.source_correct is not False


@dataclass(frozen=True)
class Completeness:
    feedback: tuple[FactFeedback, ...]
    missing: tuple[str, ...]  # fact ids not yet placed
    empty_domains: tuple[str, ...]  # domains with no fact placed, though the key has some
    by_domain: dict[str, tuple[int, int]]  # domain -> (placed correctly, in the key)

    @property
    def complete(self) -> bool:
        return not self.missing and all(f.correct for f in self.feedback)

    def summary(self) -> str:
        right = sum(f.correct for f in self.feedback)
        total = len(self.feedback) + len(self.missing)
        parts = [f"{right} of {total} facts filed in the right domain with the right source."]
        if self.missing:
            parts.append(f"{len(self.missing)} not yet placed.")
        if self.empty_domains:
            parts.append("Nothing yet in: " + ", ".join(self.empty_domains) + ".")
        return " ".join(parts)


@dataclass
class BPSSRecord:
    """A student's assessment of one case: where each fact goes, its source, and strengths."""

    case: Vignette
    placements: dict[str, Placement] = field(default_factory=dict)
    strengths: list[str] = field(default_factory=list)

    def place(self, fact_id: str, domain: str, source: str | None = None) -> None:
        self.case.fact(fact_id)  # raises if the case has no such fact
        domain = _require(domain, DOMAINS, "domain", "domain")
        source = _require(source, SOURCES, "source of information", "source") if source else None
        self.placements[fact_id] = Placement(domain, source)

    def clear(self, fact_id: str) -> None:
        self.placements.pop(fact_id, None)

    def add_strength(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            raise ValidationError("write the strength in a few words", field="strength")
        self.strengths.append(text.strip())

    def completeness(self) -> Completeness:
        """Per-fact feedback against the case's key, and what is still missing."""
        feedback = tuple(_fact_feedback(self.case.fact(fid), p) for fid, p in self.placements.items())
        missing = tuple(f.id for f in self.case.facts if f.id not in self.placements)
        used = {p.domain for p in self.placements.values()}
        keyed = {f.domain for f in self.case.facts}
        by_domain = {}
        for d in DOMAINS:
            in_key = [f for f in self.case.facts if f.domain == d]
            right = sum(1 for f in in_key if self.placements.get(f.id, Placement("")).domain == d)
            by_domain[d] = (right, len(in_key))
        return Completeness(feedback, missing, tuple(d for d in DOMAINS if d in keyed and d not in used), by_domain)

    def summary_text(self) -> str:
        """A plain-text assessment summary, by domain with sources, that could go into a note."""
        lines = [
            f"Biopsychosocial-spiritual assessment summary: {self.case.title}",
            f"Who: {self.case.population.description}. Setting: {self.case.setting.replace('-', ' ')}.",
            "",
        ]
        for d in DOMAINS:
            lines.append(f"{d.capitalize()}:")
            facts = [(self.case.fact(fid), p) for fid, p in self.placements.items() if p.domain == d]
            lines += [f"  - {f.text}" + (f" (source: {p.source})" if p.source else "") for f, p in facts]
            if not facts:
                lines.append("  - Not yet assessed; explore in the next meeting.")
        strengths = self.strengths or list(self.case.strengths)
        lines += ["", "Strengths:"] + [f"  - {s}" for s in strengths]
        missing = self.completeness().missing
        if missing:
            lines += ["", f"Still to explore: {len(missing)} fact(s) from the case are not yet in the record."]
        return "\n".join(lines)


def _fact_feedback(fact: Fact, placed: Placement) -> FactFeedback:
    domain_ok = placed.domain == fact.domain
    source_ok = None if placed.source is None else placed.source == fact.source
    if domain_ok and source_ok is not False:
        head = "Right" + ("" if source_ok else " domain; now mark where the information came from")
    elif domain_ok:
        head = f"Right domain, but the source is {fact.source}, not {placed.source}"
    elif source_ok:
        head = f"Right source, but the key files this under {fact.domain}, not {placed.domain}"
    else:
        head = (
            f"The key files this under {fact.domain}"
            + (f" from {fact.source}" if placed.source else "")
            + f", not {placed.domain}"
        )
    return FactFeedback(fact.id, domain_ok, source_ok, f"{head}. {fact.why}")


# --- ecomap -------------------------------------------------------------------------------

CONNECTIONS: tuple[str, ...] = get_args(Connection)
FLOWS: tuple[str, ...] = get_args(Flow)
SYSTEM_KINDS: tuple[str, ...] = get_args(SystemKind)
NOTATION = {
    "strong": "solid line: a strong, supportive connection",
    "tenuous": "dashed line: a tenuous or weak connection",
    "stressful": "line crossed with hatch marks: a stressful or conflicted connection",
}
FLOW_WORDS = {
    "to-client": "energy or resources flow toward the person",
    "from-client": "energy or resources flow from the person to this system",
    "both": "energy or resources flow both ways",
    "none": "little flows either way",
}


@dataclass(frozen=True)
class Link:
    system: str
    kind: str
    connection: str
    flow: str
    note: str | None = None


@dataclass
class Ecomap:
    """A person or family at the center and the systems around them."""

    centre: str
    links: list[Link] = field(default_factory=list)

    @classmethod
    def from_spec(cls, spec: EcomapSpec) -> Ecomap:
        return cls(spec.centre, [Link(x.system, x.kind, x.connection, x.flow, x.note) for x in spec.links])

    def add(
        self, system: str, kind: str = "other", connection: str = "strong", flow: str = "both", note: str | None = None
    ) -> Link:
        """Add a system, or raise ValidationError naming the field that is wrong."""
        name = system.strip() if isinstance(system, str) else ""
        if not name:
            raise ValidationError("give the system a name, such as 'Grandmother' or 'Food bank'", field="system")
        if len(name) > 40:
            raise ValidationError("keep the name under 40 characters so it fits on the map", field="system")
        if any(link.system.lower() == name.lower() for link in self.links):
            raise ValidationError(f"'{name}' is already on the map; change its connection instead", field="system")
        if len(self.links) >= 12:
            raise ValidationError("an ecomap stays readable with up to 12 systems", field="system")
        link = Link(
            name,
            _require(kind, SYSTEM_KINDS, "kind of system", "kind"),
            _require(connection, CONNECTIONS, "connection type", "connection"),
            _require(flow, FLOWS, "direction of flow", "flow"),
            note,
        )
        self.links.append(link)
        return link

    def remove(self, system: str) -> None:
        before = len(self.links)
        self.links = [link for link in self.links if link.system.lower() != system.strip().lower()]
        if len(self.links) == before:
            raise ValidationError(f"'{system}' is not on the map", field="system")

    def describe(self) -> list[str]:
        """One sentence per connection, for screen readers and for a written note."""
        return [
            f"{link.system} ({link.kind.replace('-', ' ')}): {link.connection} connection; {FLOW_WORDS[link.flow]}."
            for link in self.links
        ]


# --- ROPES ----------------------------------------------------------------------------------

ROPES = ("resources", "options", "possibilities", "exceptions", "solutions")
ROPES_PRACTICE_SET = "ropes"  # datasets/practice/ropes.yaml, practised with the one choice engine


# --- SAFE-T triage ----------------------------------------------------------------------------

SAFETY_NOTE = (
    "This is a training simulation with fictional people. In real practice, follow your "
    "agency's protocol and talk with your supervisor. Nothing here predicts risk. In the US, "
    "anyone can call or text 988, the Suicide & Crisis Lifeline, at any hour."
)
SAFE_T_STEPS = (
    "Identify risk factors",
    "Identify protective factors",
    "Ask about suicidal thoughts, plans, behavior and intent",
    "Decide the risk level and the matching intervention",
    "Document",
)
RISK_LEVELS: tuple[str, ...] = get_args(RiskLevel)
LEVEL_GUIDE = {
    "low": "Thoughts of death without a plan, intent or behavior, with modifiable risk factors and "
    "strong protective factors: outpatient referral, symptom reduction, a safety plan and "
    "crisis numbers such as 988.",
    "moderate": "Several risk factors and few protective factors, or ideation with a plan but no "
    "intent or behavior: a safety plan, crisis numbers, and a decision with your supervisor "
    "about a higher level of care.",
    "high": "A potentially lethal attempt, or persistent ideation with strong intent or rehearsal, or "
    "severe symptoms or an acute crisis that protective factors do not offset: do not leave "
    "the person alone, and arrange an emergency evaluation under your agency's protocol.",
}
NOTE_FIELDS = {
    "risk_factors": "SAFE-T step 5 asks you to record the risk factors you found, so the next "
    "person can see what raised concern.",
    "protective_factors": "Protective factors belong in the note because they shape the level and the "
    "plan, and they are what the person can lean on.",
    "inquiry": "Record what you asked and what the person said about thoughts, plans, behavior and "
    "intent, in their words where you can.",
    "level_and_rationale": "State the risk level and why, so the judgment can be reviewed; a level "
    "without reasons cannot be checked.",
    "plan": "Record the intervention: safety plan, means counseling, crisis numbers, referrals, and "
    "the supervisor you consulted.",
    "follow_up": "Say when and how you will follow up; an unscheduled follow-up is easy to lose.",
}
MIN_NOTE_WORDS = 5
_PLAN_WORDS = re.compile(
    r"safety plan|means|988|crisis|emergency|evaluation|hospital|referr|not (be )?left alone|"
    r"remov|secur|lock|appointment|follow",
    re.IGNORECASE,
)
_CONSULTED = re.compile(
    r"\b(consult\w*|supervisor|supervision|psychiatrist|clinical director|medical director|"
    r"team lead\w*|discussed (it )?with|reviewed (it )?with)\b",
    re.IGNORECASE,
)
_LEVEL = re.compile(r"\b(low|moderate|high)\b", re.IGNORECASE)
_COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "asks",
        "because",
        "been",
        "before",
        "being",
        "came",
        "come",
        "could",
        "does",
        "each",
        "every",
        "first",
        "from",
        "goes",
        "have",
        "having",
        "into",
        "just",
        "keeps",
        "late",
        "make",
        "more",
        "most",
        "only",
        "other",
        "over",
        "reports",
        "said",
        "says",
        "shows",
        "social",
        "some",
        "still",
        "takes",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "time",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "worker",
        "would",
        "your",
    ]
)


def _key_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _COMMON}


def _names_a_protective_factor(case: Vignette, written: str) -> bool:
    """Some word that marks one of this case's protective facts (and none of its other facts)."""
    others = set().union(*(_key_words(f.text) for f in case.facts if f.factor != "protective"))
    protective = [_key_words(f.text) - others for f in case.facts if f.factor == "protective"]
    return any(words & _key_words(written) for words in protective) if protective else True


def _protective_example(case: Vignette) -> str:
    first = next((f.text for f in case.facts if f.factor == "protective"), "")
    return (
        "Name the protective factors you found in this case"
        + (f", such as: {first}" if first else "")
        + ". They shape the level and the plan."
    )


# What SAFE-T asks a note to hold: the fields it is looked for in, the rule that finds it, and why it matters.
NOTE_ELEMENTS: dict[str, tuple[tuple[str, ...], Callable[[Vignette, str], bool], str | Callable[[Vignette], str]]] = {
    "risk level": (
        ("level_and_rationale",),
        lambda case, text: bool(_LEVEL.search(text)),
        "State the risk level in words (low, moderate or high), then the reasons for it.",
    ),
    "protective factors": (("protective_factors",), _names_a_protective_factor, _protective_example),
    "plan": (
        ("plan",),
        lambda case, text: bool(_PLAN_WORDS.search(text)),
        "Say what you did: the safety plan, means counseling, crisis numbers such as 988, an emergency "
        "evaluation or a referral.",
    ),
    "who was consulted": (
        ("level_and_rationale", "plan"),
        lambda case, text: bool(_CONSULTED.search(text)),
        "Name who you consulted, such as your supervisor: SAFE-T decisions are not made alone.",
    ),
}


def triage_cases(cases: list[Vignette]) -> list[Vignette]:
    return [c for c in cases if c.triage is not None]


@dataclass(frozen=True)
class FactorFeedback:
    fact_id: str
    chosen: str  # risk, protective or neither (not selected)
    key: str
    correct: bool
    message: str


def judge_factors(
    case: Vignette,
    risk: list[str] | tuple[str, ...],
    protective: list[str] | tuple[str, ...],
    neither: list[str] | tuple[str, ...] | None = None,
) -> list[FactorFeedback]:
    """SAFE-T steps 1 and 2: feedback on every fact, whether it was selected or not.

    With ``neither`` given, a fact in none of the three lists has not been sorted yet and is not
    counted as right, even where the key says neither: leaving a sort untouched earns nothing."""
    both = set(risk) & set(protective) | (set(risk) | set(protective)) & set(neither or ())
    if both:
        raise ValidationError(f"'{sorted(both)[0]}' is sorted twice; put each fact in one group", field="factors")
    for fid in [*risk, *protective, *(neither or ())]:
        case.fact(fid)
    out = []
    for fact in case.facts:
        chosen = (
            "risk"
            if fact.id in risk
            else "protective"
            if fact.id in protective
            else "neither"
            if neither is None or fact.id in neither
            else "unsorted"
        )
        correct = chosen == fact.factor
        if chosen == "unsorted":
            out.append(
                FactorFeedback(
                    fact.id,
                    chosen,
                    fact.factor,
                    False,
                    "Not sorted yet: mark it as a risk factor, a protective factor or neither.",
                )
            )
            continue
        if correct:
            head = {
                "risk": "Yes, a risk factor",
                "protective": "Yes, a protective factor",
                "neither": "Right to leave this out",
            }[chosen]
        elif fact.factor == "neither":
            head = f"Not a {chosen} factor in the key"
        else:
            head = (
                f"Missed: this is a {fact.factor} factor"
                if chosen == "neither"
                else f"This is a {fact.factor} factor, not a {chosen} factor"
            )
        out.append(FactorFeedback(fact.id, chosen, fact.factor, correct, f"{head}. {fact.why}"))
    return out


def factor_score(results: list[FactorFeedback]) -> tuple[int, str]:
    """Facts sorted as in the key, and a line saying so; an untouched sort scores 0 and says to sort first."""
    unsorted = sum(r.chosen == "unsorted" for r in results)
    if unsorted == len(results):
        return (
            0,
            f"Sort the facts first: mark each one as a risk factor, a protective factor or neither (0 of "
            f"{len(results)}).",
        )
    right = sum(r.correct for r in results)
    return right, f"{right} of {len(results)} facts marked as in the key." + (
        f" {unsorted} not sorted yet." if unsorted else ""
    )


def judge_level(case: Vignette, level: str) -> tuple[bool, str]:
    """SAFE-T step 4: compare the student's level with the case author's, and give the reasons."""
    level = _require(level, RISK_LEVELS, "risk level", "level")
    key = _triage(case).level
    head = f"Matches the key: {key}." if level == key else f"The key judges this {key}, not {level}."
    return level == key, f"{head} {_triage(case).level_rationale} ({LEVEL_GUIDE[key]})"


def judge_action(case: Vignette, choice: str) -> Feedback:
    """SAFE-T step 4: the next action, judged by the one choice-practice engine."""
    item: ChoiceItem = _triage(case).next_action.as_item()
    return judge(item, item.options, choice)


@dataclass(frozen=True)
class NoteCheck:
    missing: tuple[str, ...]  # field names
    reasons: tuple[str, ...]  # why each missing field matters
    text: str  # the formatted note

    @property
    def complete(self) -> bool:
        return not self.missing


def check_note(case: Vignette, **fields: str) -> NoteCheck:
    """SAFE-T step 5: every part of the note is written, and it holds the elements SAFE-T asks for
    (NOTE_ELEMENTS: the risk level, this case's protective factors, the plan, who was consulted)."""
    unknown = sorted(set(fields) - set(NOTE_FIELDS))
    if unknown:
        raise ValidationError(
            f"'{unknown[0]}' is not part of the note; the parts are {', '.join(NOTE_FIELDS)}", field=unknown[0]
        )
    text_of = {name: str(fields.get(name) or "").strip() for name in NOTE_FIELDS}
    short = [name for name in NOTE_FIELDS if len(text_of[name].split()) < MIN_NOTE_WORDS]
    missing, reasons = list(short), [NOTE_FIELDS[name] for name in short]
    for element, (where, found, why) in NOTE_ELEMENTS.items():
        if not set(where) & set(short) and not found(case, " ".join(text_of[name] for name in where)):
            missing.append(element)
            reasons.append(why if isinstance(why, str) else why(case))
    titles = {name: name.replace("_", " ").capitalize() for name in NOTE_FIELDS}
    text = "\n".join(
        [f"Suicide risk assessment note (training simulation): {case.title}", ""]
        + [f"{titles[n]}: {text_of[n] or '[missing]'}" for n in NOTE_FIELDS]
    )
    return NoteCheck(tuple(missing), tuple(reasons), text)


def _triage(case: Vignette):
    if case.triage is None:
        raise ValidationError(f"case '{case.id}' has no triage key", field="triage")
    return case.triage


# --- mswlab check ---------------------------------------------------------------------------


def check_ropes(ctx: Context, report: Report) -> None:
    """The ROPES sorter's practice set offers the ROPES categories, in order."""
    ropes = ctx.content.files.get(f"practice/{ROPES_PRACTICE_SET}.yaml")
    report.counts["ropes_statements"] = len(ropes.items) if ropes else 0
    if ropes and tuple(o.key for o in ropes.options) != ROPES:
        report.problems.append(
            f"datasets/practice/{ROPES_PRACTICE_SET}.yaml: field 'options': "
            f"should be the ROPES categories in order: {', '.join(ROPES)}"
        )


CHECKS = [check_ropes]
