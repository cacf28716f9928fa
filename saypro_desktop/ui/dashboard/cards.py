"""The dashboard's figure cards and objective rows: which headline figures show, in what
order, each as a card beside its target, and one objective's progress on a line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from saypro_desktop.services.metrics import FIGURES, ObjectiveProgress
from saypro_desktop.ui.i18n import tr

# (figure, the smaller line under it: (figure, words) or None), in reading order.
CARDS: list[tuple[str, tuple[str, str] | None]] = [
    ("contacts_reached", ("organisations_contacted", "organisations")),
    ("response_rate", None),
    ("meetings_held", ("meetings_scheduled", "scheduled")),
    ("commitments_pledged", None),
    ("commitments_delivered", None),
    ("partners_engaged", None),
    ("events_held", None),
    ("attendance", ("unique_attendees", "people")),
    ("new_people", None),
    ("petition_signatures", None),
    ("concerns_open", None),
    ("concerns_addressed", None),
    ("reforms_advanced", None),
    ("media_reach", ("media_items", "items")),
    ("stories_collected", None),
]
STATUS_COLOURS = {"met": "#1a7f37", "on_track": "#1f6feb", "at_risk": "#bf8700",
                  "missed": "#cf222e", "not_started": "#57606a"}


def shown(key: str, value: float) -> str:
    """Figure ``key``'s ``value`` as the dashboard writes it (a ratio as a percentage)."""
    if FIGURES[key].unit == "ratio":
        return f"{value:.0%}"
    return f"{value:,.0f}"


class FigureCard(QPushButton):
    """One headline figure; a click opens its records."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"card_{key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(124)
        self.setToolTip(FIGURES[key].counts + "\n" + tr("Click to see the records."))
        self.setStyleSheet(
            "FigureCard { text-align: left; border: 1px solid #d0d7de; border-radius: 6px;"
            " background: palette(base); padding: 8px; }"
            "FigureCard:hover { border-color: #1f6feb; }")
        self.value = QLabel("–")
        self.value.setObjectName("value")
        self.value.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.caption = QLabel(tr(FIGURES[key].label))
        self.caption.setStyleSheet("font-weight: 600;")
        self.detail = QLabel("")
        self.detail.setObjectName("detail")
        self.detail.setStyleSheet("color: #57606a;")
        self.target = QLabel("")
        self.target.setObjectName("target_text")
        self.target.setStyleSheet("color: #57606a;")
        self.bar = QProgressBar()
        self.bar.setObjectName("target")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.bar.setRange(0, 1000)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(1)
        for widget in (self.value, self.caption, self.detail, self.target, self.bar):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(widget)

    def show_value(self, value: float, detail: str, target: float | None) -> None:
        self.value.setText(shown(self.key, value))
        self.detail.setText(detail or " ")
        if not target:
            self.target.setText(" ")
        elif FIGURES[self.key].unit == "ratio":
            self.target.setText(tr("target {target}").format(target=shown(self.key, target)))
        else:
            self.target.setText(tr("{share:.0%} of the {target} target").format(
                target=shown(self.key, target), share=min(value / target, 9.99)))
        self.bar.setVisible(bool(target))
        if target:
            self.bar.setValue(int(min(1.0, value / target) * 1000))


class ObjectiveRow(QWidget):
    """One objective on a line: title, progress bar, numbers, status and deadline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("objective_title")
        self.title.setMinimumWidth(260)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.numbers = QLabel()
        self.numbers.setObjectName("objective_numbers")
        self.numbers.setMinimumWidth(150)
        self.status = QLabel()
        self.status.setObjectName("objective_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setFixedWidth(90)
        self.due = QLabel()
        self.due.setMinimumWidth(120)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.title, 3)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.numbers)
        layout.addWidget(self.status)
        layout.addWidget(self.due)

    def show_objective(self, objective: ObjectiveProgress) -> None:
        """Show ``objective``: its progress bar, numbers, status and deadline."""
        self.show()
        self.title.setText(objective.title)
        self.title.setToolTip(f"{objective.kpi_label}: {FIGURES[objective.kpi].counts}")
        self.bar.setValue(int(objective.fraction * 1000))
        self.numbers.setText(tr("{actual} of {target}").format(
            actual=shown(objective.kpi, objective.actual),
            target=shown(objective.kpi, objective.target)))
        colour = STATUS_COLOURS.get(objective.status, "#57606a")
        self.status.setText(tr(objective.status_label))
        self.status.setStyleSheet(f"color: white; background: {colour}; border-radius: 8px;"
                                  " padding: 2px 6px; font-weight: 600;")
        self.due.setText(tr("due {day}").format(day=f"{objective.deadline:%-d %b %Y}")
                         if objective.deadline else "")
