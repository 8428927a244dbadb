"""Assessment practice: the biopsychosocial-spiritual record, the ecomap, ROPES and SAFE-T triage.

Each model is checked against a case's key in ``datasets/vignettes/``; views only show
what these functions return. Nothing here predicts risk: a triage case's level is the
judgment its author recorded with reasons, and practice compares the student's
judgment with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from mswlab.content.models import ChoiceItem
from mswlab.content.vignettes import (Connection, Domain, EcomapSpec, Fact, Flow, RiskLevel, Source,
                                      SystemKind, Vignette)
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
        raise ValidationError(f"'{value}' is not a {what}; choose one of {', '.join(allowed)}",
                              field=field_name)
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
        return Completeness(feedback, missing, tuple(d for d in DOMAINS if d in keyed and d not in used),
                            by_domain)

    def summary_text(self) -> str:
        """A plain-text assessment summary, by domain with sources, that could go into a note."""
        lines = [f"Biopsychosocial-spiritual assessment summary: {self.case.title}",
                 f"Who: {self.case.population.description}. Setting: {self.case.setting.replace('-', ' ')}.", ""]
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
        head = f"The key files this under {fact.domain}" + (
            f" from {fact.source}" if placed.source else "") + f", not {placed.domain}"
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

    def add(self, system: str, kind: str = "other", connection: str = "strong", flow: str = "both",
            note: str | None = None) -> Link:
        """Add a system, or raise ValidationError naming the field that is wrong."""
        name = system.strip() if isinstance(system, str) else ""
        if not name:
            raise ValidationError("give the system a name, such as 'Grandmother' or 'Food bank'",
                                  field="system")
        if len(name) > 40:
            raise ValidationError("keep the name under 40 characters so it fits on the map", field="system")
        if any(link.system.lower() == name.lower() for link in self.links):
            raise ValidationError(f"'{name}' is already on the map; change its connection instead",
                                  field="system")
        if len(self.links) >= 12:
            raise ValidationError("an ecomap stays readable with up to 12 systems", field="system")
        link = Link(name, _require(kind, SYSTEM_KINDS, "kind of system", "kind"),
                    _require(connection, CONNECTIONS, "connection type", "connection"),
                    _require(flow, FLOWS, "direction of flow", "flow"), note)
        self.links.append(link)
        return link

    def remove(self, system: str) -> None:
        before = len(self.links)
        self.links = [link for link in self.links if link.system.lower() != system.strip().lower()]
        if len(self.links) == before:
            raise ValidationError(f"'{system}' is not on the map", field="system")

    def describe(self) -> list[str]:
        """One sentence per connection, for screen readers and for a written note."""
        return [f"{link.system} ({link.kind.replace('-', ' ')}): {link.connection} connection; "
                f"{FLOW_WORDS[link.flow]}." for link in self.links]


# --- ROPES ----------------------------------------------------------------------------------

ROPES = ("resources", "options", "possibilities", "exceptions", "solutions")
ROPES_PRACTICE_SET = "ropes"  # datasets/practice/ropes.yaml, practised with the one choice engine


# --- SAFE-T triage ----------------------------------------------------------------------------

SAFETY_NOTE = ("This is a training simulation with fictional people. In real practice, follow your "
               "agency's protocol and talk with your supervisor. Nothing here predicts risk. In the US, "
               "anyone can call or text 988, the Suicide & Crisis Lifeline, at any hour.")
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


def triage_cases(cases: list[Vignette]) -> list[Vignette]:
    return [c for c in cases if c.triage is not None]


@dataclass(frozen=True)
class FactorFeedback:
    fact_id: str
    chosen: str  # risk, protective or neither (not selected)
    key: str
    correct: bool
    message: str


def judge_factors(case: Vignette, risk: list[str] | tuple[str, ...],
                  protective: list[str] | tuple[str, ...]) -> list[FactorFeedback]:
    """SAFE-T steps 1 and 2: feedback on every fact, whether it was selected or not."""
    both = set(risk) & set(protective)
    if both:
        raise ValidationError(f"'{sorted(both)[0]}' is marked as both a risk and a protective factor; "
                              "choose one", field="factors")
    for fid in [*risk, *protective]:
        case.fact(fid)
    out = []
    for fact in case.facts:
        chosen = "risk" if fact.id in risk else "protective" if fact.id in protective else "neither"
        correct = chosen == fact.factor
        if correct:
            head = {"risk": "Yes, a risk factor", "protective": "Yes, a protective factor",
                    "neither": "Right to leave this out"}[chosen]
        elif fact.factor == "neither":
            head = f"Not a {chosen} factor in the key"
        else:
            head = f"Missed: this is a {fact.factor} factor" if chosen == "neither" else \
                f"This is a {fact.factor} factor, not a {chosen} factor"
        out.append(FactorFeedback(fact.id, chosen, fact.factor, correct, f"{head}. {fact.why}"))
    return out


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
    """SAFE-T step 5: every element of a documentation note is present, and a formatted note."""
    unknown = sorted(set(fields) - set(NOTE_FIELDS))
    if unknown:
        raise ValidationError(f"'{unknown[0]}' is not part of the note; the parts are "
                              f"{', '.join(NOTE_FIELDS)}", field=unknown[0])
    missing = tuple(name for name in NOTE_FIELDS
                    if len(str(fields.get(name) or "").split()) < MIN_NOTE_WORDS)
    titles = {name: name.replace("_", " ").capitalize() for name in NOTE_FIELDS}
    text = "\n".join([f"Suicide risk assessment note (training simulation): {case.title}", ""] +
                     [f"{titles[n]}: {str(fields.get(n) or '').strip() or '[missing]'}" for n in NOTE_FIELDS])
    return NoteCheck(missing, tuple(NOTE_FIELDS[m] for m in missing), text)


def _triage(case: Vignette):
    if case.triage is None:
        raise ValidationError(f"case '{case.id}' has no triage key", field="triage")
    return case.triage
