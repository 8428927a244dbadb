"""Treatment planning: rules that check an objective against SMART, and a plan that exports as a table.

The rules read the words of an objective, so they catch the usual faults of written
objectives, not every fault. Each returns a verdict and a plain-language reason:

- **measurable**: it says how much or how often (a number, a frequency such as "daily",
  or a score to reach), or it is a one-off task that either happens or does not ("will
  call the clinic to book an intake");
- **time_bound**: it says by when (a date, "by discharge", "within 6 weeks", "over the
  next month", "by the fourth session");
- **one_behaviour**: it asks for one action, not two joined by "and" or a comma;
- **client_owned**: the person does it, named as the subject ("I will ...", "Maria will
  ..."), not the worker ("Worker will ...") and not done to them ("will be referred").

Known limits: a count word anywhere passes "measurable" ("feel less anxious every day"),
and a verb the list lacks can hide a second behavior. The module says so: the rules
flag wording to look at again; the worker's judgment decides.

``datasets/planning/smart_objectives.yaml`` labels each practice objective with the verdict
every rule should reach; ``mswlab check`` holds the rules to those labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from mswlab.content.checks import Context, Report, count_entries
from mswlab.content.planning import CRITERIA, DisclosureFile, SmartObjective, SmartObjectiveFile
from mswlab.errors import ValidationError

CRITERION_NAMES = {
    "measurable": "Measurable",
    "time_bound": "Time frame",
    "one_behaviour": "One behavior",
    "client_owned": "The client's own",
}

_QUANTITY = re.compile(
    r"\b\d+(\.\d+)?%?(?!\S*-)|\b(once|twice|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|half|zero|daily|weekly|nightly|monthly|every|each|no\s+more\s+than)\b",
    re.I,
)
# A one-off task is measurable by whether it happened: "will call the clinic to book an intake".
_ONE_OFF = re.compile(
    r"^\s*(call|submit|complete|apply|enroll|register|sign|schedule|book|obtain|fill\s+out|"
    r"return|visit|bring|send|open|join|meet)\b",
    re.I,
)
_INSTRUMENT = re.compile(r"\b[A-Z]{2,}-\d+\b")  # "PHQ-9" names a measure; its 9 is not a quantity
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DEADLINE = re.compile(
    r"\b(by|before|until)\s+(the\s+)?(end\s+of\s+(the\s+)?)?"
    rf"((?:{_MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?\b|\d+(?:/\d+)*|first|second|third|fourth|fifth|sixth|"
    r"eighth|tenth|\d+(?:st|nd|rd|th)|discharge|graduation|release|the\s+next|next|session|week|month|term|semester|"
    r"school\s+year|spring|summer|fall|autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"his|her|their|my|[a-z]+'s)\b(?!self|selves)"
    r"|\b(within|in|over|during)\s+(the\s+)?(next\s+|first\s+|coming\s+)?(\d+|[a-z]+)\s+(days?|weeks?|months?|"
    r"sessions?)\b"
    r"|\bfor\s+(\d+|[a-z]+)\s+(consecutive\s+)?(weeks|months)\b"
    r"|\b(through|until|till)\s+the\s+end\s+of\b"
    r"|\b(within|over|during|in|for)\s+the\s+(next|coming)\s+(\d+\s+|[a-z]+\s+)?(days?|weeks?|months?|term|"
    r"semester|sessions?)\b"
    r"|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b",
    re.I,
)
_WORKER = re.compile(
    r"\b(worker|social\s+worker|therapist|counsell?or|clinician|case\s+manager|staff|team|provider|"
    r"we|agency|school|teacher|nurse|doctor|dr|physician|psychiatrist|program)\b",
    re.I,
)
_PASSIVE = re.compile(r"\bwill\s+be\s+(\w+ed|given|taught|seen|shown|provided|referred|told|sent|helped)\b", re.I)
# Verbs students use for behaviours: two of them joined by "and", "or", "as well as" or a
# comma make two objectives in one.
_VERBS = (
    "attend|call|complete|practi[cs]e|use|walk|identify|list|apply|write|read|take|sleep|eat|reduce|"
    "increase|report|meet|contact|schedule|submit|exercise|record|name|share|ask|return|visit|spend|"
    "go|join|follow|keep|pay|save|stop|limit|drink|smoke|arrive|turn|finish|engage|tell|talk|text|"
    "check|find|look|make|prepare|pack|enroll|register|volunteer|cook|clean|study|run|do|bring|"
    "speak|state|describe|demonstrate|fill|sign|send|plan|choose|try|learn|stay|leave|spend|rate|"
    "score|log|track|journal|breathe|meditate|pray|play|read|gain|lose|obtain|get|maintain|"
    "decrease|avoid|refrain|abstain|express|greet|invite|initiate|respond|reply|wake|brush|"
    "shower|dress|feed|give|pick|drop|phone|email|improve|monitor|weigh"
)
_SECOND_VERB = re.compile(
    rf"(\band\b|\bor\b|\bas well as\b|,|;)\s+(also\s+|then\s+|will\s+)?({_VERBS})(s|es|ed)?\b", re.I
)


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    passed: bool
    message: str


def _after_will(text: str) -> str:
    match = re.search(r"\bwill\b", text, re.I)
    return text[match.end() :] if match else text


def check_measurable(text: str) -> CriterionResult:
    counted = _INSTRUMENT.sub(" ", _DEADLINE.sub(" ", text))  # a date or a deadline is not a quantity
    found = _QUANTITY.search(counted) or _ONE_OFF.search(_after_will(text))
    return CriterionResult(
        "measurable",
        bool(found),
        (
            "It says how much or how often, or names a task that either happens or does not."
            if found
            else "Say how much or how often, so progress can be counted: for example '3 times a week', "
            "'2 of 3 school days' or 'a score below 10'."
        ),
    )


def check_time_bound(text: str) -> CriterionResult:
    found = _DEADLINE.search(text)
    return CriterionResult(
        "time_bound",
        bool(found),
        (
            f"It has a time frame ('{found.group(0).strip()}')."
            if found
            else "Add a time frame: by when, or over what period, for example 'by March 15', 'within 6 weeks' or "
            "'by discharge'."
        ),
    )


def check_one_behaviour(text: str) -> CriterionResult:
    second = _SECOND_VERB.search(_after_will(text))
    return CriterionResult(
        "one_behaviour",
        second is None,
        (
            "It asks for one behavior."
            if second is None
            else f"It joins more than one behavior ('... {second.group(0).strip()} ...'). Split it into separate "
            "objectives, so each can be measured and met on its own."
        ),
    )


def check_client_owned(text: str) -> CriterionResult:
    if _PASSIVE.search(text):
        return CriterionResult(
            "client_owned",
            False,
            (
                "Something is done to the person ('will be ...'). Write what the person will do, with them as the "
                "subject: 'Ana will call ...'."
            ),
        )
    subject = re.split(r"\bwill\b", text, maxsplit=1, flags=re.I)
    if len(subject) < 2 or not subject[0].strip():
        return CriterionResult(
            "client_owned", False, ("Name who will do it, and make it the person: 'I will ...' or 'Ana will ...'.")
        )
    if _WORKER.search(subject[0]):
        return CriterionResult(
            "client_owned",
            False,
            (
                "The worker is the subject. An objective says what the person will do; the worker's tasks "
                "belong under interventions."
            ),
        )
    return CriterionResult("client_owned", True, "The person is the one who acts.")


RULES = {
    "measurable": check_measurable,
    "time_bound": check_time_bound,
    "one_behaviour": check_one_behaviour,
    "client_owned": check_client_owned,
}


def check_objective(text: str) -> list[CriterionResult]:
    """Every rule's verdict on one objective, in the order of ``CRITERIA``."""
    if not text or not text.strip():
        raise ValidationError("Write an objective first.", field="objective")
    return [RULES[c](text.strip()) for c in CRITERIA]


