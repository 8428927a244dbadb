"""A browser test that fails on purpose; test_failure_artifacts.py runs it to check what a failure leaves.
Not collected by the suite (its name does not start with test_)."""


def test_waits_for_what_never_comes(page):
    page.set_content("<p>nothing here</p>")
    page.evaluate("() => { for (let i = 0; i < 60; i++) console.log('line ' + i); }")
    page.wait_for_selector(".never-there", timeout=500)
