from django.db import migrations

from thachha_portal.search import schema


def respell(apps, schema_editor):
    """Existing bulletins: folded columns in the new search form (i/y made one)."""
    from thachha_portal.text import search_text

    Bulletin = apps.get_model("bulletins", "Bulletin")
    changed = []
    for b in Bulletin.objects.only("pk", "search_title", "search_document"):
        b.search_title = search_text(b.search_title)
        b.search_document = search_text(b.search_document)
        changed.append(b)
    Bulletin.objects.bulk_update(
        changed, ["search_title", "search_document"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0005_bulletin_source_note")]

    operations = [
        migrations.RunPython(respell, migrations.RunPython.noop),
        *schema.operations(
            table="bulletins_bulletin",
            columns=["search_title", None, None, "search_document"],
        ),
    ]
