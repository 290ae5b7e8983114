"""Offline geography: countries, gazetteer, geocoding."""
from .gazetteer import Candidate, geocode, km, lookup

__all__ = ["Candidate", "geocode", "km", "lookup"]
