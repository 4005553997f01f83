"""A date typed ("2021-11-12", "12 Nov 2021") or picked from a calendar, which may be left empty: undated.

It never starts at today: a default an editor need not look at is how a 2026 date slips
into a 2021 story. Empty means undated, and the field says so beside it; text that is not
a date (or could be read two ways) is never taken as undated, it is shown as a problem.
"""

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.services.importing.dates import DateProblem, DayOrder, parse_date
from desktop.ui.plain_text import plain_label

_MUTED = "color: #5f6b7a;"
_ERROR = "color: #b3261e;"
UNDATED_NOTE = "No date: saved as undated, counted beside the chart rather than on it."


def long_date(day: date) -> str:
    """'Friday 12 November 2021'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _read(text: str, order: DayOrder) -> date | None:
    try:
        return parse_date(text, order)
    except DateProblem:
        return None


class DateField(QWidget):
    """A line to type a date in, a calendar button, and a line saying how the date is read.

    `article_date` (the date of the document a statement comes from) is named when it is the
    date shown, so the editor knows where it came from.
    """

    changed = Signal()

    def __init__(self, name: str, value: date | None = None, *, article_date: date | None = None):
        super().__init__()
        self.article_date = article_date
        self.edit = QLineEdit(value.isoformat() if value else "")
        self.edit.setObjectName(name)
        self.edit.setPlaceholderText("e.g. 2021-11-12 or 12 Nov 2021; empty if not known")
        self.edit.setClearButtonEnabled(True)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName(f"{name}Calendar")
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        shown = QWidgetAction(menu)
        shown.setDefaultWidget(self.calendar)
        menu.addAction(shown)
        menu.aboutToShow.connect(self._open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.pick = QPushButton("Calendar", objectName=f"{name}Pick")
        self.pick.setAutoDefault(False)
        self.pick.setMenu(menu)
        self.reading = plain_label()
        self.reading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reading.setObjectName(f"{name}Reading")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.reading)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._typed)
        self._typed()

    def problem(self) -> str | None:
        """Why the text typed is not a date, or None (a date, or nothing typed)."""
        text = self.edit.text().strip()
        try:
            parse_date(text)
        except DateProblem as problem:
            readings = sorted({_read(text, order) for order in DayOrder} - {None})
            if len(readings) == 2:
                first, second = readings
                return f"“{text}” could be {long_date(first)} or {long_date(second)}: write it as {first.isoformat()} or {second.isoformat()}."
            return f"{str(problem)[0].upper()}{str(problem)[1:]}."
        return None

    def value(self) -> date | None:
        """The date typed, or None when the field is empty or holds no date (see `problem`)."""
        try:
            return parse_date(self.edit.text())
        except DateProblem:
            return None

    def _typed(self) -> None:
        problem = self.problem()
        day = self.value()
        if problem is not None:
            text, style = problem, _ERROR
        elif day is None:
            text, style = UNDATED_NOTE, _MUTED
        else:
            notes = [long_date(day)]
            if day == self.article_date:
                notes.append("the date of its article")
            if day > date.today():
                notes.append("in the future")
            text, style = " — ".join(notes), _MUTED
        self.reading.setText(text)
        self.reading.setStyleSheet(style)
        self.changed.emit()

    def _open_calendar(self) -> None:
        """The calendar opens at the date typed, else at the article's date, else this month."""
        shown = self.value() or self.article_date
        if shown is not None:
            self.calendar.setSelectedDate(QDate(shown))

    def _picked(self, picked: QDate) -> None:
        self.edit.setText(picked.toPython().isoformat())
        self.pick.menu().close()
