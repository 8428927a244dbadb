"""Whether the page is open: a heartbeat from the browser while it is, and a leave-page warning
while leaving would stop work in progress.

A kernel cannot tell that its page was closed (Voila's own shutdown call on leaving is refused, and
a closed tab sends nothing), so the mock exam counts its time only while beats arrive. The warning
listens in the capture phase and stops the event there, so a learner who chooses to stay keeps
the kernel that Voila's own leave handler would otherwise shut down.
"""

from __future__ import annotations

from typing import Callable

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  const beat = () => model.send({ beat: 1 });
  const warn = (event) => {
    if (!model.get("confirm_leave")) return;
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
    """Calls ``on_beat`` about once a second while a page shows it; asks before the page is left
    while ``confirm_leave`` is true."""

    _esm = _ESM
    confirm_leave = traitlets.Bool(False).tag(sync=True)

    def __init__(self, on_beat: Callable[[], None]) -> None:
        super().__init__()
        self.on_msg(lambda _widget, content, _buffers: on_beat() if content.get("beat") else None)