def is_smart(text: str) -> bool:
    return all(r.passed for r in check_objective(text))


@dataclass(frozen=True)
class Judgement:
    correct: bool  # every criterion judged as the rules judge it
    summary: str  # right or wrong in words, then why, then a better version when there is one
    criteria: list[str]  # one line per criterion: judged right or not, the rule's verdict and reason


def judge_criteria(objective: SmartObjective, said: dict[str, bool]) -> Judgement:
    """Compare a student's view of which criteria an objective meets with the rules' verdicts."""
    lines, correct = [], True
    for result in check_objective(objective.text):
        ok = said.get(result.criterion, False) == result.passed
        correct &= ok
        verdict = "meets it" if result.passed else "does not meet it"
        lines.append(
            f"{CRITERION_NAMES[result.criterion]}: {'right' if ok else 'not quite'}, it {verdict}. {result.message}"
        )
    head = "Correct: you judged every criterion." if correct else "Not quite; see each criterion."
    better = f" A better version: \u201c{objective.better}\u201d" if objective.better else ""
    return Judgement(correct, f"{head} {objective.why}{better}", lines)


# --- a treatment plan -------------------------------------------------------------------


@dataclass
class TreatmentPlan:
    """Problem, the person's goal in their words, strengths, SMART objectives, interventions, measures."""

    problem: str = ""
    goal: str = ""
    strengths: str = ""
    objectives: list[str] = field(default_factory=list)
    interventions: str = ""
    measures: str = ""

    def problems(self) -> dict[str, str]:
        """Field -> what is missing or not yet SMART (empty when the plan is complete)."""
        found = {}
        for name, what in (
            ("problem", "the problem, in a sentence"),
            ("goal", "the person's goal, in their words"),
            ("strengths", "the strengths the plan builds on"),
            ("interventions", "what you and the person will do"),
            ("measures", "how progress will be measured"),
        ):
            if not getattr(self, name).strip():
                found[name] = f"Add {what}."
        written = [o for o in self.objectives if o.strip()]
        if not written:
            found["objectives"] = "Add at least one objective."
        for i, objective in enumerate(self.objectives):
            if objective.strip():
                failed = [r for r in check_objective(objective) if not r.passed]
                if failed:
                    found[f"objectives[{i}]"] = " ".join(r.message for r in failed)
        return found

    def table(self) -> pd.DataFrame:
        """The plan as one row per objective, the form most agencies' plans take."""
        written = [o.strip() for o in self.objectives if o.strip()]
        return pd.DataFrame(
            [
                {
                    "Problem": self.problem.strip(),
                    "Goal (in the person's words)": self.goal.strip(),
                    "Objective": o,
                    "Strengths to build on": self.strengths.strip(),
                    "Interventions": self.interventions.strip(),
                    "Measures": self.measures.strip(),
                }
                for o in written
            ]
        )

    def as_markdown(self) -> str:
        """The same plan as a Markdown table, to paste into a note or an assignment."""
        table = self.table()
        header = "| " + " | ".join(table.columns) + " |"
        rule = "|" + "---|" * len(table.columns)
        rows = [
            "| " + " | ".join(str(v).replace("|", "/").replace("\n", " ") for v in row) + " |"
            for row in table.itertuples(index=False)
        ]
        return "\n".join([header, rule, *rows])


