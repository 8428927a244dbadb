"""The HTML pages' templates escape every value as element text, and a missing value is an error."""

import jinja2
import pytest
from markupsafe import Markup

from mswlab.templates import render


def test_values_are_escaped_quotes_stay_readable_and_markup_passes_through():
    page = render(
        "items.html.j2",
        title="Items <b>& more</b>",
        students=3,
        upper=1,
        lower=1,
        left_out="The student's note",
        columns=["item"],
        rows=[["<script>alert(1)</script>"], [None]],
    )
    assert "<title>Items &lt;b&gt;&amp; more&lt;/b&gt;</title>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "The student's note" in page and "<td>n/a</td>" in page
    chart = render(
        "competencies.html.j2",
        title="T",
        method="m",
        pending="",
        chart=Markup("<div id='chart'></div>"),
        groups=["all students"],
        rows=[{"head": "Competency 1: <Ethics>", "flags": []}, {"cells": ["a & b"], "overall": True}],
        notes=[],
    )
    assert "<div id='chart'></div>" in chart
    assert "Competency 1: &lt;Ethics&gt;" in chart and '<tr class="overall"><td>a &amp; b</td></tr>' in chart


def test_a_value_the_template_needs_but_was_not_given_is_an_error():
    with pytest.raises(jinja2.UndefinedError):
        render("items.html.j2", title="T")
