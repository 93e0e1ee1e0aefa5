"""The examples in the loaders' and graph's docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import truyvet.graph
import truyvet.loaders

MODULES = sorted(
    info.name
    for pkg in (truyvet.loaders, truyvet.graph)
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
