"""Calendar-month arithmetic for phase durations (a phase lasts "6 months", not 182 days)."""

import calendar
from datetime import date


def add_months(day, months):
    """`day` moved by `months` calendar months; the day of month is kept, or clamped to the
    last day of a shorter month (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def months_between(start, end):
    """Whole calendar months from `start` to `end`, rounded to the nearest month (at least 1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day - start.day >= 15:
        months += 1
    elif start.day - end.day > 15:
        months -= 1
    return max(months, 1)


def lay_end_to_end(start, durations):
    """[(start, end)] of consecutive periods of `durations` months from `start`. Each end is
    computed from `start` so that clamped month ends do not drift (31/01 + 1, + 2, + 3...)."""
    periods, elapsed = [], 0
    for months in durations:
        begin = add_months(start, elapsed)
        elapsed += months
        periods.append((begin, add_months(start, elapsed)))
    return periods
