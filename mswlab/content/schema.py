"""Build typed, frozen dataclasses from YAML data, with errors a content author can act on.

The dataclass *is* the schema: field types say what is allowed, defaults say what is
optional, and a model's ``check()`` method adds rules that types cannot express.
Every error names the entry id (the nearest ``id`` above the failing value) and the
field path, in plain words, so ``mswlab check`` can say exactly what to fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, Literal, Union

from mswlab.errors import ValidationError

_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dt.date: "a date (YYYY-MM-DD)",
}


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


def _word(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(tp))
    if origin in (list, tuple):
        return "a list"
    if origin is dict:
        return "a set of named values"
    if dataclasses.is_dataclass(tp):
        return "a set of fields"
    return _TYPE_WORDS.get(tp, getattr(tp, "__name__", str(tp)))


def build(cls: type, data: Any, *, entry: str | None = None, path: str = "") -> Any:
    """Return ``cls`` built from ``data`` or raise ValidationError naming entry and field."""
    return _convert(cls, data, entry, path)


def _convert(tp: Any, value: Any, entry: str | None, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)

    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _convert(inner[0], value, entry, path)
        raise TypeError(f"unsupported union {tp}")  # a programming error, not a content error

    if value is None:
        raise ValidationError(f"is empty; it should be {_word(tp)}", entry=entry, field=path or None)

    if origin is Literal:
        if value not in args:
            raise ValidationError(f"is {_describe(value)}; it should be {_word(tp)}", entry=entry, field=path or None)
        return value

    if origin in (list, tuple):
        if not isinstance(value, list):
            raise ValidationError(f"should be a list, not {_describe(value)}", entry=entry, field=path or None)
        item_tp = args[0]
        return tuple(_convert(item_tp, v, entry, f"{path}[{i}]") for i, v in enumerate(value))

    if origin is dict:
        if not isinstance(value, dict):
            raise ValidationError(
                f"should be a set of named values, not {_describe(value)}", entry=entry, field=path or None
            )
        # YAML reads `1:` as a number; keys typed str stay text, other key types are checked
        return {
            str(k) if args[0] is str else _convert(args[0], k, entry, path): _convert(
                args[1], v, entry, f"{path}.{k}" if path else str(k)
            )
            for k, v in value.items()
        }

    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, entry, path)

    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp is dt.date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                f"is {_describe(value)}; it should be a date (YYYY-MM-DD)", entry=entry, field=path or None
            ) from None
    if tp is dt.date and isinstance(value, dt.datetime):
        return value.date()
    if tp is int and isinstance(value, bool) or not isinstance(value, tp):
        raise ValidationError(f"is {_describe(value)}; it should be {_word(tp)}", entry=entry, field=path or None)
    if tp is str and not value.strip():
        raise ValidationError("is blank; write some text here", entry=entry, field=path or None)
    return value


def _build_dataclass(cls: type, value: Any, entry: str | None, path: str) -> Any:
    if not isinstance(value, dict):
        raise ValidationError(f"should be a set of fields, not {_describe(value)}", entry=entry, field=path or None)
    if isinstance(value.get("id"), str):
        entry, path = value["id"], ""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise ValidationError(
            f"is not a known field here (known fields: {', '.join(fields)})", entry=entry, field=_join(path, unknown[0])
        )
    kwargs = {}
    for name, f in fields.items():
        where = _join(path, name)
        if name not in value:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValidationError(f"is missing; it should be {_word(hints[name])}", entry=entry, field=where)
            continue
        kwargs[name] = _convert(hints[name], value[name], entry, where)
    obj = cls(**kwargs)
    check = getattr(obj, "check", None)
    if check is not None:
        try:
            check()
        except ValidationError as err:
            raise ValidationError(
                err.message, entry=err.entry or entry, field=_join(path, err.field) if err.field else (path or None)
            ) from None
    return obj


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
