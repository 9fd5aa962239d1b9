"""Background tasks of the reports kernel (Django tasks API; `manage.py db_worker` runs them)."""

from django_tasks import task

from essterritoire.reports.services import snapshot_render


@task()
def render_snapshot(snapshot_id):
    """Render the PDF of ReportSnapshot `snapshot_id` and store it."""
    snapshot_render(snapshot_id=snapshot_id)
