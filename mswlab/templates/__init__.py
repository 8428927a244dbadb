"""HTML pages the engine writes (instructors' reports, printable exam forms), as jinja2 templates.

Every value is escaped as element text (``<``, ``>`` and ``&``; quotes stay readable, since no
attribute holds our text); a value that is already HTML, such as a plotly chart, is passed as ``Markup``.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def _as_text(value: Any) -> Any:
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=False))


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("mswlab", "templates"),
        autoescape=True,
        finalize=_as_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render(template: str, **values: Any) -> str:
    """The page ``mswlab/templates/<template>`` filled with ``values``."""
    return _environment().get_template(template).render(**values)
