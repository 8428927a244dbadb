"""The base of every content model: pydantic v2, frozen, no unknown fields, and errors in plain words.

A model's fields are its schema (exported as JSON Schema to ``datasets/schemas/`` for editors);
``@rule`` methods hold what a type cannot say. ``build`` validates data read from YAML or CSV and
rewrites pydantic's errors into one ``mswlab.errors.ValidationError`` that names the entry (the
nearest ``id`` above the failing value) and the field path, as ``mswlab check`` reports them.

Validation is strict (``true`` is not a number, ``"5"`` is not a whole number) on the data's JSON
form, so lists become tuples and dates may be written as ISO text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from mswlab.errors import ValidationError

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COMPETENCIES = range(1, 10)  # CSWE 2022 EPAS numbers its nine competencies 1 to 9


def require_kebab(value: str, field: str | None = None) -> str:
    if not KEBAB.match(value):
        raise ValidationError(
            f"'{value}' should be lower-case words joined by hyphens (for example 'school-attendance')", field=field
        )
    return value


def require_competency(number: int, field: str | None = None, verb: str = "lists") -> int:
    """A CSWE 2022 EPAS competency number, or a ValidationError saying they run 1 to 9."""
    if number not in COMPETENCIES:
        raise ValidationError(f"{verb} {number}; CSWE 2022 EPAS competencies are numbered 1 to 9", field=field)
    return number


COMPETENCY_FIELD = "metadata.mswlab.competencies"


def competency_field_problem(value: object, allowed: list[int]) -> str | None:
    """Why ``value`` is not a valid competency list for a cell (None if it is).

    Shared by mswlab check and the competency report, so that both hold a cell to the same rule.
    """
    if not isinstance(value, list) or not value:
        return f"field '{COMPETENCY_FIELD}' should be a non-empty list of CSWE competency numbers"
    for number in value:
        if not isinstance(number, int) or isinstance(number, bool) or number not in allowed:
            return f"field '{COMPETENCY_FIELD}' lists {number!r}, which is not one of {', '.join(map(str, allowed))}"
    return None


def require_unique(values: Iterable[Any], what: str, field: str | None = None) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise ValidationError(f"{what} '{value}' appears more than once", field=field)
        seen.add(value)


# A stable entry id: kebab-case, so file names, links and stored progress can use it.
Id = Annotated[str, AfterValidator(require_kebab), WithJsonSchema({"type": "string", "pattern": KEBAB.pattern})]
_COMPETENCY_SCHEMA = WithJsonSchema({"type": "integer", "minimum": COMPETENCIES[0], "maximum": COMPETENCIES[-1]})
# A CSWE competency named by a single field ("competency: 4")
CompetencyNumber = Annotated[int, AfterValidator(lambda n: require_competency(n, verb="is")), _COMPETENCY_SCHEMA]
# ... and by a list of them ("competencies: [4, 6]")
CompetencyNumbers = tuple[Annotated[int, AfterValidator(require_competency), _COMPETENCY_SCHEMA], ...]


def unique(what: str, key: Callable[[Any], Any] = lambda entry: entry.id) -> AfterValidator:
    """For ``Annotated[tuple[X, ...], unique("item id")]``: no two entries share a key."""

    def check(entries: tuple) -> tuple:
        require_unique((key(e) for e in entries), what)
        return entries

    return AfterValidator(check)


class Model(BaseModel):
    """A frozen content record that rejects unknown fields and blank text."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    # For a whole dataset file: the field holding its id-bearing entries, which stay sorted by id.
    ENTRIES: ClassVar[str | None] = None

    def __init__(self, *args: Any, **data: Any) -> None:
        """Built in code (a test, an engine default), by position or name as a dataclass would be, a
        model speaks the same plain words as ``build``."""
        data.update(zip(type(self).model_fields, args, strict=False))
        try:
            super().__init__(**data)
        except pydantic.ValidationError as err:
            raise _first_in_words(type(self), data, err) from None

    # Validating data (``build``) still goes straight to pydantic-core, as pydantic's own RootModel does.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @property
    def entries(self) -> tuple:
        return getattr(self, self.ENTRIES) if self.ENTRIES else ()

    @field_validator("*")
    @classmethod
    def _no_blank_text(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name and value == cls.model_fields[info.field_name].default:
            return value  # a default, such as an exam item's empty explanation, is not an author's blank
        for where, text in _texts(value, ""):
            if not text.strip():
                raise ValidationError("is blank; write some text here", field=where or None)
        return value


def _texts(value: Any, where: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _texts(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, _join(where, str(k)))


M = TypeVar("M", bound=Model)


def rule(check: Callable[[M], None]) -> Any:
    """A rule a type cannot say, run once every field is valid; it raises ValidationError naming the
    field (relative to the model) and, when the fault is in one of its entries, that entry."""

    def run(self: M) -> M:
        check(self)
        return self

    run.__doc__ = check.__doc__
    return model_validator(mode="after")(run)  # type: ignore[arg-type]


# --- reading data, in words ------------------------------------------------------------------


def build(model: type[M], data: Any) -> M:
    """``model`` built from data read from YAML or CSV, or a ValidationError naming entry and field."""
    plain = json.loads(json.dumps(data, default=_date_text))
    try:
        return model.model_validate_json(json.dumps(plain))
    except pydantic.ValidationError as err:
        raise _first_in_words(model, plain, err) from None


def _date_text(value: Any) -> str:
    if isinstance(value, dt.datetime):  # YAML reads "2026-11-01 09:00" as a moment; the schema wants the day
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot read {type(value).__name__}")


def _first_in_words(model: type[Model], data: Any, err: pydantic.ValidationError) -> ValidationError:
    """The first problem (an unknown field before any other), as a content author reads it."""
    problems = err.errors()
    return _in_words(model, data, next((e for e in problems if e["type"] == "extra_forbidden"), problems[0]))


def _in_words(model: type[Model], data: Any, error: Any) -> ValidationError:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    entry, path = _entry_and_path(data, loc)
    kind, value = error["type"], error.get("input")
    if kind == "value_error" and isinstance(error["ctx"]["error"], ValidationError):
        raised = error["ctx"]["error"]
        field = _join(path, raised.field) if raised.field else path
        return ValidationError(raised.message, entry=raised.entry or entry, field=field or None)
    owner, annotation = _annotation_at(model, loc)
    if kind == "missing":
        message = f"is missing; it should be {_word(annotation)}"
    elif kind == "extra_forbidden":
        known = ", ".join(owner.model_fields) if owner else ""
        message = f"is not a known field here (known fields: {known})"
    elif value is None:
        message = f"is empty; it should be {_word(annotation)}"
    elif kind in ("tuple_type", "list_type"):
        message = f"should be a list, not {_describe(value)}"
    elif kind == "model_type":
        message = f"should be a set of fields, not {_describe(value)}"
    elif kind == "dict_type":
        message = f"should be a set of named values, not {_describe(value)}"
    elif annotation is not None:
        message = f"is {_describe(value)}; it should be {_word(annotation)}"
    else:
        message = error["msg"]
    return ValidationError(message, entry=entry, field=path or None)


def _entry_and_path(data: Any, loc: tuple) -> tuple[str | None, str]:
    """The nearest id above the failing value, and the path from that entry to it."""
    entry, path, node = None, "", data
    if isinstance(found := _id_of(node), str):
        entry = found
    for part in loc:
        path = _join(path, f"[{part}]" if isinstance(part, int) else str(part))
        try:
            node = getattr(node, str(part)) if isinstance(node, BaseModel) else node[part]
        except (AttributeError, KeyError, IndexError, TypeError):
            node = None
        if isinstance(found := _id_of(node), str):
            entry, path = found, ""
    return entry, path


def _id_of(node: Any) -> Any:
    return node.get("id") if isinstance(node, dict) else getattr(node, "id", None)


def _annotation_at(model: type[Model], loc: tuple) -> tuple[type[Model] | None, Any]:
    """The model owning the last named field on the path, and the type expected at the path."""
    owner: type[Model] | None = None
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, Model):
            owner = annotation
            field = annotation.model_fields.get(str(part))
            annotation = field.annotation if field else None
        elif origin in (tuple, list):
            annotation = args[0]
        elif origin is dict:
            annotation = args[1]
        else:
            return owner, None
    return owner, _unwrap(annotation)


def _unwrap(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is Annotated:
            annotation = args[0]
        elif origin in (Union, types.UnionType) and len(inner := [a for a in args if a is not type(None)]) == 1:
            annotation = inner[0]
        else:
            return annotation


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dt.date: "a date (YYYY-MM-DD)",
}


def _word(annotation: Any) -> str:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(annotation))
    if origin in (list, tuple):
        return "a list"
    if origin is dict:
        return "a set of named values"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a set of fields"
    return _TYPE_WORDS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def _join(path: str, name: str) -> str:
    return f"{path}{name}" if name.startswith("[") else f"{path}.{name}" if path else name
