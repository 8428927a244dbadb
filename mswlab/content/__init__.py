"""Typed access to everything under ``datasets/`` and to the curriculum manifest."""

from mswlab.content.loader import (Content, competencies, load_all, load_curriculum, load_dataset,
                                   practice_set, project_root, vignette, vignettes)

__all__ = ["Content", "competencies", "load_all", "load_curriculum", "load_dataset", "practice_set",
           "project_root", "vignette", "vignettes"]
