"""The ptce app's printed documents: the PTCE sheet (a report kind of its own) and the two
sections it adds to the diagnostic report (the action plan, the PTCE summary).

Collected data are plain JSON (decimals as strings, dates as ISO strings) and never depend on
today's date: whatever does (current members, eligibility, benchmark year, late actions) is
worked out when the document is rendered, from those data.
"""


def register_reports():
    """Register the PTCE sheet and the diagnostic report's sections (PtceConfig.ready())."""
    from diagnostics.report.registry import register_key_figure, register_report_section
    from essterritoire.reports.registry import register_report_kind
    from ptce.report.figures import ACTIONS_FIGURE
    from ptce.report.sections import ACTION_PLAN_SECTION, PTCE_SECTION
    from ptce.report.sheet import PTCE_SHEET

    register_report_kind(PTCE_SHEET)
    register_report_section(ACTION_PLAN_SECTION)
    register_report_section(PTCE_SECTION)
    register_key_figure(ACTIONS_FIGURE)
