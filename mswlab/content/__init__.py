"""Typed access to everything under ``datasets/`` and to the curriculum manifest."""

from mswlab.content.loader import (Content, careers, competencies, dilemmas, disclosure_scenarios, ethics_frameworks,
                                   feedback_samples, gas_samples, jurisdictions, licence_paths, load_all,
                                   load_curriculum, load_dataset, occupations, practice_set, practice_settings,
                                   progress_notes, project_root, referral_plans, smart_objectives, ssd_cases,
                                   vignette, vignettes)

__all__ = ["Content", "careers", "competencies", "dilemmas", "disclosure_scenarios", "ethics_frameworks",
           "feedback_samples", "gas_samples", "jurisdictions", "licence_paths", "load_all", "load_curriculum",
           "load_dataset", "occupations", "practice_set", "practice_settings", "progress_notes", "project_root",
           "referral_plans", "smart_objectives", "ssd_cases", "vignette", "vignettes"]
