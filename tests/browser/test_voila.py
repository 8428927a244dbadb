"""`make exam` serves the self-study exam practice with Voila: a candidate can start and answer an item,
sees saved progress drawn on first load, gets a mock exam back after a reload, and closed pages'
kernels are shut down."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from pathlib import Path

import psutil
import time_machine

from mswlab.exam import bank
from mswlab.exam.figures import DAY_MS
from mswlab.store import Answer, ProgressStore
from tests.browser.jupyterlab import answer_practice_item
from tests.conftest import ROOT, tool_env
from tests.servers import Server, free_port


def test_make_exam_serves_practice_that_answers(page, tmp_path):
    port = free_port()
    server = Server(
        ["make", "--no-print-directory", "exam", f"PORT={port}", "OPEN_BROWSER=False"],
        tmp_path / "voila.log",
        cwd=ROOT,
        env=tool_env(),
    )
    try:
        server.wait_for(f"http://127.0.0.1:{port}/api/status")  # answers without starting a kernel
        page.goto(f"http://127.0.0.1:{port}/")
        practice = page.locator(".mswlab-exam-practice")
        practice.wait_for(timeout=120_000)
        for family in ("mock-exam", "exam-review", "exam-progress"):
            page.locator(f".mswlab-{family}").wait_for(timeout=60_000)
        assert "exam_practice()" not in page.content(), "Voila should not show code"
        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        practice.get_by_role("button", name="Start practice").click()
        practice.get_by_text("Item 1 of 10").wait_for(timeout=15_000)
        feedback = answer_practice_item(page, ".mswlab-exam-practice")
        assert feedback.startswith(("Correct:", "Not quite."))
        assert "1 answered" in practice.inner_text()
        assert practice.locator(".js-plotly-plot").count() == 1
        mock = page.locator(".mswlab-mock-exam")
        mock.get_by_role("button", name="Start mock exam").click()
        timer = mock.locator("[role=timer]")
        timer.wait_for(timeout=30_000)
        first = timer.inner_text()
        assert first.startswith("Time left: 3:")
        page.wait_for_function(  # the countdown runs while nobody clicks (the widget redraws the element)
            "t => document.querySelector('.mswlab-mock-exam [role=timer]').innerText !== t", arg=first, timeout=10_000
        )
        assert mock.get_by_text("Question 1 of 122").count() == 1
    finally:
        server.stop()
    assert server.proc.returncode is not None
    assert subprocess.run(["pgrep", "-f", f"port={port}"], capture_output=True).returncode == 1, (
        "voila is still running after make exam was stopped"
    )


def seed_progress(home: Path, answers: int = 18) -> None:
    """A learner's store with practice answers spread over five days."""
    items = bank.default().items[:answers]
    for n, item in enumerate(items):
        day = dt.datetime(2026, 12, 1 + n % 5, 12, tzinfo=dt.UTC)
        with time_machine.travel(day), ProgressStore(home / "progress.sqlite") as store:
            wrong = next(o.key for o in item.options if o.key != item.answer)
            store.record_answer(Answer(item.id, item.answer if n % 3 else wrong, n % 3 != 0, 30.0, "practice"))


CHARTS = """(box) => [...box.querySelectorAll('.js-plotly-plot')].map(d => ({
    points: (d.data || []).map(t => (t.x || []).length).reduce((a, b) => a + b, 0),
    title: d.layout.title && d.layout.title.text, x: d.layout.xaxis.title && d.layout.xaxis.title.text,
    y: d.layout.yaxis.title && d.layout.yaxis.title.text, xtype: d._fullLayout.xaxis.type,
    xtick: d._fullLayout.xaxis.dtick}))"""


def kernels(server: Server) -> int:
    """Running kernels under the server; one that exits while being counted is not running."""

    def is_kernel(child: psutil.Process) -> bool:
        try:
            return "ipykernel_launcher" in " ".join(child.cmdline())
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return False

    return sum(is_kernel(child) for child in psutil.Process(server.proc.pid).children(recursive=True))


def test_the_page_draws_saved_progress_keeps_the_mock_exam_and_frees_closed_pages_kernels(page, tmp_path):
    home = tmp_path / "home"
    seed_progress(home)
    port = free_port()
    server = Server(
        [
            "make",
            "--no-print-directory",
            "exam",
            f"PORT={port}",
            "OPEN_BROWSER=False",
            "KERNEL_IDLE=4",
            "KERNEL_CHECK=2",
        ],
        tmp_path / "voila.log",
        cwd=ROOT,
        env=tool_env() | {"MSWLAB_HOME": str(home)},
    )
    left: list[str] = []
    page.on("dialog", lambda dialog: (left.append(dialog.type), dialog.accept()))
    try:
        server.wait_for(f"http://127.0.0.1:{port}/api/status")
        page.goto(f"http://127.0.0.1:{port}/")
        progress = page.locator(".mswlab-exam-progress")
        page.wait_for_function(
            "() => document.querySelectorAll('.mswlab-exam-progress .js-plotly-plot').length == 3", timeout=120_000
        )
        charts = progress.evaluate(CHARTS)
        assert all(chart["points"] > 0 and chart["title"] and chart["x"] and chart["y"] for chart in charts), charts
        assert charts[0]["xtype"] == "date" and charts[0]["xtick"] == DAY_MS  # days, not milliseconds
        assert "18 answers recorded" in progress.inner_text()

        mock = page.locator(".mswlab-mock-exam")
        mock.get_by_role("button", name="Start mock exam").click()
        mock.get_by_text("Question 1 of 122").wait_for(timeout=30_000)
        for number in (1, 2):
            mock.locator(".widget-radio-box label").first.click()
            page.wait_for_timeout(300)  # the choice reaches the kernel, which saves it
            if number == 1:
                mock.get_by_role("button", name="Next", exact=True).click()
                mock.get_by_text("Question 2 of 122").wait_for(timeout=15_000)
        page.wait_for_timeout(1000)
        page.reload()
        assert left == ["beforeunload"]  # leaving mid-exam asks first

        resume = page.get_by_role("button", name=re.compile(r"Resume your mock exam"))
        resume.wait_for(timeout=120_000)
        assert re.fullmatch(
            r"Resume your mock exam \(section 1, 2 of 61 answered, 19\d min left\)", resume.inner_text()
        ), resume.inner_text()
        assert "clock stopped when its page closed" in page.locator(".mswlab-mock-exam").inner_text()
        resume.click()
        mock.get_by_text("Question 2 of 122").wait_for(timeout=15_000)
        assert mock.locator("input[type=radio]:checked").count() == 1  # the saved answer is back
        assert mock.locator("[role=timer]").inner_text().startswith("Time left: 3:1")

        page.goto("about:blank")
        assert left == ["beforeunload", "beforeunload"]
        deadline = time.monotonic() + 60
        while kernels(server) > 1 and time.monotonic() < deadline:  # the warm kernel Voila keeps in reserve
            time.sleep(1)
        assert kernels(server) == 1, "closed pages' kernels were not shut down"
    finally:
        server.stop()
