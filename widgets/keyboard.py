"""Let keyboard and screen-reader users operate a widget inside JupyterLab.

In a notebook's command mode JupyterLab binds arrow keys, Enter and Space to notebook
commands, so they never reach a radio group or button in a cell's output: a keyboard-only
student could not answer. Lumino (JupyterLab's toolkit) skips its shortcuts for events
inside an element carrying ``data-lm-suppress-shortcuts``. ipywidgets cannot set DOM
attributes from Python, so this invisible anywidget sets it on every focusable control
inside the enclosing widget (the nearest ancestor with ``host_class``); it must sit on the
control itself, because Lumino stops looking upward at the first element that matches a
shortcut's selector, and a focused control already matches ``:focus``. Outside JupyterLab
(Voila) the attribute is harmless. It also turns each ipywidgets radio box into one named
radio group, which ipywidgets does not do, and keeps a student's focus on their option
when ipywidgets rebuilds the group.
"""

from __future__ import annotations

import anywidget
import traitlets

_ESM = """
const FOCUSABLE = "input, button, select, textarea, [tabindex]";
function render({ model, el }) {
  el.style.display = "none";
  const group = "mswlab-" + Math.random().toString(36).slice(2);
  const markAll = (host) => {
    host.querySelectorAll(FOCUSABLE).forEach(
      (node) => node.setAttribute("data-lm-suppress-shortcuts", "true"));
    // ipywidgets renders radios without a shared name, so each is its own group: Tab
    // stops on every option and screen readers hear no group. Make each box one group.
    host.querySelectorAll(".widget-radio-box").forEach((box, i) => {
      box.setAttribute("role", "radiogroup");
      const label = box.parentElement.querySelector(":scope > .widget-label");
      if (label && label.textContent.trim()) box.setAttribute("aria-label", label.textContent.trim());
      box.querySelectorAll("input[type=radio]").forEach((r) => { r.name = group + "-" + i; });
    });
  };
  let tries = 0;
  const attach = () => {
    const host = el.closest("." + model.get("host_class"));
    if (!host) { if (tries++ < 600) requestAnimationFrame(attach); return; }
    markAll(host);
    // ipywidgets rebuilds a radio box's inputs on every update from the kernel, dropping
    // the focus of a student who is on an option; put it back on the same option.
    let lastRadio = null;
    host.addEventListener("focusin", (event) => {
      lastRadio = event.target.matches("input[type=radio]") ? event.target : null;
      if (lastRadio) lastRadio.box = lastRadio.closest(".widget-radio-box");
    });
    // A student who clicks or tabs away has left the option on purpose: forget it.
    host.addEventListener("focusout", (event) => {
      const left = event.target;
      setTimeout(() => { if (lastRadio === left && left.isConnected) lastRadio = null; }, 0);
    });
    const restoreFocus = () => {
      if (!lastRadio || lastRadio.isConnected) return;
      if (document.activeElement && document.activeElement !== document.body) return;
      const box = lastRadio.box;  // the box survives; only its inputs are replaced
      const radio = box && (box.querySelector(`input[value="${lastRadio.value}"]`)
                            || box.querySelector("input[type=radio]"));
      if (radio) radio.focus();
    };
    // Options and buttons are re-rendered as the student moves on: mark new ones too.
    new MutationObserver(() => { markAll(host); restoreFocus(); })
      .observe(host, { childList: true, subtree: true });
  };
  attach();
}
export default { render };
"""


class KeyboardScope(anywidget.AnyWidget):
    """Place inside a container with CSS class ``host_class`` to give it the keyboard."""

    _esm = _ESM
    host_class = traitlets.Unicode().tag(sync=True)
