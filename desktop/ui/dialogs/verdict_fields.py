"""The verdict part of the statement dialog: words, an optional rating on a scale, an explanation."""

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel

from desktop.ui.dialogs.base import text_edit

COMMON_VERDICTS = ("", "True", "Mostly true", "Half true", "Misleading", "Mostly false", "False", "Unproven")


def _spin(name: str, value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setObjectName(name)
    spin.setRange(-1000, 1000)
    spin.setDecimals(1)
    spin.setValue(value)
    return spin


class VerdictFields:
    """Adds the verdict rows to a form and reads them back as Statement fields."""

    def __init__(self, form: QFormLayout, initial: dict):
        get = initial.get
        self.verdict = QComboBox()
        self.verdict.setObjectName("statementVerdict")
        self.verdict.setEditable(True)
        self.verdict.addItems(COMMON_VERDICTS)
        self.verdict.setCurrentText(get("verdict", "") or "")
        self.verdict.lineEdit().setPlaceholderText("None, or e.g. False, Misleading")
        self.rated = QCheckBox("&Rated")
        self.rated.setObjectName("statementRated")
        self.value = _spin("ratingValue", get("rating_value") or 1)
        self.worst = _spin("ratingWorst", get("rating_worst") if get("rating_worst") is not None else 1)
        self.best = _spin("ratingBest", get("rating_best") if get("rating_best") is not None else 5)
        self.rated.toggled.connect(self._enable)
        self.rated.setChecked(get("rating_value") is not None)
        self._enable(self.rated.isChecked())
        self.explanation = text_edit("verdictExplanation", get("verdict_explanation", "") or "", lines=2)
        self.explanation.setPlaceholderText("Why the statement got this verdict")

        rating = QHBoxLayout()
        for widget in (self.rated, self.value, QLabel("on a scale from"), self.worst, QLabel("to"), self.best):
            rating.addWidget(widget)
        rating.addStretch()
        form.addRow("&Verdict:", self.verdict)
        form.addRow("Rating:", rating)
        form.addRow("E&xplanation:", self.explanation)

    def _enable(self, rated: bool) -> None:
        for spin in (self.value, self.worst, self.best):
            spin.setEnabled(rated)

    def values(self) -> dict:
        """verdict, rating_value/best/worst (None when not rated) and verdict_explanation."""
        rated = self.rated.isChecked()
        return {
            "verdict": self.verdict.currentText().strip(),
            "rating_value": self.value.value() if rated else None,
            "rating_best": self.best.value() if rated else None,
            "rating_worst": self.worst.value() if rated else None,
            "verdict_explanation": self.explanation.toPlainText().strip(),
        }
