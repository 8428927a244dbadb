"""Let keyboard and screen-reader users operate a widget, and everyone read it, in JupyterLab and Voila.

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

It also adds the course's stylesheet once per page: option labels wrap onto as many lines as
they need, button labels are never cut off, a focused control gets a 3 px high-contrast ring, and
plotly's mode bar (11 extra tab stops) is hidden in the views. And when a student moves on with a
control marked ``mswlab-advance``, focus goes to the new question (``mswlab-stem``) and a polite
live region reads out where they are (``mswlab-progress``, or the stem's first bold words): see
``mark_navigation``.
"""

from __future__ import annotations

import anywidget
import traitlets

STYLE = """
[class*="mswlab-"] .widget-radio-box { height: auto; }
[class*="mswlab-"] .widget-radio-box label {
  display: flex; align-items: flex-start; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  line-height: 1.35; white-space: normal; padding: 3px 0; overflow: visible; }
[class*="mswlab-"] .widget-radio-box label input {
  float: none; order: -1; flex: 0 0 auto; height: auto; line-height: normal; margin: 2px 8px 0 1px; }
[class*="mswlab-"] .jupyter-button, [class*="mswlab-"] .widget-button {
  width: max-content; max-width: 100%; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal; overflow: visible; text-overflow: clip; padding: 4px 12px; }
[class*="mswlab-"] :focus-visible, [class*="mswlab-"] .mswlab-stem:focus {
  outline: 3px solid #1a1a1a !important; outline-offset: 2px; box-shadow: 0 0 0 5px #ffffff; }
[class*="mswlab-"] .modebar-container { display: none !important; }
.mswlab-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
"""

_ESM = """
const FOCUSABLE = "input, button, select, textarea, [tabindex]";
function addStyle(css) {
  if (document.getElementById("mswlab-style")) return;
  const style = document.createElement("style");
  style.id = "mswlab-style";
  style.textContent = css;
  document.head.appendChild(style);
}
function render({ model, el }) {
  el.style.display = "none";
  addStyle(model.get("style"));
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
    // After Next (a control marked mswlab-advance), focus the new question and say where we are.
    const live = document.createElement("div");
    live.className = "mswlab-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    host.appendChild(live);
    let moving = false, lastStem = null;
    host.addEventListener("click", (event) => {
      if (event.target.closest(".mswlab-advance")) moving = true;
    }, true);
    const stemText = () => { const s = host.querySelector(".mswlab-stem"); return s ? s.textContent : null; };
    lastStem = stemText();
    const followStem = () => {
      const text = stemText();
      if (text === lastStem) return;
      lastStem = text;
      if (!moving) return;
      moving = false;
      const stem = host.querySelector(".mswlab-stem");
      stem.setAttribute("tabindex", "-1");
      stem.focus();
      // the rest of the new item (such as "2 of 28") arrives in the next few messages: say it then
      setTimeout(() => {
        const where = host.querySelector(".mswlab-progress") || stem.querySelector("b, strong, h3, h4");
        live.textContent = where ? where.textContent.trim() : "";
      }, 300);
    };
    // Options and buttons are re-rendered as the student moves on: mark new ones too.
    new MutationObserver(() => { markAll(host); restoreFocus(); followStem(); })
      .observe(host, { childList: true, subtree: true, characterData: true });
  };
  attach();
}
export default { render };
"""


class KeyboardScope(anywidget.AnyWidget):
    """Place inside a container with CSS class ``host_class`` to give it the keyboard."""

    _esm = _ESM
    host_class = traitlets.Unicode().tag(sync=True)
    style = traitlets.Unicode(STYLE).tag(sync=True)


def mark_navigation(*, stem, advance=(), progress=None) -> None:
    """Mark a view's question (``stem``), the controls that move to the next one (``advance``) and,
    when it is separate from the stem, the line saying where the student is (``progress``)."""
    stem.add_class("mswlab-stem")
    for control in advance:
        control.add_class("mswlab-advance")
    if progress is not None:
        progress.add_class("mswlab-progress")
