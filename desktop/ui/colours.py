"""Colours worked out for drawing."""

from PySide6.QtGui import QColor


def mixed(colour: QColor, background: QColor) -> QColor:
    """The solid colour `colour` shows as over `background`, its alpha mixed in: drawn solid, it looks the same
    and costs a fraction of blending it pixel by pixel."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(alpha * mine + (1 - alpha) * theirs
          for mine, theirs in zip(colour.getRgbF()[:3], background.getRgbF()[:3]))
    )
