"""Ethical decision-making practice: the Ethical Principles Screen on dilemmas, and Reamer's steps.

A dilemma names the principles of the Screen that are in conflict. The student puts them
in the order the Screen weighs them and chooses an action; the order is judged against the
Screen's ranks (Dolgoff, Harrington & Loewenberg, 2012), the action by the one practice
engine. The Reamer worksheet turns a student's answers to Reamer's (2018) seven steps into
a decision record, and says in words which part is missing rather than failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mswlab import clock
from mswlab.content import dilemmas as load_dilemmas
from mswlab.content import ethics_frameworks
from mswlab.content.checks import Context, Report, count_entries
from mswlab.content.ethics import Dilemma, DilemmaFile, EthicsFrameworks
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, Feedback


def screen_order(principles: tuple[str, ...] | list[str], frameworks: EthicsFrameworks | None = None) -> list[str]:
    """The principles in the order the Screen weighs them (highest priority first)."""
    frameworks = frameworks or ethics_frameworks()
    return sorted(principles, key=lambda p: frameworks.principle(p).rank)


@dataclass(frozen=True)
class RankingFeedback:
    correct: bool
    expected: list[str]
    message: str


def judge_ranking(dilemma: Dilemma, ranking: list[str]) -> RankingFeedback:
    """Judge a student's order of the dilemma's principles against the Screen.

    Raises ValidationError (with a plain message) unless ``ranking`` uses each of the
    dilemma's principles exactly once.
    """
    frameworks = ethics_frameworks()
    if sorted(ranking) != sorted(dilemma.principles):
        names = ", ".join(frameworks.principle(p).name for p in dilemma.principles)
        raise ValidationError(f"Put each principle in conflict in exactly one place: {names}.", field="ranking")
    expected = screen_order(dilemma.principles, frameworks)
    correct = list(ranking) == expected
    order = " above ".join(f"{frameworks.principle(p).name.lower()} ({frameworks.principle(p).rank})" for p in expected)
    head = f"Correct: the Screen puts {order}." if correct else f"Not quite. The Screen puts {order}."
    notes = " ".join(dilemma.principle_notes[p] for p in expected)
    return RankingFeedback(correct, expected, f"{head} {notes}")


@dataclass
class DilemmaResult:
    dilemma: Dilemma
    ranking: RankingFeedback
    action: Feedback


class DilemmaSession:
    """A run through dilemmas on the one practice loop: rank the principles and choose an action for
    each, then move on. The loop judges and scores the action; the ranking is judged beside it."""

    def __init__(self, dilemma_ids: list[str] | None = None) -> None:
        every = {d.id: d for d in load_dilemmas()}
        unknown = [i for i in dilemma_ids or [] if i not in every]
        if unknown:
            raise ValidationError(
                f"there is no dilemma '{unknown[0]}' in datasets/ethics/dilemmas.yaml", field="dilemma"
            )
        self.dilemmas = [every[i] for i in dilemma_ids] if dilemma_ids else list(every.values())
        self.run = ChoiceRun([d.as_item() for d in self.dilemmas])
        self.results: dict[str, DilemmaResult] = {}

    @property
    def position(self) -> int:
        return self.run.position

    @property
    def current(self) -> Dilemma:
        return self.dilemmas[self.run.position]

    def answer(self, ranking: list[str], action: str) -> DilemmaResult:
        """Judge the current dilemma; the first answer to each dilemma is the one scored."""
        dilemma = self.current
        result = DilemmaResult(dilemma, judge_ranking(dilemma, ranking), self.run.answer(action))
        self.results.setdefault(dilemma.id, result)
        return result

    def advance(self) -> bool:
        return self.run.advance()

    @property
    def score(self) -> tuple[int, int, int]:
        """(orders right, actions right, dilemmas answered)."""
        results = self.results.values()
        return (sum(r.ranking.correct for r in results), sum(r.action.correct for r in results), len(self.results))


# --- Reamer's steps -----------------------------------------------------------------------

MIN_WORDS = 3  # an answer shorter than this is a placeholder, not a step worked through


@dataclass
class ReamerAnswers:
    """What a student writes for each of Reamer's steps (options: up to three courses of action)."""

    issues: str = ""
    principles: list[str] = field(default_factory=list)  # Screen principle ids the student sees in conflict
    affected: str = ""
    options: list[str] = field(default_factory=list)
    reasons_for: list[str] = field(default_factory=list)  # one per option
    reasons_against: list[str] = field(default_factory=list)
    consultation: str = ""
    decision: int | None = None  # index into options
    decision_reason: str = ""
    monitoring: str = ""


