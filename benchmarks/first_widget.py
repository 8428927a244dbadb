"""First screen: how long a student waits for the first widget, against the stock tools, in one run.

In JupyterLab (Chromium, driven by Playwright) it opens a module, runs all cells as soon as the
kernel is ready, and times from opening the page to the first widget drawn; it does the same for a
bare notebook holding one ipywidgets button, the stock baseline. With Voila it times from asking
for the self-study page (served as ``make exam`` serves it) to its first widget, against a bare
notebook with one button served by a stock ``voila``. Each is measured ``--rounds`` times, in
alternating order, and the medians are compared, so a busy moment on the machine does not decide it.

Prints one JSON line:

  {"root": ..., "lab": {"06_...": {"median_s": ..., "ratio": ...}, ..., "bare_median_s": ...},
   "voila": {"median_s": ..., "bare_median_s": ..., "ratio": ...}}

Goal: every ``ratio`` at most 2. ``--root`` measures another checkout (a ``git worktree`` of an
older commit, sharing this venv); its own ``mswlab`` and ``widgets`` are put first on the kernels'
path, and its own ``make exam`` serves the page.

Usage: .venv/bin/python benchmarks/first_widget.py [--root PATH] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.jupyterlab import KERNEL_READY  # noqa: E402
from tests.conftest import BIN, tool_env  # noqa: E402
from tests.servers import Server, free_port, http_get, jupyterlab_command  # noqa: E402

MODULES = ("modules/06_strengths_and_screening.ipynb", "modules/14_licensing_exam_prep.ipynb")
BARE = "bare_widget.ipynb"
FIRST_WIDGET = ".jupyter-widgets:not(.widget-output)"  # a widget view drawn (not its placeholder)


def bare_notebook(folder: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import ipywidgets as W\n\nW.Button(description="Click me")')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / BARE)


def first_widget_in_lab(context, base: str, token: str, path: str) -> float:
    """Seconds from opening ``path`` to its first widget, with Run All given once the kernel is idle."""
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
        page.wait_for_function(KERNEL_READY, arg=path, timeout=180_000, polling=50)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.locator(f".jp-OutputArea-output {FIRST_WIDGET}").first.wait_for(timeout=180_000)
        return time.perf_counter() - start
    finally:
        page.close()
        shut_down_kernels(base, token)


def shut_down_kernels(base: str, token: str) -> None:
    import urllib.request

    _, body = http_get(f"{base}/api/kernels", token)
    for kernel in json.loads(body):
        request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def first_widget_in_voila(context, url: str) -> float:
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.locator(FIRST_WIDGET).first.wait_for(timeout=180_000)
        return time.perf_counter() - start
    finally:
        page.close()


def lab_server(root: Path, state: Path, env: dict) -> tuple[Server, str, str]:
    port, token = free_port(), secrets.token_hex(16)
    cmd = jupyterlab_command(root, port, token, state)
    server = Server(cmd, state / "lab.log", cwd=root, env=env)
    base = f"http://127.0.0.1:{port}"
    server.wait_for(f"{base}/api/status", token)
    return server, base, token


def median_rounds(rounds: int, measures: dict) -> dict[str, float]:
    """Run each measure ``rounds`` times, rotating the order each round; the median of each."""
    times: dict[str, list[float]] = {name: [] for name in measures}
    names = list(measures)
    for n in range(rounds):
        for name in names[n % len(names) :] + names[: n % len(names)]:
            times[name].append(measures[name]())
    return {name: round(statistics.median(values), 2) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = args.root.resolve()
    env = tool_env() | {"PYTHONPATH": str(root), "MSWLAB_HOME": tempfile.mkdtemp(prefix="mswlab-bench-home-")}
    result: dict = {"root": str(root)}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        tmp = Path(tmp)
        bare_dir = tmp / "bare"
        bare_dir.mkdir()
        bare_notebook(bare_dir)
        context = pw.chromium.launch_persistent_context(
            str(tmp / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        # JupyterLab: the modules and the bare notebook (written into the checkout for the run: the
        # server serves nothing outside its root), one server for both
        bare_notebook(root)
        try:
            server, base, token = lab_server(root, tmp, env)
            try:
                first_widget_in_lab(context, base, token, BARE)  # JupyterLab's own assets into the cache
                measures = {path: (lambda p=path: first_widget_in_lab(context, base, token, p)) for path in MODULES}
                measures["bare"] = lambda: first_widget_in_lab(context, base, token, BARE)
                medians = median_rounds(args.rounds, measures)
            finally:
                server.stop()
        finally:
            (root / BARE).unlink(missing_ok=True)
        bare = medians.pop("bare")
        result["lab"] = {Path(p).stem: {"median_s": s, "ratio": round(s / bare, 2)} for p, s in medians.items()}
        result["lab"]["bare_median_s"] = bare

        # Voila: the self-study page as make exam serves it, against a stock voila with one button
        page_port, bare_port = free_port(), free_port()
        ours = Server(
            [
                "make",
                "--no-print-directory",
                "-o",
                ".venv/.installed-base",
                "exam",
                f"PORT={page_port}",
                "OPEN_BROWSER=False",
            ],
            tmp / "voila.log",
            cwd=root,
            env=env,
        )
        stock = Server(
            [str(BIN / "voila"), str(bare_dir / BARE), f"--port={bare_port}", "--no-browser"],
            tmp / "voila-bare.log",
            cwd=bare_dir,
            env=env,
        )
        try:
            ours.wait_for(f"http://127.0.0.1:{page_port}/api/status")
            stock.wait_for(f"http://127.0.0.1:{bare_port}/api/status")
            time.sleep(20)  # the kernel make exam keeps warm has had time to start, as on a server in use
            measures = {
                "page": lambda: first_widget_in_voila(context, f"http://127.0.0.1:{page_port}/"),
                "bare": lambda: first_widget_in_voila(context, f"http://127.0.0.1:{bare_port}/"),
            }

            def settle_then(measure):
                def run():
                    seconds = measure()
                    time.sleep(15)  # a page's kernel is replaced in the pool before the next page
                    return seconds

                return run

            medians = median_rounds(args.rounds, {k: settle_then(m) for k, m in measures.items()})
        finally:
            ours.stop()
            stock.stop()
        result["voila"] = {
            "median_s": medians["page"],
            "bare_median_s": medians["bare"],
            "ratio": round(medians["page"] / medians["bare"], 2),
        }
        context.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
