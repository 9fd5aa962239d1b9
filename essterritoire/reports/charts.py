"""Charts as SVG strings, drawn by matplotlib on the server: one function per chart, used by the
pages and by the PDF reports alike.

Every chart:
- takes plain data (labels and numbers), so the kernel knows nothing of the apps;
- writes its numbers in French (1 234,5 ; 12,3 %) and a source line with the data vintage;
- is accessible: role="img", a <title> and a <desc> that reads the data out, referenced by
  aria-labelledby (the page also shows the data table next to it);
- is deterministic: the same data give the same bytes (svg.hashsalt, no date in the metadata,
  text kept as text in DejaVu Sans, which matplotlib ships), so it can be cached and compared;
- has its ids prefixed with `chart_id`, so that several charts live in one page.
"""

import functools
import io
import re
from html import escape
from types import SimpleNamespace

from essterritoire.reports.formats import NBSP, number, percent

BAR = "#1d5c8a"
HIGHLIGHT = "#b3541e"
REFERENCE = "#5f6b73"
LINES = ("#1d5c8a", "#b3541e", "#2e7d32", "#6a3d9a", "#5f6b73")
TEXT = "#1f2328"
STYLE = {
    "svg.hashsalt": "essterritoire",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#6b7780",
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "text.color": TEXT,
}
WIDTH = 6.4  # inches


@functools.cache
def _matplotlib():
    """matplotlib, imported on the first chart drawn (with the non-interactive backend), not
    when this module is: every management command loads the apps, and few draw charts."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    return SimpleNamespace(
        rc_context=rc_context, Figure=Figure, FuncFormatter=FuncFormatter, MaxNLocator=MaxNLocator
    )


def _styled(chart):
    """Draw the chart under the house style (rcParams are read when artists are created)."""

    @functools.wraps(chart)
    def wrapper(*args, **kwargs):
        with _matplotlib().rc_context(STYLE):
            return chart(*args, **kwargs)

    return wrapper


@_styled
def chart_by_family(rows, *, title, source, chart_id="familles", unit="établissements"):
    """Horizontal bars: ESS establishments (or employees) by family. rows: [(label, value)]."""
    return _bars(rows, title=title, source=source, chart_id=chart_id, unit=unit)


@_styled
def chart_by_sector(rows, *, title, source, chart_id="secteurs", unit="établissements"):
    """Horizontal bars: ESS establishments (or employees) by sector. rows: [(label, value)]."""
    return _bars(rows, title=title, source=source, chart_id=chart_id, unit=unit)


@_styled
def chart_by_size(rows, *, title, source, chart_id="tranches", unit="établissements"):
    """Vertical bars in the order of the tranches d'effectifs. rows: [(label, value)]."""
    labels = [_wrap(label, 12) for label, _ in rows]
    values = [value or 0 for _, value in rows]
    fig, ax = _figure(height=3.2)
    bars = ax.bar(range(len(values)), values, color=BAR, width=0.7)
    ax.set_xticks(range(len(values)), labels, fontsize=7.5)
    _label_bars(ax, bars, values, vertical=True)
    _value_axis(ax.yaxis, percent_axis=False)
    desc = _describe(rows, unit)
    return _render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


@_styled
def chart_comparison(rows, *, title, source, chart_id="comparaison", percent_values=False):
    """Horizontal bars, one per territory; rows: [(label, value, kind)] where kind is
    "target" (the diagnostic's territory, highlighted), "peer" or "reference"."""
    data = [(label, value, kind) for label, value, kind in rows if value is not None]
    colors = {"target": HIGHLIGHT, "peer": BAR, "reference": REFERENCE}
    fig, ax = _figure(height=0.5 + 0.38 * max(len(data), 1))
    values = [float(value) for _, value, _ in data]
    positions = list(range(len(data)))[::-1]
    bars = ax.barh(positions, values, color=[colors[kind] for *_, kind in data], height=0.65)
    ax.set_yticks(positions, [_wrap(label, 34) for label, _, _ in data])
    _label_bars(ax, bars, [value for _, value, _ in data], percent_values=percent_values)
    _value_axis(ax.xaxis, percent_axis=percent_values)
    described = [(label, value) for label, value, _ in data]
    desc = _describe(described, "", percent_values=percent_values)
    missing = [label for label, value, _ in rows if value is None]
    if missing:
        desc += f" Sans donnée{NBSP}: {', '.join(missing)}."
    return _render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


