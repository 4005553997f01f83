"""Sub-commands of `parallax`: each module offers `register(subparsers)` and sets `run` on its parser."""
