"""Shared pytest set-up: hypothesis profiles.

Pick one with the environment variable GAZETAG_HYPOTHESIS_PROFILE: "fast" (the default, 200
examples per test), "ci" (500, the same examples on every run) or "slow" (5000). No profile
has a deadline: one example may build several taggers.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("fast", max_examples=200, deadline=None)
# CI explores the same examples on every run, so that a landing is never decided by chance;
# "fast" and "slow" draw new ones each time and find what CI does not.
settings.register_profile("ci", max_examples=500, deadline=None, derandomize=True)
settings.register_profile("slow", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("GAZETAG_HYPOTHESIS_PROFILE", "fast"))
