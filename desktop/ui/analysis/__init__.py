"""The Analysis view and its panels: response times, unanswered claims, balance per outlet (view.py lists them)."""
