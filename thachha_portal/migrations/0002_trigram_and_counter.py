from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_visit_counter(apps, schema_editor):
    apps.get_model("thachha_portal", "SiteCounter").objects.get_or_create(key="visits")


class Migration(migrations.Migration):
    """pg_trgm powers typo-tolerant search on PostgreSQL (a no-op on SQLite)."""

    dependencies = [("thachha_portal", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_visit_counter, migrations.RunPython.noop),
    ]
