"""Shared pytest setup: a non-interactive matplotlib backend, and reproducible hypothesis runs.

Property tests draw their examples from a fixed seed by default (profile ``crmsim-ci``),
so the suite gives the same result on every run; ``HYPOTHESIS_PROFILE=dev`` explores more.
"""

import os

import matplotlib
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

settings.register_profile(
    "crmsim-ci",
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "crmsim-ci"))
