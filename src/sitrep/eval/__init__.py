"""Scoring against gold data in ../shared/eval (research use; never copied here)."""
