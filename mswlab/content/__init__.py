"""Typed access to everything under ``datasets/`` and to the curriculum manifest."""

from mswlab.content.loader import (Content, competencies, content_areas, load_all, load_curriculum,
                                   practice_set, project_root)

__all__ = ["Content", "competencies", "content_areas", "load_all", "load_curriculum", "practice_set",
           "project_root"]
