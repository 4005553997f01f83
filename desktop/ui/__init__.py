"""Qt widgets, item models, dialogs and the chart."""
