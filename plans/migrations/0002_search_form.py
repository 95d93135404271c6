from django.db import migrations

from thachha_portal.search import schema


def respell(apps, schema_editor):
    """Existing plans and activities: folded columns in the new search form."""
    from thachha_portal.text import search_text

    for name in ("Plan", "Activity"):
        model = apps.get_model("plans", name)
        changed = []
        for row in model.objects.only("pk", "search_title", "search_document"):
            row.search_title = search_text(row.search_title)
            row.search_document = search_text(row.search_document)
            changed.append(row)
        model.objects.bulk_update(changed, ["search_title", "search_document"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        migrations.RunPython(respell, migrations.RunPython.noop),
        *schema.operations(
            table="plans_activity",
            columns=["search_title", None, None, "search_document"],
        ),
    ]
