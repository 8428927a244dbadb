"""The one exception the engine raises for bad input, worded for people.

Views catch it and show ``str(error)`` beside the field; the CLI prints it and exits 1.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """Bad input or bad content, with where it was found.

    ``file``, ``entry`` and ``field`` are optional so that the same type serves a
    widget (only a message), a scoring call (a field) and a dataset (all three).
    """

    def __init__(
        self, message: str, *, file: str | None = None, entry: str | None = None, field: str | None = None
    ) -> None:
        self.message = message
        self.file = file
        self.entry = entry
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.entry:
            where.append(f"entry '{self.entry}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return ": ".join(where + [self.message]) if where else self.message

    def located(self, *, file: str | None = None, entry: str | None = None) -> ValidationError:
        """Return a copy that also names the file (and entry, if not already known)."""
        return ValidationError(self.message, file=file or self.file, entry=self.entry or entry, field=self.field)
