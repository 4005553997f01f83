"""Exporting statements: CSV, Parallax JSON, ClaimReview JSON-LD and the brief as HTML (no Qt)."""
