"""Whether the page is open, while work is in progress: a heartbeat from the browser, and a warning
before the page is left.

A kernel cannot tell that its page was closed (Voila's own shutdown call on leaving is refused, and
a closed tab sends nothing), so the mock exam counts its time only while beats arrive. The warning
listens in the capture phase and stops the event there, so a learner who chooses to stay keeps
the kernel that Voila's own leave handler would otherwise shut down.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  const beat = () => { if (model.get("active")) model.send({ beat: 1 }); };
  const warn = (event) => {
    if (!model.get("active")) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    event.returnValue = "";
  };
  window.addEventListener("beforeunload", warn, { capture: true });
  const timer = setInterval(beat, 1000);
  beat();
  return () => {
    clearInterval(timer);
    window.removeEventListener("beforeunload", warn, { capture: true });
  };
}
export default { render };
"""


class PageGuard(anywidget.AnyWidget):
    """While ``active``: calls ``on_beat`` about once a second as long as a page shows it, and asks
    before the page is left. Inactive, it sends nothing (a kernel that hears nothing can be culled)."""

    _esm = _ESM
    active = traitlets.Bool(False).tag(sync=True)

    def __init__(self, on_beat: Callable[[], None]) -> None:
        super().__init__()
        self.on_msg(lambda _widget, content, _buffers: on_beat() if content.get("beat") else None)
