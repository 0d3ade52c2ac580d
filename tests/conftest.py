"""Hypothesis profiles: `ci` (the default) runs without per-example deadlines, since
the machine is shared and timings are not what these tests check. Under mutmut (which
sets MUTANT_UNDER_TEST) a failing example is not shrunk: a kill needs no minimal
example, and shrinking would outlast mutmut's timeout."""

import os

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
