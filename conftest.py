"""Shared pytest setup: a non-interactive matplotlib backend for tests and doctests."""

import matplotlib

matplotlib.use("Agg")
