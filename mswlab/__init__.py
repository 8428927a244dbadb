"""MSW Practice Lab engine: content, rules and scoring. No widgets here (see ``widgets``)."""

from mswlab.errors import ValidationError

__all__ = ["ValidationError"]
__version__ = "0.1.0"
