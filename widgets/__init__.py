"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides."""

from widgets.assessment import (BPSSBuilderView, EcomapBuilderView, RiskTriageView, bpss_builder,
                                ecomap_builder, risk_triage)
from widgets.careers import CareerExplorer, SkillsInventoryView, career_explorer, skills_inventory
from widgets.casework import (ProgressNotePracticeView, ReferralPlannerView, progress_note_practice,
                              referral_planner)
from widgets.choice import (ChoicePracticeView, change_talk_practice, distortion_practice, practice, ropes_sorter,
                            trauma_informed_matcher, which_level)
from widgets.ethics import DilemmaPracticeView, ReamerWorksheetView, dilemma_practice, reamer_worksheet
from widgets.exam import (ExamPracticeView, MockExamView, ProgressDashboard, ReviewView, exam_practice, mock_exam,
                          progress_dashboard, review)
from widgets.gas import GasBuilderView, gas_builder
from widgets.instruments import (InstrumentCalculatorView, InstrumentPracticeView, instrument_calculator,
                                 instrument_practice)
from widgets.licensure import HoursLogView, LicensePlannerView, hours_log, license_planner
from widgets.planning import SmartPracticeView, TreatmentPlanBuilderView, smart_practice, treatment_plan_builder
from widgets.relationship import DisclosurePracticeView, ScalingTrackerView, disclosure_practice, scaling_tracker
from widgets.session_feedback import SessionFeedbackView, session_feedback_tracker
from widgets.ssd import SsdPlotterView, ssd_plotter
from widgets.vignettes import DecisionPracticeView, VignetteExplorer, decision_practice, vignette_explorer

__all__ = ["BPSSBuilderView", "CareerExplorer", "ChoicePracticeView", "DecisionPracticeView", "DilemmaPracticeView",
           "DisclosurePracticeView", "EcomapBuilderView", "ExamPracticeView", "GasBuilderView", "HoursLogView",
           "InstrumentCalculatorView", "InstrumentPracticeView", "LicensePlannerView", "MockExamView",
           "ProgressDashboard", "ProgressNotePracticeView", "ReamerWorksheetView", "ReferralPlannerView",
           "ReviewView", "RiskTriageView", "ScalingTrackerView", "SessionFeedbackView", "SkillsInventoryView",
           "SmartPracticeView", "SsdPlotterView", "TreatmentPlanBuilderView", "VignetteExplorer", "bpss_builder",
           "career_explorer", "change_talk_practice", "decision_practice", "dilemma_practice", "disclosure_practice",
           "distortion_practice", "ecomap_builder", "exam_practice", "gas_builder", "hours_log",
           "instrument_calculator", "instrument_practice", "license_planner", "mock_exam", "practice",
           "progress_dashboard", "progress_note_practice", "reamer_worksheet", "referral_planner", "review",
           "risk_triage", "ropes_sorter", "scaling_tracker", "session_feedback_tracker", "skills_inventory",
           "smart_practice", "ssd_plotter", "trauma_informed_matcher", "treatment_plan_builder", "vignette_explorer",
           "which_level"]
