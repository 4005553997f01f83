"""The inspector: one statement in full, its source in context, its links."""

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cards import StatementDetail
from desktop.services.wording import day_label
from desktop.ui.plain_text import plain_label, tooltip_text

_LINK_ID = Qt.ItemDataRole.UserRole + 1
_OTHER_ID = Qt.ItemDataRole.UserRole + 2


class _WrappedRows(QStyledItemDelegate):
    """Measures a row at the width it is drawn at, so a wrapped entry is never a line short."""

    _PAD = 4  # above and below each entry

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        view = self.parent()
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(view.viewport().width() - 2 * margin, 20)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        needed = view.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, needed.height() + 2 * self._PAD)


class LinkList(QListWidget):
    """A statement's links, each wrapped in full, the list as tall as its entries up to `MOST_LINES` lines.

    (A list asks its rows for their height without their width, so wrapped entries would be cut:
    the height is measured from the laid-out rows instead, again whenever the width changes.)
    """

    MOST_LINES = 40

    def __init__(self):
        super().__init__(objectName="inspectorLinks")
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_WrappedRows(self))
        self.setAlternatingRowColors(True)

    def fit(self) -> None:
        """Take the height the entries need at the present width."""
        self.doItemsLayout()
        rows = sum(self.visualItemRect(self.item(row)).height() + 2 * self.spacing() for row in range(self.count()))
        most = self.fontMetrics().lineSpacing() * self.MOST_LINES
        self.setFixedHeight(min(max(rows, self.fontMetrics().lineSpacing()), most) + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


class Inspector(QScrollArea):
    """Shows the selected statement; activating a link selects the statement at its other end."""

    statement_activated = Signal(int)
    link_requested = Signal()
    unlink_requested = Signal(int)
    open_url_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.placeholder = QLabel("Select a statement to see it in full.")
        self.placeholder.setStyleSheet("color: #5f6b7a;")
        self.text = plain_label(selectable=True)
        self.text.setObjectName("inspectorText")
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(font)
        self.kind = plain_label()
        self.speaker = plain_label(selectable=True)
        self.outlet = plain_label(selectable=True)
        self.said_on = plain_label()
        self.note = plain_label(selectable=True)
        self.verdict = plain_label(selectable=True)
        self.verdict.setObjectName("inspectorVerdict")
        self.document = plain_label(selectable=True)
        self.open_source = QPushButton("Open Source Link")
        self.open_source.clicked.connect(self._open_source)
        self.context = QPlainTextEdit(objectName="inspectorContext")
        self.context.setReadOnly(True)
        self.context.setMinimumHeight(140)
        self.links = LinkList()
        self.links.itemActivated.connect(self._link_activated)
        self.links.itemDoubleClicked.connect(self._link_activated)
        self.links.currentItemChanged.connect(self._update_buttons)
        self.link_button = QPushButton("Link To…")
        self.link_button.clicked.connect(self.link_requested)
        self.unlink_button = QPushButton("Remove Link")
        self.unlink_button.clicked.connect(self._unlink)

        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.addRow("Speaker", self.speaker)
        facts.addRow("Reported by", self.outlet)
        facts.addRow("Said on", self.said_on)
        facts.addRow("Note", self.note)
        facts.addRow("Verdict", self.verdict)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.link_button)
        link_buttons.addWidget(self.unlink_button)
        link_buttons.addStretch()
        source_row = QHBoxLayout()
        source_row.addWidget(self.document, 1)
        source_row.addWidget(self.open_source)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.kind)
        details.addWidget(self.text)
        details.addLayout(facts)
        details.addWidget(QLabel("<b>Source</b>"))
        details.addLayout(source_row)
        details.addWidget(self.context, 1)
        details.addWidget(QLabel("<b>Links</b>"))
        details.addWidget(self.links)
        details.addLayout(link_buttons)
        layout = QVBoxLayout(body)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.details, 1)
        self._url = ""
        self.show_detail(None)

    def show_detail(self, detail: StatementDetail | None) -> None:
        """Show a statement, or the placeholder when none is selected."""
        self.placeholder.setVisible(detail is None)
        self.details.setVisible(detail is not None)
        if detail is None:
            return
        card = detail.card
        self.kind.setText(("Direct quote" if card.is_quote else "Paraphrase") + (f" · {card.side_name}" if card.side_name else ""))
        self.text.setText(f"“{card.text}”" if card.is_quote else card.text)
        self.speaker.setText(
            card.speaker_name
            + "".join(f"\n{part}" for part in (card.speaker_role, card.side_name) if part)
        )
        self.outlet.setText(card.outlet_name or "No outlet recorded")
        self.said_on.setText(card.date_label)
        self.note.setText(card.note or "—")
        self.verdict.setText("\n".join(p for p in (card.verdict_label, card.verdict_explanation) if p) or "—")
        self._show_document(detail)
        self.links.clear()
        for entry in detail.links:
            item = QListWidgetItem(entry.label)
            item.setData(_LINK_ID, entry.link_id)
            item.setData(_OTHER_ID, entry.other.id)
            item.setToolTip(tooltip_text(entry.label))
            self.links.addItem(item)
        if not detail.links:
            self.links.addItem(QListWidgetItem("No links yet"))
        self.links.fit()
        self._update_buttons()

    def _show_document(self, detail: StatementDetail) -> None:
        document = detail.document
        self._url = detail.card.url or (document.url if document else "")
        self.open_source.setVisible(bool(self._url))
        if document is None:
            self.document.setText("No source document")
            self.context.setPlainText("")
            self.context.setVisible(False)
            return
        published = f", {day_label(document.published_on)}" if document.published_on else ""
        publisher = f" — {document.publisher}" if document.publisher else ""
        self.document.setText("\n".join(p for p in (f"{document.title}{publisher}{published}", document.provenance) if p))
        self.context.setVisible(True)
        self.context.setPlainText(document.text)
        span = detail.card.span
        if span is None:
            self.context.setExtraSelections([])
            return
        cursor = QTextCursor(self.context.document())
        cursor.setPosition(min(span[0], len(document.text)))
        cursor.setPosition(min(span[1], len(document.text)), QTextCursor.MoveMode.KeepAnchor)
        highlight = QTextEdit.ExtraSelection()
        highlight.cursor = cursor
        highlight.format = QTextCharFormat()
        highlight.format.setBackground(QColor("#ffe58a"))
        self.context.setExtraSelections([highlight])
        start = QTextCursor(self.context.document())
        start.setPosition(min(span[0], len(document.text)))
        self.context.setTextCursor(start)
        QTimer.singleShot(0, self.context.centerCursor)

    def _update_buttons(self, *_items) -> None:
        item = self.links.currentItem()
        self.unlink_button.setEnabled(item is not None and item.data(_LINK_ID) is not None)

    def _link_activated(self, item: QListWidgetItem) -> None:
        other = item.data(_OTHER_ID)
        if other is not None:
            self.statement_activated.emit(other)

    def _unlink(self) -> None:
        item = self.links.currentItem()
        if item is not None and item.data(_LINK_ID) is not None:
            self.unlink_requested.emit(item.data(_LINK_ID))

    def _open_source(self) -> None:
        if self._url:
            self.open_url_requested.emit(self._url)

    def highlighted_text(self) -> str:
        """The text of the document span that is highlighted (for tests)."""
        selections = self.context.extraSelections()
        return selections[0].cursor.selectedText() if selections else ""
