"""Actor search on PostgreSQL: the unaccent extension (for the typed query) and a GIN index on
the French text-search vector of `normalized_name`. Nothing to do on other databases."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

INDEX = "actors_actor_search_fr"


class Unaccent(UnaccentExtension):
    """CREATE EXTENSION unaccent on PostgreSQL only, both ways (Django's operation skips other
    databases going forwards but queries pg_extension going backwards)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON actors_actor "
        "USING gin (to_tsvector('french'::regconfig, normalized_name))"
    )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0001_initial"),
    ]

    operations = [
        Unaccent(),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
