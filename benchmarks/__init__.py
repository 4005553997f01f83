"""Benchmarks: a synthetic archive and the figures Parallax is held to."""
