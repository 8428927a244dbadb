"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides."""

from widgets.assessment import (BPSSBuilderView, EcomapBuilderView, RiskTriageView, bpss_builder,
                                ecomap_builder, risk_triage)
from widgets.choice import ChoicePracticeView, practice, ropes_sorter, which_level
from widgets.exam import (ExamPracticeView, MockExamView, ProgressDashboard, ReviewView, exam_practice, mock_exam,
                          progress_dashboard, review)
from widgets.instruments import (InstrumentCalculatorView, InstrumentPracticeView, instrument_calculator,
                                 instrument_practice)
from widgets.vignettes import DecisionPracticeView, VignetteExplorer, decision_practice, vignette_explorer

__all__ = ["BPSSBuilderView", "ChoicePracticeView", "DecisionPracticeView", "EcomapBuilderView",
           "ExamPracticeView", "InstrumentCalculatorView", "InstrumentPracticeView", "MockExamView",
           "ProgressDashboard", "ReviewView", "RiskTriageView", "VignetteExplorer", "bpss_builder",
           "decision_practice", "ecomap_builder", "exam_practice", "instrument_calculator", "instrument_practice",
           "mock_exam", "practice", "progress_dashboard", "review", "risk_triage", "ropes_sorter",
           "vignette_explorer", "which_level"]