@_styled
def chart_evolution(series, *, title, source, chart_id="evolution", unit=""):
    """Lines over the years; series: [(label, [(year, value)])]."""
    fig, ax = _figure(height=3.2)
    years = sorted({year for _, points in series for year, _ in points})
    for index, (label, points) in enumerate(series):
        color = LINES[index % len(LINES)]
        xs, ys = [p[0] for p in points], [float(p[1]) for p in points]
        ax.plot(xs, ys, marker="o", color=color, label=label, linewidth=2)
    ax.set_xticks(years, [str(year) for year in years])
    _value_axis(ax.yaxis, percent_axis=unit == "%")
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=8, loc="best")
    desc = " ".join(_describe_series(label, points, unit) for label, points in series)
    return _render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


# Building blocks ------------------------------------------------------------------------------


def _figure(height):
    fig = _matplotlib().Figure(figsize=(WIDTH, height))
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _bars(rows, *, title, source, chart_id, unit):
    rows = list(rows)
    fig, ax = _figure(height=0.5 + 0.38 * max(len(rows), 1))
    values = [value or 0 for _, value in rows]
    positions = list(range(len(rows)))[::-1]
    bars = ax.barh(positions, values, color=BAR, height=0.65)
    ax.set_yticks(positions, [_wrap(label, 34) for label, _ in rows])
    _label_bars(ax, bars, values)
    _value_axis(ax.xaxis, percent_axis=False)
    return _render(fig, title=title, desc=_describe(rows, unit), source=source, chart_id=chart_id)


def _value_axis(axis, percent_axis):
    axis.set_major_locator(_matplotlib().MaxNLocator(nbins=5, integer=not percent_axis))
    fmt = (lambda x, _: percent(x, 0)) if percent_axis else (lambda x, _: number(x))
    axis.set_major_formatter(_matplotlib().FuncFormatter(fmt))


def _label_bars(ax, bars, values, vertical=False, percent_values=False):
    texts = [percent(v) if percent_values else number(v, _decimals(v)) for v in values]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=8)
    ax.margins(**({"y": 0.15} if vertical else {"x": 0.18}))


def _decimals(value):
    return 0 if value is None or float(value).is_integer() else 1


def _wrap(label, width):
    """The label on lines of about `width` characters."""
    words, lines, line = str(label).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line]) if line or lines else ""


def _describe(rows, unit, percent_values=False):
    def shown(value):
        return percent(value) if percent_values else number(value, _decimals(value))

    parts = [f"{label}{NBSP}: {shown(value)}" for label, value in rows]
    suffix = f" {unit}" if unit else ""
    return (f"{NBSP}; ".join(parts) + suffix + ".") if parts else "Aucune donnée."


def _describe_series(label, points, unit):
    shown = ", ".join(f"{year}{NBSP}: {number(value, _decimals(value))}" for year, value in points)
    return f"{label}{NBSP}: {shown}{(' ' + unit) if unit else ''}."


def _render(fig, *, title, desc, source, chart_id):
    fig.text(0.01, 0.01, f"Source{NBSP}: {source}", fontsize=7.5, color=REFERENCE, ha="left")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _accessible(buffer.getvalue(), title, f"{desc} Source{NBSP}: {source}.", chart_id)


def _accessible(svg, title, desc, chart_id):
    """Inline-ready SVG: no XML prologue, ids prefixed, role, title and desc."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\bid="', f'id="{chart_id}-', svg)
    svg = svg.replace("url(#", f"url(#{chart_id}-").replace('href="#', f'href="#{chart_id}-')
    head_end = svg.index(">") + 1
    head = svg[: head_end - 1]
    head += (
        f' role="img" class="chart" aria-labelledby="{chart_id}-titre {chart_id}-desc"'
        if "role=" not in head
        else ""
    )
    return (
        f'{head}><title id="{chart_id}-titre">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{svg[head_end:]}'
    )