@dataclass(frozen=True)
class DecisionRecord:
    """A structured record of an ethical decision, in the order of Reamer's steps."""

    made_on: dt.date
    dilemma: str | None
    issues: str
    principles_by_screen: tuple[str, ...]
    affected: str
    options: tuple[dict[str, str], ...]  # {"option", "for", "against"}
    consultation: str
    decision: str
    decision_reason: str
    monitoring: str

    def as_markdown(self) -> str:
        options = "\n".join(
            f"{i}. {o['option']} *For:* {o['for']} *Against:* {o['against']}"
            for i, o in enumerate(self.options, start=1)
        )
        parts = [
            f"### Ethical decision record ({self.made_on.isoformat()})",
            f"**Dilemma:** {self.dilemma}" if self.dilemma else "",
            f"**1. Ethical issues:** {self.issues}",
            f"**Principles in conflict, in the Screen's order:** {'; '.join(self.principles_by_screen)}",
            f"**2. Who is affected:** {self.affected}",
            f"**3-4. Options, for and against:**\n\n{options}",
            f"**5. Consultation:** {self.consultation}",
            f"**6. Decision:** {self.decision} *Why:* {self.decision_reason}",
            f"**7. Monitoring and evaluation:** {self.monitoring}",
        ]
        return "\n\n".join(p for p in parts if p)


def _words(text: str) -> int:
    return len(text.split())


def reamer_problems(answers: ReamerAnswers) -> dict[str, str]:
    """Field name -> what is missing, in plain words (empty when the worksheet is complete)."""
    problems: dict[str, str] = {}
    short = f"Write at least {MIN_WORDS} words."
    for name, what in (
        ("issues", "the ethical issues and the duties that conflict"),
        ("affected", "who is affected"),
        ("consultation", "whom you consulted and what they said"),
        ("monitoring", "how you will follow up and evaluate the decision"),
    ):
        if _words(getattr(answers, name)) < MIN_WORDS:
            problems[name] = f"Say {what}. {short}"
    if len(answers.principles) < 2:
        problems["principles"] = "Choose at least two principles of the Screen that pull against each other."
    options = [o.strip() for o in answers.options]
    if sum(bool(o) for o in options) < 2:
        problems["options"] = "List at least two realistic courses of action."
    for i, option in enumerate(options):
        if not option:
            continue
        for side, texts in (("for", answers.reasons_for), ("against", answers.reasons_against)):
            text = texts[i] if i < len(texts) else ""
            if _words(text) < MIN_WORDS:
                problems[f"reasons_{side}[{i}]"] = f"Give the reasons {side} option {i + 1}. {short}"
    if answers.decision is None or not 0 <= answers.decision < len(options) or not options[answers.decision]:
        problems["decision"] = "Choose the option you decide on (one of those you listed)."
    if _words(answers.decision_reason) < MIN_WORDS:
        problems["decision_reason"] = f"Say why you chose it. {short}"
    return problems


def decision_record(answers: ReamerAnswers, *, dilemma: Dilemma | None = None) -> DecisionRecord:
    """Build the record, or raise ValidationError naming the first missing part."""
    problems = reamer_problems(answers)
    if problems:
        name, message = next(iter(problems.items()))
        raise ValidationError(message, field=name)
    frameworks = ethics_frameworks()
    assert answers.decision is not None  # reamer_problems names a missing decision
    kept = [
        (o.strip(), answers.reasons_for[i].strip(), answers.reasons_against[i].strip())
        for i, o in enumerate(answers.options)
        if o.strip()
    ]
    return DecisionRecord(
        made_on=clock.today(),
        dilemma=dilemma.title if dilemma else None,
        issues=answers.issues.strip(),
        principles_by_screen=tuple(
            f"{frameworks.principle(p).name} ({frameworks.principle(p).rank})"
            for p in screen_order(answers.principles, frameworks)
        ),
        affected=answers.affected.strip(),
        options=tuple({"option": o, "for": f, "against": a} for o, f, a in kept),
        consultation=answers.consultation.strip(),
        decision=answers.options[answers.decision].strip(),
        decision_reason=answers.decision_reason.strip(),
        monitoring=answers.monitoring.strip(),
    )


# --- mswlab check ---------------------------------------------------------------------------

MIN_DILEMMAS = 12


def check_ethics(ctx: Context, report: Report) -> None:
    """Dilemmas name real principles of the Screen and real NASW standards; the bank is big enough."""
    frameworks = next(iter(ctx.content.of_type(EthicsFrameworks).values()), None)
    dilemmas = [d for f in ctx.content.of_type(DilemmaFile).values() for d in f.dilemmas]
    shown = "datasets/ethics/dilemmas.yaml"
    count_entries(ctx, report, "dilemmas", shown, dilemmas, MIN_DILEMMAS, "dilemma", "module 04")
    if frameworks is None:
        return
    principles = {p.id for p in frameworks.screen}
    standards = frameworks.standard_titles
    for d in dilemmas:
        for i, p in enumerate(d.principles):
            if p not in principles:
                report.problems.append(
                    f"{shown}: entry '{d.id}': field 'principles[{i}]': '{p}' is not a principle "
                    "of the Screen in datasets/ethics/frameworks.yaml"
                )
        for i, number in enumerate(d.standards):
            if number not in standards:
                report.problems.append(
                    f"{shown}: entry '{d.id}': field 'standards[{i}]': '{number}' is not a "
                    "standard listed in datasets/ethics/frameworks.yaml"
                )


CHECKS = [check_ethics]