# --- mswlab check ---------------------------------------------------------------------------

# Practice sets of modules 08-10: count name, minimum, the option keys the set must offer (in order), and a
# phrase every explanation must contain.
PRACTICE_MINIMUMS = {
    "cognitive_distortions": ("distortion_thoughts", 36, None, 'A balanced thought: "'),
    "trauma_informed": (
        "tic_scenarios",
        20,
        (
            "safety",
            "trustworthiness-and-transparency",
            "peer-support",
            "collaboration-and-mutuality",
            "empowerment-voice-and-choice",
            "cultural-historical-and-gender-issues",
        ),
        None,
    ),
    "change_talk": (
        "change_talk_statements",
        40,
        ("desire", "ability", "reasons", "need", "commitment", "activation", "taking-steps", "sustain"),
        None,
    ),
}


MIN_SMART_OBJECTIVES = 20


MIN_DISCLOSURE_SCENARIOS = 12


def check_planning(ctx: Context, report: Report) -> None:
    """Modules 08-10: enough practice, and the SMART rules agree with every labeled objective."""
    shown = "datasets/planning/smart_objectives.yaml"
    objectives = [o for f in ctx.content.of_type(SmartObjectiveFile).values() for o in f.objectives]
    count_entries(ctx, report, "smart_objectives", shown, objectives, MIN_SMART_OBJECTIVES, "objective", "module 08")
    for o in objectives:
        for result in check_objective(o.text):
            if result.passed != o.expected[result.criterion]:
                report.problems.append(
                    f"{shown}: entry '{o.id}': field 'expected.{result.criterion}': says "
                    f"{o.expected[result.criterion]}, but the rule finds {result.passed} ({result.message})"
                )
        if o.better and not is_smart(o.better):
            failed = [r.criterion for r in check_objective(o.better) if not r.passed]
            report.problems.append(f"{shown}: entry '{o.id}': field 'better': fails {', '.join(failed)}")
    scenarios = [s for f in ctx.content.of_type(DisclosureFile).values() for s in f.scenarios]
    count_entries(
        ctx,
        report,
        "disclosure_scenarios",
        "datasets/relationship/self_disclosure.yaml",
        scenarios,
        MIN_DISCLOSURE_SCENARIOS,
        "scenario",
        "module 10",
    )
    for name, (count, minimum, keys, phrase) in PRACTICE_MINIMUMS.items():
        shown = f"datasets/practice/{name}.yaml"
        practice = ctx.content.files.get(f"practice/{name}.yaml")
        items = list(practice.items) if practice else []
        count_entries(ctx, report, count, shown, items, minimum, "item")
        if practice and keys and tuple(o.key for o in practice.options) != keys:
            report.problems.append(f"{shown}: field 'options': should be, in order: {', '.join(keys)}")
        report.problems.extend(
            f"{shown}: entry '{i.id}': field 'explanation': should include {phrase}..."
            for i in items
            if phrase and phrase not in i.explanation
        )


CHECKS = [check_planning]
