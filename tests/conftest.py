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
        "test_peers.py",
        "test_docs_cli.py",
        "test_docs.py",
        "test_site.py",
    }
)
#: Single tests: subprocesses and the big property runs.
SLOW_TESTS = frozenset(
    {
        "test_status_needs_no_dataframe_library",
        "test_output_piped_into_head_stops_quietly",
        "test_python_dash_m",
        "test_boundaries_match_reference",
        "test_add_and_elapsed_match_reference",
        "test_evaluate_many_equals_the_minute_reference",
        "test_evaluate_equals_the_minute_reference",
        "test_next_and_previous_close_match_reference",
        "test_backward_add_matches_reference",
        "test_add_matches_reference",
        "test_every_zone_agrees_with_zoneinfo",
        "test_tzif_transitions_equal_sampled_ones",
        "test_sampled_data_finds_each_change_to_the_second",
        "test_rows_at_many_instants",
        "test_local_readings_and_years_match_zoneinfo",
        "test_arithmetic_near_new_year_ignores_history",
        "test_boundaries_near_new_year_ignore_history",
        # tests/sla/test_metric_columns.py: the metrics against the slow reference
        "test_builtin_metrics_equal_the_reference",
        "test_random_metrics_equal_the_reference",
        "test_targets_next_to_a_cycles_elapsed_time",
        "test_frame_rows_equal_one_ticket_answers",
        # tests/cli/test_main.py: the catalogue of bad command lines, each in its own process
        "test_bad_command_line",
        "test_the_catalogue_is_large_and_its_ids_unique",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = item.name.split("[")[0]
        if item.path.name in SLOW_FILES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
