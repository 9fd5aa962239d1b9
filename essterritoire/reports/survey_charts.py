"""Survey charts, on the chart kernel (essterritoire/reports/charts.py): same house style,
French numbers, title and desc, deterministic SVG. Plain data in, so the kernel stays ignorant
of the apps."""

from essterritoire.reports import charts
from essterritoire.reports.formats import NBSP, number, percent

# Five steps from light to dark, told apart by more than their hue (WCAG 1.4.1): the legend
# and the table next to the chart give the values.
SCALE_COLORS = ("#d5e3ee", "#9dbfd8", "#5f97bf", "#1d5c8a", "#0d3351")


@charts._styled
def chart_answers(rows, *, title, source, chart_id="reponses"):
    """Horizontal bars of a question's answers; rows: [(label, count, percent or None)],
    each bar labelled "34 (56,7 %)"."""
    rows = list(rows)
    fig, ax = charts._figure(height=0.5 + 0.38 * max(len(rows), 1))
    counts = [count for _, count, _ in rows]
    positions = list(range(len(rows)))[::-1]
    bars = ax.barh(positions, counts, color=charts.BAR, height=0.65)
    ax.set_yticks(positions, [charts._wrap(label, 34) for label, _, _ in rows])
    texts = [_count_text(count, share) for _, count, share in rows]
    ax.bar_label(bars, labels=texts, padding=3, fontsize=8)
    ax.margins(x=0.25)
    charts._value_axis(ax.xaxis, percent_axis=False)
    desc = f"{NBSP}; ".join(f"{label}{NBSP}: {_count_text(c, p)}" for label, c, p in rows)
    desc = (desc + ".") if rows else "Aucune réponse."
    return charts._render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


@charts._styled
def chart_scale_rows(rows, *, title, source, chart_id="matrice", low="1", high="5"):
    """Stacked bars in percent, one per row of a matrix; rows: [(label, [count of 1..5])]."""
    rows = list(rows)
    fig, ax = charts._figure(height=0.9 + 0.42 * max(len(rows), 1))
    positions = list(range(len(rows)))[::-1]
    lefts = [0.0] * len(rows)
    for step in range(5):
        shares = [_share(counts, step) for _, counts in rows]
        ax.barh(
            positions,
            shares,
            left=lefts,
            color=SCALE_COLORS[step],
            height=0.65,
            label=str(step + 1),
            edgecolor="white",
            linewidth=0.5,
        )
        lefts = [a + b for a, b in zip(lefts, shares, strict=True)]
    ax.set_yticks(positions, [charts._wrap(label, 30) for label, _ in rows])
    ax.set_xlim(0, 100)
    charts._value_axis(ax.xaxis, percent_axis=True)
    ax.legend(
        ncols=5,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.28),
        frameon=False,
        fontsize=8,
        title=f"1 = {low}, 5 = {high}",
        title_fontsize=8,
    )
    desc = f"{NBSP}; ".join(_row_text(label, counts) for label, counts in rows)
    desc = (desc + ".") if rows else "Aucune réponse."
    return charts._render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


@charts._styled
def chart_rates(rows, *, title, source, chart_id="taux"):
    """Horizontal bars of response rates in percent; rows: [(label, rate 0-100 or None)]."""
    rows = [(label, value) for label, value in rows if value is not None]
    fig, ax = charts._figure(height=0.5 + 0.38 * max(len(rows), 1))
    positions = list(range(len(rows)))[::-1]
    values = [float(value) for _, value in rows]
    bars = ax.barh(positions, values, color=charts.BAR, height=0.65)
    ax.set_yticks(positions, [charts._wrap(label, 34) for label, _ in rows])
    ax.bar_label(bars, labels=[percent(v) for v in values], padding=3, fontsize=8)
    ax.set_xlim(0, 115)
    charts._value_axis(ax.xaxis, percent_axis=True)
    desc = charts._describe(rows, "", percent_values=True)
    return charts._render(fig, title=title, desc=desc, source=source, chart_id=chart_id)


def _count_text(count, share):
    return number(count) if share is None else f"{number(count)} ({percent(share)})"


def _share(counts, step):
    total = sum(counts)
    return 100 * counts[step] / total if total else 0


def _row_text(label, counts):
    parts = ", ".join(f"{step}{NBSP}: {percent(_share(counts, step - 1))}" for step in range(1, 6))
    return f"{label}{NBSP}: {parts}"
