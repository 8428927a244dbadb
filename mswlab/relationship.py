"""The helping relationship: self-disclosure worked through four questions, and scaling ratings over sessions.

Each of the four questions (and the verdict) is a choice with fixed options, judged by the
one practice engine against the scenario's key. The scaling log keeps a client's 1-10
ratings in session order with the exceptions they named, refusing impossible entries in
words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mswlab.content.models import ChoiceItem, Option
from mswlab.content.planning import DisclosureScenario
from mswlab.errors import ValidationError
from mswlab.practice import ChoiceRun, Feedback, judge

QUESTIONS: dict[str, tuple[str, tuple[Option, ...]]] = {
    "why": (
        "Why am I sharing this?",
        (
            Option(key="for-client", text="For the client: it serves their goals"),
            Option(key="for-me", text="For me: my own need to be understood, liked or heard"),
        ),
    ),
    "benefit": (
        "How will it benefit the client?",
        (Option(key="clear", text="A clear benefit I can name"), Option(key="unclear", text="No clear benefit")),
    ),
    "risks": (
        "What are the risks?",
        (
            Option(key="low", text="Low: brief, and the focus returns to the client"),
            Option(key="high", text="High: it could shift the focus, burden or confuse the client"),
        ),
    ),
    "colleagues": (
        "How would colleagues view it?",
        (
            Option(key="comfortable", text="They would be comfortable with it"),
            Option(key="concerned", text="They would be concerned"),
        ),
    ),
    "verdict": (
        "So, do you share it?",
        (
            Option(key="share-briefly", text="Share it briefly, then turn back to the client"),
            Option(key="do-not-share", text="Do not share it"),
        ),
    ),
}


def question_item(scenario: DisclosureScenario, key: str) -> ChoiceItem:
    """One of the questions (or the verdict) for a scenario, as the one practice engine's item."""
    question, options = QUESTIONS[key]
    return ChoiceItem(
        id=f"{scenario.id}-{key}",
        stem=question,
        answer=getattr(scenario.answers, key),
        explanation=scenario.notes[key],
        options=options,
    )


def _require_answers(answers: dict[str, str]) -> None:
    for key, (question, _) in QUESTIONS.items():
        if not answers.get(key):
            raise ValidationError(f"Answer '{question}' first.", field=key)


def judge_disclosure(scenario: DisclosureScenario, answers: dict[str, str]) -> dict[str, Feedback]:
    """Judge an answer to every question; a missing answer is a ValidationError naming the question."""
    _require_answers(answers)
    return {key: judge(question_item(scenario, key), options, answers[key]) for key, (_, options) in QUESTIONS.items()}


class DisclosureSession:
    """The self-disclosure scenarios on the one practice loop: a scenario's verdict is the run's choice (the
    first one counts), and the four questions before it are judged beside it, as a referral's time frame is.
    ``results`` keeps, per scenario, how many of the five the first check answered as the key does."""

    def __init__(self, scenarios: Iterable[DisclosureScenario]) -> None:
        self.scenarios = list(scenarios)
        self.run = ChoiceRun([question_item(s, "verdict") for s in self.scenarios])
        self.results: dict[str, int] = {}

    @property
    def scenario(self) -> DisclosureScenario:
        return self.scenarios[self.run.position]

    def check(self, answers: dict[str, str]) -> dict[str, Feedback]:
        """Judge the current scenario's answers; a missing one is a ValidationError naming its question."""
        _require_answers(answers)
        judged = {
            key: judge(question_item(self.scenario, key), options, answers[key])
            for key, (_, options) in QUESTIONS.items()
            if key != "verdict"
        }
        judged["verdict"] = self.run.answer(answers["verdict"])
        self.results.setdefault(self.scenario.id, sum(f.correct for f in judged.values()))
        return judged

    @property
    def checked(self) -> bool:
        return self.scenario.id in self.results

    def advance(self) -> bool:
        """On to the next scenario; False (and stay) after the last."""
        return self.run.advance()


# --- scaling questions ------------------------------------------------------------------

SCALE = (1, 10)


@dataclass(frozen=True)
class Rating:
    session: int
    rating: int
    exceptions: str = ""  # times the problem was smaller or absent, in the client's words


@dataclass
class ScalingLog:
    """A client's answers to "on a scale of 1 to 10 ..." across sessions."""

    question: str = "On a scale of 1 to 10, where 10 is the day after the miracle, where are you today?"
    ratings: list[Rating] = field(default_factory=list)

    @property
    def next_session(self) -> int:
        return self.ratings[-1].session + 1 if self.ratings else 1

    def add(self, rating: object, exceptions: str = "", session: object = None) -> Rating:
        """Record one session's rating; raise ValidationError with a plain message for an impossible one."""
        low, high = SCALE
        value = whole_number(rating, "rating", f"a whole number from {low} to {high}")
        if not low <= value <= high:
            raise ValidationError(f"{value} is off the scale; a rating runs from {low} to {high}.", field="rating")
        number = self.next_session if session in (None, "") else whole_number(session, "session", "a session number")
        if self.ratings and number <= self.ratings[-1].session:
            raise ValidationError(
                f"Session {number} comes before or at session {self.ratings[-1].session}, "
                "already recorded; sessions go in order.",
                field="session",
            )
        if number < 1:
            raise ValidationError("Sessions are numbered from 1.", field="session")
        entry = Rating(number, value, exceptions.strip())
        self.ratings.append(entry)
        return entry

    def remove_last(self) -> Rating | None:
        return self.ratings.pop() if self.ratings else None

    def change(self) -> int | None:
        """Points moved from the first rating to the latest (None before two ratings)."""
        return self.ratings[-1].rating - self.ratings[0].rating if len(self.ratings) > 1 else None


def whole_number(value: object, field_name: str, what: str) -> int:
    """A whole number typed into a box ("7", "7.0" or 7), or ValidationError saying to enter ``what``."""
    if isinstance(value, bool):
        raise ValidationError(f"Enter {what}.", field=field_name)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text:
        raise ValidationError(f"Enter {what}.", field=field_name)
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(
            f"'{text}' is not a number; enter {what} in digits, such as 6.", field=field_name
        ) from None
    if number != int(number):
        raise ValidationError(f"{text} is not a whole number; enter {what}.", field=field_name)
    return int(number)
