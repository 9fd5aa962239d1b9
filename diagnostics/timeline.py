"""The phases timeline, laid out for a server-rendered SVG: planned against actual bars, a
"today" line, late phases flagged. Pure computation; templates/diagnostics/_timeline.html
draws it, and the same rows feed the data table printed beside it."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from diagnostics.dates import add_months
from diagnostics.enums import PhaseStatus

WIDTH = 900
LEFT, RIGHT = 12, 888
TOP = 34  # room for the "today" label
ROW_HEIGHT = 64
BAR_HEIGHT = 12
LEGEND_HEIGHT = 40
MONTHS = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


@dataclass
class Bar:
    x: float
    y: float
    width: float


@dataclass
class Row:
    phase: object
    label_y: float
    planned: Bar
    actual: Bar | None
    late_reason: str


@dataclass
class Tick:
    x: float
    label: str

    @property
    def anchor(self):
        """Labels near an edge are aligned to it, so that they are not cut."""
        if self.x > RIGHT - 40:
            return "end"
        return "start" if self.x < LEFT + 40 else "middle"


@dataclass
class Timeline:
    rows: list
    ticks: list
    today: date
    today_x: float | None
    width: int
    height: int
    axis_y: float
    axis_label_y: float
    legend_y: float
    summary: str


def build_timeline(phases, today=None):
    """The drawing of `phases` (in order), or None when there are none."""
    phases = list(phases)
    if not phases:
        return None
    today = today or timezone.localdate()
    first, last = _bounds(phases, today)
    scale = _scale(first, last)
    rows = [_row(index, phase, scale, today) for index, phase in enumerate(phases)]
    axis_y = TOP + ROW_HEIGHT * len(phases) + 4
    return Timeline(
        rows=rows,
        ticks=[Tick(scale(day), label) for day, label in month_ticks(first, last)],
        today=today,
        today_x=scale(today) if first <= today <= last else None,
        width=WIDTH,
        height=int(axis_y + 20 + LEGEND_HEIGHT),
        axis_y=axis_y,
        axis_label_y=axis_y + 16,
        legend_y=axis_y + 38,
        summary=_summary(phases, rows, first, last),
    )


def _actual_end(phase, today):
    """Where the actual bar stops: its end, or today for the phase under way."""
    if phase.actual_end:
        return phase.actual_end
    if phase.actual_start and phase.status == PhaseStatus.ONGOING:
        return max(today, phase.actual_start)
    return None


def _bounds(phases, today):
    days = [p.planned_start for p in phases] + [p.planned_end for p in phases]
    days += [p.actual_start for p in phases if p.actual_start]
    days += [end for end in (_actual_end(p, today) for p in phases) if end]
    first, last = min(days), max(days)
    return first, last if last > first else add_months(first, 12)


def _scale(first, last):
    span = (last - first).days

    def x(day):
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    return x


def _row(index, phase, scale, today):
    top = TOP + index * ROW_HEIGHT
    planned = Bar(
        scale(phase.planned_start), top + 22, _width(scale, phase.planned_start, phase.planned_end)
    )
    actual = None
    end = _actual_end(phase, today)
    if phase.actual_start and end:
        actual = Bar(scale(phase.actual_start), top + 40, _width(scale, phase.actual_start, end))
    return Row(phase, top + 14, planned, actual, phase.late_reason(today))


def _width(scale, start, end):
    return max(scale(end) - scale(start), 2)


def month_ticks(first, last, half_yearly_beyond=540):
    """Month starts to label between two dates: every quarter, or January and July only when
    the span is longer than `half_yearly_beyond` days. Shared by the plan's timeline."""
    months = (1, 7) if (last - first).days > half_yearly_beyond else (1, 4, 7, 10)
    day = date(first.year, first.month, 1)
    ticks = []
    while day <= last:
        if day >= first and day.month in months:
            ticks.append((day, f"{MONTHS[day.month - 1]} {day.year}"))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def _summary(phases, rows, first, last):
    """The drawing in one sentence, for the SVG's description."""
    current = next((p for p in phases if p.status == PhaseStatus.ONGOING), None)
    late = [row.phase.number for row in rows if row.late_reason]
    plural = "s" if len(phases) > 1 else ""
    parts = [f"{len(phases)} phase{plural} du {first:%d/%m/%Y} au {last:%d/%m/%Y}"]
    parts.append(f"phase {current.number} en cours" if current else "aucune phase en cours")
    if late:
        numbers = ", ".join(str(n) for n in late)
        parts.append(f"en retard\u00a0: phase{'s' if len(late) > 1 else ''} {numbers}")
    else:
        parts.append("aucune phase en retard")
    return "\u00a0; ".join(parts) + "."
