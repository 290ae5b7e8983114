"""Offline geography: countries, gazetteer, geocoding."""
