"""Entities, values and pure functions: no Qt, no I/O."""
