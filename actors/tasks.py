"""Background tasks of the actors app (Django tasks API; `manage.py db_worker` runs them)."""

from django_tasks import task

from actors.sirene.services import import_batch_run


@task()
def run_sirene_import(batch_id):
    """Run the SIRENE import recorded by ImportBatch `batch_id` (uploaded by staff)."""
    import_batch_run(batch_id=batch_id)
