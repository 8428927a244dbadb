"""Decision practice follows a case's branches and compares the path taken with the recommended one."""

from __future__ import annotations

import pytest
import yaml

from mswlab.content import loader
from mswlab.content.base import build
from mswlab.content.vignettes import Vignette
from mswlab.decisions import CaseSession, recommended_path
from mswlab.errors import ValidationError


def option(key: str, best: bool = False) -> dict:
    return {"key": key, "text": f"Option {key}", "rationale": ("Best. " if best else "Not best. ") + "Because."}


def point(pid: str, answer: str, after: dict | None = None) -> dict:
    data = {"id": pid, "prompt": f"{pid}?", "answer": answer, "options": [option(k, k == answer) for k in "abc"]}
    if after:
        data["after"] = after
    return data


def case(points: list[dict]) -> Vignette:
    raw = yaml.safe_load((loader.datasets_dir() / "vignettes/middle-school-absences.yaml").read_text())
    raw.pop("decision_points", None)
    return build(Vignette, {**raw, "decision_points": points})


BRANCHING = [
    point("engage", "b"),
    point("recover", "a", after={"engage": ["a", "c"]}),
    point("assess", "c"),
    point("advocate", "a", after={"assess": ["c"]}),
]


def test_best_choices_follow_the_recommended_path_and_skip_recovery_branches():
    c = case(BRANCHING)
    assert [p.id for p in recommended_path(c)] == ["engage", "assess", "advocate"]
    session = CaseSession(c)
    for key in ("b", "c", "a"):
        assert session.choose(key).correct
    assert session.finished and session.score == (3, 3)
    table = session.summary()
    assert list(table["point"]) == ["engage", "assess", "advocate"] and table["on_your_path"].all()


def test_a_weaker_choice_opens_its_branch_and_the_summary_shows_both_paths():
    session = CaseSession(case(BRANCHING))
    first = session.choose("a")
    assert not first.correct and first.message.startswith("Not quite.")
    assert session.current.id == "recover"
    session.choose("a")
    session.choose("b")  # not c, so 'advocate' never appears
    assert session.finished and session.score == (1, 3)
    table = session.summary().set_index("point")
    assert table.loc["recover", "on_your_path"] and not table.loc["recover", "on_recommended_path"]
    assert table.loc["advocate", "on_recommended_path"] and not table.loc["advocate", "on_your_path"]
    assert table.loc["assess", "your_choice"] == "Option b" and table.loc["assess", "best_choice"] == "Option c"


def test_bad_choices_and_finished_cases_get_plain_errors():
    session = CaseSession(case(BRANCHING[:1]))
    with pytest.raises(ValidationError, match="'z' is not one of the choices"):
        session.choose("z")
    session.choose("b")
    with pytest.raises(ValidationError, match="this case is finished"):
        session.choose("a")
    with pytest.raises(ValidationError, match="has no decision points"):
        CaseSession(case([]))
