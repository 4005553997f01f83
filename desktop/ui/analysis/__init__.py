"""The Analysis view's panels: each follows the current filter and shows what the dispute looks like."""
