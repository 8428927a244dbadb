"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides."""

from widgets.assessment import (BPSSBuilderView, EcomapBuilderView, RiskTriageView, bpss_builder,
                                ecomap_builder, risk_triage)
from widgets.choice import ChoicePracticeView, practice, ropes_sorter, which_level
from widgets.instruments import (InstrumentCalculatorView, InstrumentPracticeView, instrument_calculator,
                                 instrument_practice)

__all__ = ["BPSSBuilderView", "ChoicePracticeView", "EcomapBuilderView", "InstrumentCalculatorView",
           "InstrumentPracticeView", "RiskTriageView", "bpss_builder", "ecomap_builder",
           "instrument_calculator", "instrument_practice", "practice", "risk_triage", "ropes_sorter",
           "which_level"]
