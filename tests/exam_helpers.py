"""Helpers for exam tests: items built in code and a clock the test moves."""

from __future__ import annotations

from mswlab.content.exam import ExamItem
from mswlab.content.models import Option

LEGACY_SLOT = {
    "bachelors": "assessment",
    "masters": "assessment-and-intervention-planning",
    "advanced-generalist": "intervention-across-systems",
    "clinical": "assessment-diagnosis-treatment-planning",
}


def make_item(
    item_id: str = "sample-001",
    *,
    stem: str = "A social worker meets a client. What should the social worker do FIRST?",
    options=None,
    key: str = "a",
    levels=("bachelors", "masters", "advanced-generalist", "clinical"),
    area: str = "assessment-and-planning",
) -> ExamItem:
    texts = options or ["Ask about safety", "Refer the client", "Close the case"]
    opts = tuple(
        Option(
            "abcd"[i],
            text,
            ("Best: " if "abcd"[i] == key else "Not the best answer: ")
            + f"option {i} is explained here in enough words.",
        )
        for i, text in enumerate(texts)
    )
    return ExamItem(
        id=item_id,
        stem=stem,
        options=opts,
        answer=key,
        levels=tuple(levels),
        area=area,
        legacy_areas={lv: LEGACY_SLOT[lv] for lv in levels},
        competency=7,
        cognitive="application",
        difficulty="moderate",
        module="05_bpss_assessment",
        references=("A textbook (2020)",),
    )


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
