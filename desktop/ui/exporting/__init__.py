"""Exports that need Qt to draw: the brief as PDF, the timeline chart as PNG or SVG."""
