"""Session-by-session client feedback: four 0-10 ratings and the drops worth asking about.

The four areas follow Bordin's (1979) working alliance (the bond, agreement on goals,
agreement on tasks) plus an overall rating. Asking routinely, and acting on the answers,
improves outcomes, most of all for clients who are not on track (Lambert & Shimokawa,
2011). The questions are the course's own, a generic idea in the spirit of session rating
scales; they are not the licensed Session Rating Scale (Duncan et al., 2003).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mswlab.errors import ValidationError
from mswlab.relationship import whole_number


@dataclass(frozen=True)
class Area:
    label: str
    question: str  # asked at the end of a session
    scale: str  # what 0 and 10 mean
    follow_up: str  # an open question for the next session when the rating falls


AREAS: dict[str, Area] = {
    "relationship": Area(
        "Relationship",
        "How well did you feel heard, understood and respected today?",
        "0 not at all, 10 completely",
        "Last time you felt less heard than before. What did I miss, or get wrong?",
    ),
    "goals": Area(
        "Goals and topics",
        "How much did we work on what you wanted to work on?",
        "0 not at all, 10 completely",
        "Last time we seemed to drift from what matters most to you. What should we focus on?",
    ),
    "approach": Area(
        "Approach",
        "How well did the way we worked today fit you?",
        "0 not at all, 10 a very good fit",
        "Last time the way we worked seemed to fit you less well. What would you change about it?",
    ),
    "overall": Area(
        "Overall",
        "Overall, how was today's session for you?",
        "0 not helpful, 10 very helpful",
        "Last session seemed less helpful than the ones before. What would have made it more useful?",
    ),
}
SCALE = (0, 10)
DROP = 2  # a fall of this many points since the last session is worth asking about


@dataclass(frozen=True)
class SessionRatings:
    session: int
    ratings: dict[str, int]  # area -> 0..10
    note: str = ""


@dataclass(frozen=True)
class Drop:
    session: int
    area: str
    before: int
    after: int

    @property
    def message(self) -> str:
        area = AREAS[self.area]
        return (
            f"Session {self.session}: {area.label} fell from {self.before} to {self.after}. Ask about it "
            f'openly, for example: "{area.follow_up}"'
        )


@dataclass
class FeedbackLog:
    sessions: list[SessionRatings] = field(default_factory=list)

    def add(self, ratings: dict[str, object], note: str = "") -> SessionRatings:
        """Record the next session; an impossible rating raises ValidationError naming its area."""
        low, high = SCALE
        clean = {}
        for area in AREAS:
            value = whole_number(ratings.get(area, ""), area, f"a whole number from {low} to {high}")
            if not low <= value <= high:
                raise ValidationError(f"{value} is off the scale; '{area}' runs from {low} to {high}.", field=area)
            clean[area] = value
        entry = SessionRatings(len(self.sessions) + 1, clean, note.strip())
        self.sessions.append(entry)
        return entry

    def remove_last(self) -> SessionRatings | None:
        return self.sessions.pop() if self.sessions else None

    def series(self, area: str) -> list[int]:
        return [s.ratings[area] for s in self.sessions]

    def drops(self, points: int = DROP) -> list[Drop]:
        """Every area that fell by ``points`` or more from one session to the next."""
        return [
            Drop(after.session, area, before.ratings[area], after.ratings[area])
            for before, after in zip(self.sessions, self.sessions[1:])
            for area in AREAS
            if before.ratings[area] - after.ratings[area] >= points
        ]
