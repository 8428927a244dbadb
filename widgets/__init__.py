"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides."""

from widgets.assessment import (BPSSBuilderView, EcomapBuilderView, RiskTriageView, bpss_builder,
                                ecomap_builder, risk_triage)
from widgets.casework import (ProgressNotePracticeView, ReferralPlannerView, progress_note_practice,
                              referral_planner)
from widgets.choice import ChoicePracticeView, practice, ropes_sorter, which_level
from widgets.ethics import DilemmaPracticeView, ReamerWorksheetView, dilemma_practice, reamer_worksheet
from widgets.exam import (ExamPracticeView, MockExamView, ProgressDashboard, ReviewView, exam_practice, mock_exam,
                          progress_dashboard, review)
from widgets.instruments import (InstrumentCalculatorView, InstrumentPracticeView, instrument_calculator,
                                 instrument_practice)
from widgets.vignettes import DecisionPracticeView, VignetteExplorer, decision_practice, vignette_explorer

__all__ = ["BPSSBuilderView", "ChoicePracticeView", "DecisionPracticeView", "DilemmaPracticeView",
           "EcomapBuilderView", "ExamPracticeView", "InstrumentCalculatorView", "InstrumentPracticeView",
           "MockExamView", "ProgressDashboard", "ProgressNotePracticeView", "ReamerWorksheetView",
           "ReferralPlannerView", "ReviewView", "RiskTriageView", "VignetteExplorer", "bpss_builder",
           "decision_practice", "dilemma_practice", "ecomap_builder", "exam_practice", "instrument_calculator",
           "instrument_practice", "mock_exam", "practice", "progress_dashboard", "progress_note_practice",
           "reamer_worksheet", "referral_planner", "review", "risk_triage", "ropes_sorter", "vignette_explorer",
           "which_level"]
