"""The Analysis view and its panels: response times, unanswered claims, repeated lines, balance per outlet, who
answers whom (view.py lists them); each follows the current filter."""
