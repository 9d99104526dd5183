"""wyber: guide a live meeting through diverge, converge and consolidate."""

__version__ = "0.1.0"
