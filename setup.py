"""Packaging hook: the wheel carries queries/, shapes/ and ontology/ as package data under
graf/resources/ (graf.resources finds them there when graf runs without the source tree).
They stay at the repository root, where users and reviewers look for them; everything else
is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCE_DIRS = ("queries", "shapes", "ontology")


class build_py_with_resources(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "graf" / "resources"
        for name in RESOURCE_DIRS:
            if (root / name).is_dir():
                shutil.copytree(root / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": build_py_with_resources})
