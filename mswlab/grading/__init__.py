"""Grading at class scale, through nbgrader's own extension points where it has them.

- ``autograde``: parallel, sandboxed autograding (nbgrader has no hook for this); the
  coordinator owns the gradebook, ``worker`` processes only execute notebooks.
- ``sandbox``: the bubblewrap kernel sandbox and the limits every kernel gets.
- ``limits``: a preprocessor that caps the size of each output.
- ``feedback``: a preprocessor that keeps hidden tests out of generated feedback.
- ``canvas``: an ``nbgrader export`` plugin that writes Canvas's gradebook CSV.
- ``roster``: who each student is in Canvas, read from Canvas's own gradebook export or a roster of ours.
- ``reports``: competency (accreditation) and item-analysis reports from the gradebook.

``CanvasExporter`` is importable from here so that
``nbgrader export --exporter mswlab.grading.CanvasExporter`` works.
"""

__all__ = ["CanvasExporter"]


def __getattr__(name: str):
    # Imported lazily so that ``mswlab check`` does not pay for importing nbgrader.
    if name == "CanvasExporter":
        from mswlab.grading.canvas import CanvasExporter

        return CanvasExporter
    raise AttributeError(name)
