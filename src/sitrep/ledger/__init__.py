"""Ledger: the store, cross-article merge, claim series and contradictions."""
