"""coprod: assess how well a public service practises co-production, score it, and report."""

__version__ = "0.1.0"
