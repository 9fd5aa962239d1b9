"""The actions timeline, laid out for a server-rendered SVG: one bar per dated action from its
start to its end, a "today" line, late actions flagged by a hatched colour and by words.
Pure computation; templates/ptce/plans/_timeline.html draws it, and the same rows feed the data
table printed under it (the text alternative)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from diagnostics.timeline import month_ticks
from ptce.enums import ActionStatus

WIDTH = 960
LABEL_WIDTH = 330
LEFT, RIGHT = LABEL_WIDTH + 10, WIDTH - 12
TOP = 30  # room for the "today" label
ROW_HEIGHT = 30
BAR_HEIGHT = 14
LEGEND_HEIGHT = 40
LABEL_CHARS = 46


@dataclass
class Row:
    action: object
    y: float
    label_y: float
    label: str
    x: float
    width: float
    late: bool
    kind: str  # "late", "done", "abandoned" or "open": the bar's look


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    rows: list
    undated: list
    ticks: list
    today: date
    today_x: float | None
    width: int
    height: int
    axis_y: float
    legend_y: float
    summary: str
    left: int = LEFT
    right: int = RIGHT

    @property
    def axis_label_y(self):
        return self.axis_y + 18


def build_timeline(actions, today=None):
    """The drawing of `actions` (in plan order); those without both dates are `undated`."""
    today = today or timezone.localdate()
    actions = list(actions)
    dated = [a for a in actions if a.start and a.end]
    undated = [a for a in actions if not (a.start and a.end)]
    if not dated:
        return Timeline([], undated, [], today, None, WIDTH, 0, 0, 0, summary(dated, today))
    first = min(min(a.start for a in dated), today)
    last = max(max(a.end for a in dated), today)
    scale = scaler(first, last)
    rows = [row(index, action, scale, today) for index, action in enumerate(dated)]
    axis_y = TOP + ROW_HEIGHT * len(rows) + 4
    return Timeline(
        rows=rows,
        undated=undated,
        ticks=[
            Tick(scale(day), label)
            for day, label in month_ticks(first, last, half_yearly_beyond=730)
        ],
        today=today,
        today_x=scale(today),
        width=WIDTH,
        height=int(axis_y + 24 + LEGEND_HEIGHT),
        axis_y=axis_y,
        legend_y=axis_y + 44,
        summary=summary(dated, today),
    )


def scaler(first, last):
    span = max((last - first).days, 1)

    def x(day):
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    return x


def bar_kind(action, late):
    if late:
        return "late"
    if action.status == ActionStatus.DONE:
        return "done"
    if action.status == ActionStatus.ABANDONED:
        return "abandoned"
    return "open"


def row(index, action, scale, today):
    late = action.is_late(today)
    room = LABEL_CHARS - 12 if late else LABEL_CHARS  # " (en retard)" follows the title
    label = action.title if len(action.title) <= room else action.title[:room] + "…"
    x = scale(action.start)
    width = max(scale(action.end) - x, 3)
    top = TOP + index * ROW_HEIGHT
    return Row(action, top, top + 12, label, x, width, late, bar_kind(action, late))


def summary(dated, today):
    """The drawing in one sentence, for the SVG's description."""
    if not dated:
        return "Aucune action n'a encore de dates de début et de fin."
    late = [a for a in dated if a.is_late(today)]
    first, last = min(a.start for a in dated), max(a.end for a in dated)
    plural = "s" if len(dated) > 1 else ""
    text = f"{len(dated)} action{plural} datée{plural} du {first:%d/%m/%Y} au {last:%d/%m/%Y}"
    if late:
        names = "\u00a0; ".join(f"«\u00a0{a.title}\u00a0»" for a in late)
        return f"{text}\u00a0; {len(late)} en retard\u00a0: {names}."
    return f"{text}\u00a0; aucune en retard."
