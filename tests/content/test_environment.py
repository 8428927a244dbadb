"""pyproject.toml and environment.yml must name the same packages with the same bounds."""

import re
import tomllib

import yaml

from tests.conftest import ROOT


def _normal(spec: str) -> tuple[str, str]:
    name, bounds = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
    bounds = bounds.replace(" ", "")
    bounds = re.sub(r"^=(?=[^=])", "==", bounds)  # conda's single '=' pin means '=='
    return name.lower().replace("_", "-"), ",".join(sorted(bounds.split(","))) if bounds else ""


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not re.match(r"(python|pip)\b(?!-)", d)]
    assert dict(map(_normal, conda)) == dict(map(_normal, wanted))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and re.match(r"python\b(?!-)", d))
    assert python.replace("python", "") == project["requires-python"]
    assert {"pip": ["-e ."]} in env["dependencies"]


def test_drift_would_be_caught():
    assert _normal("nbgrader=0.9.6") == _normal("nbgrader==0.9.6")
    assert _normal("jupyterlab>=4.4,<5") != _normal("jupyterlab>=4.3,<5")
