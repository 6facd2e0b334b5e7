"""Bundled data sets: scenarios and real signed networks, loaded by name."""
