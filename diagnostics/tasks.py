"""Background tasks of the diagnostics app (Django tasks API; `manage.py db_worker` runs them):
the regional data imports uploaded by staff (diagnostics/indicators/runs.py)."""

from django_tasks import task

from diagnostics.indicators import runs


@task()
def check_indicator_import(import_id):
    """Check the file of IndicatorImport `import_id` (a dry run), for its page."""
    runs.run_check(import_id)


@task()
def write_indicator_import(import_id):
    """Write the confirmed file of IndicatorImport `import_id`."""
    runs.run_write(import_id)
