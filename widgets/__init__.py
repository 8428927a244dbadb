"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides."""

from widgets.choice import ChoicePracticeView, practice, which_level

__all__ = ["ChoicePracticeView", "practice", "which_level"]
