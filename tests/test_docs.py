"""The README's examples and the analysis modules' docstring examples run as written.

pytest's ``--doctest-glob``/``--doctest-modules`` only reach files under ``testpaths`` (tests/), so the
README and the package's docstrings are run here explicitly."""

from __future__ import annotations

import doctest
import importlib

import pytest

from conftest import ROOT

FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def test_readme_examples_run():
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.attempted > 10 and result.failed == 0


@pytest.mark.parametrize("module", ["panels", "scope", "codes", "models", "loaders", "lookup", "flat", "relations", "exports", "facts", "citation"])
def test_module_examples_run(module):
    result = doctest.testmod(importlib.import_module(f"eurasia_data.{module}"), optionflags=FLAGS, verbose=False)
    assert result.failed == 0
