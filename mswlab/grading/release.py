"""``EmbedTaskViews``: a ``generate_assignment`` step that puts every variant's student view into the
released notebook.

A form cell in the instructor's notebook names its part (``task_form("01_levels_of_practice",
"levels_answers")``) and reads the pools when it runs. In the released notebook the same call also
carries what students see of every variant (no keys: ``mswlab.tasks.student_views``), so variants
kept in a private pool folder show on any student's machine without that folder. The cell is
locked by nbgrader, and its source is folded in JupyterLab, so students see the form, not the data.
"""

from __future__ import annotations

import pprint
import re

from nbgrader.preprocessors import NbGraderPreprocessor

from mswlab import tasks

FORM_CALL = re.compile(r'^(?P<head>\s*task_form\(\s*"(?P<assignment>[^"]+)",\s*"(?P<part>[^"]+)")\s*\)\s*$', re.M)


class EmbedTaskViews(NbGraderPreprocessor):
    """Add ``views=[...]`` to each form call, from the pools the instructor has (public and private)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        match = FORM_CALL.search(cell.source)
        if match:
            views = tasks.student_views(match["assignment"], match["part"])
            call = f"{match['head']}, views={pprint.pformat(views, width=110, sort_dicts=False)})"
            cell.source = cell.source[: match.start()] + call + cell.source[match.end() :]
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        return cell, resources
