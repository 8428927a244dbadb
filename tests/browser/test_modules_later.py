"""The later half of the ready modules, run in JupyterLab in Chromium exactly as test_modules.py runs the
first half; a file of its own so that pytest-xdist's --dist loadfile can give it to the other worker."""

import pytest

from tests.browser.test_modules import LATER, run_module


@pytest.mark.parametrize("module", LATER, ids=lambda m: m.id)
def test_module_runs_renders_and_responds(module, lab, page):
    run_module(module, lab, page)
