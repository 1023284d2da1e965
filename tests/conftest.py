"""Shared test setup: a display-less Qt and a private data folder for every run."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole run; tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
