"""Licensing-exam preparation: the item bank, blueprints, form assembly, scoring, the progress
store, spaced review and timed sessions. Views in ``widgets.exam`` only show what this decides."""
