"""Every view is a working ipywidget: no method of ours hides one ipywidgets relies on.

A view that defined ``open`` (as the case explorer once did) replaced ``Widget.open``,
which creates the widget's model in the browser, so JupyterLab showed "model not found".
"""

import inspect

import ipywidgets as W
import pytest

import widgets

VIEWS = [
    getattr(widgets, name)
    for name in widgets.__all__
    if inspect.isclass(getattr(widgets, name)) and issubclass(getattr(widgets, name), W.Widget)
]
RESERVED = {name for cls in (W.Box, W.DOMWidget, W.Widget) for name in dir(cls)}


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.__name__)
def test_view_defines_nothing_that_ipywidgets_uses(view):
    ours = {
        name
        for cls in view.__mro__
        if cls.__module__.startswith("widgets.")
        for name, value in vars(cls).items()
        if inspect.isfunction(value) or isinstance(value, property)
    }
    clashes = sorted(n for n in ours & RESERVED if not n.startswith("__"))
    assert clashes == [], f"{view.__name__} hides ipywidgets' {clashes}"


def test_the_explorer_has_a_model_for_the_browser():
    explorer = widgets.vignette_explorer()
    assert explorer.comm is not None and explorer.model_id
