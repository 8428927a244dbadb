"""The ipywidgets views students see. Views show; the ``mswlab`` engine decides.

Each view is imported from its own module the first time it is asked for (PEP 562), so a notebook
that uses two views does not wait for the other modules' data and libraries to load.
"""

import importlib

# module -> the views and helpers it provides
_PROVIDES = {
    "assessment": (
        "BPSSBuilderView",
        "EcomapBuilderView",
        "RiskTriageView",
        "bpss_builder",
        "ecomap_builder",
        "risk_triage",
    ),
    "careers": ("CareerExplorer", "SkillsInventoryView", "career_explorer", "skills_inventory"),
    "casework": ("ProgressNotePracticeView", "ReferralPlannerView", "progress_note_practice", "referral_planner"),
    "choice": (
        "ChoicePracticeView",
        "change_talk_practice",
        "distortion_practice",
        "practice",
        "ropes_sorter",
        "trauma_informed_matcher",
        "which_level",
    ),
    "ethics": ("DilemmaPracticeView", "ReamerWorksheetView", "dilemma_practice", "reamer_worksheet"),
    "exam": (
        "ExamPracticeView",
        "MockExamView",
        "ProgressDashboard",
        "ReviewView",
        "exam_practice",
        "mock_exam",
        "progress_dashboard",
        "review",
    ),
    "gas": ("GasBuilderView", "gas_builder"),
    "instruments": (
        "InstrumentCalculatorView",
        "InstrumentPracticeView",
        "instrument_calculator",
        "instrument_practice",
    ),
    "licensure": ("HoursLogView", "LicensePlannerView", "hours_log", "license_planner"),
    "planning": ("SmartPracticeView", "TreatmentPlanBuilderView", "smart_practice", "treatment_plan_builder"),
    "relationship": ("DisclosurePracticeView", "ScalingTrackerView", "disclosure_practice", "scaling_tracker"),
    "session_feedback": ("SessionFeedbackView", "session_feedback_tracker"),
    "ssd": ("SsdPlotterView", "ssd_plotter"),
    "vignettes": ("DecisionPracticeView", "VignetteExplorer", "decision_practice", "vignette_explorer"),
}
_HOME = {name: module for module, names in _PROVIDES.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'widgets' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"widgets.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
