"""Hypothesis profiles: `ci` (the default) runs without per-example deadlines, since
the machine is shared and timings are not what these tests check. Under mutmut (which
sets MUTANT_UNDER_TEST) a failing example is not shrunk: a kill needs no minimal
example, and shrinking would outlast mutmut's timeout."""

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.register_profile(
    "mutmut",
    settings.get_profile("ci"),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
default = "mutmut" if os.environ.get("MUTANT_UNDER_TEST") else "ci"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))

# -- the slow tests, marked here by file or node name (so that `pytest -m "not slow"` is
# a quick edit-test loop) rather than in each file ----------------------------------------------
#: Whole files: a real kernel (the notebook), a Dask cluster, the peers' suites, and the
#: command line in its own processes (the catalogue, the docs' console examples).
SLOW_FILES = frozenset(
    {
        "what_if.ipynb",
        "test_dask.py",
        "test_peer_suites.py",
        "test_cli_bad_inputs.py",
        "test_docs_cli.py",
        "test_docs.py",
        "test_docs_site.py",
    }
)
#: Single tests: subprocesses and the big property runs.
SLOW_TESTS = frozenset(
    {
        "test_status_needs_no_dataframe_library",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = item.name.split("[")[0]
        if item.path.name in SLOW_FILES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
