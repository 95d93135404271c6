from django.db import migrations, models

from thachha_portal.search import schema

COLUMNS = ["search_title", "search_keywords", "search_vocabulary", "search_document"]


def respell_and_name(apps, schema_editor):
    """Existing procedures: their folded columns in the new search form (i/y
    made one) and the everyday names of the seeded vocabulary. New installs
    have no procedures yet at this point."""
    from thachha_portal.search.vocabulary import Vocabulary
    from thachha_portal.text import search_text

    Procedure = apps.get_model("procedures", "Procedure")
    Synonym = apps.get_model("thachha_portal", "Synonym")
    words = Vocabulary.build(
        (s.phrase, s.official.splitlines()) for s in Synonym.objects.all()
    )

    def bars(text):
        parts = [search_text(p) for p in text.split("|")]
        parts = [p for p in parts if p]
        return "|" + "|".join(parts) + "|" if parts else ""

    changed = []
    for p in Procedure.objects.all():
        p.search_title = search_text(p.search_title)
        p.search_keywords = bars(p.search_keywords)
        p.search_document = search_text(p.search_document)
        p.search_vocabulary = bars(
            "|".join(
                words.everyday_names(
                    p.search_title,
                    p.search_keywords.replace("|", " | "),
                )
            )
        )
        changed.append(p)
    Procedure.objects.bulk_update(changed, COLUMNS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0007_dossier_item_presented"),
        ("thachha_portal", "0003_search_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="search_vocabulary",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(respell_and_name, migrations.RunPython.noop),
        *schema.operations(table="procedures_procedure", columns=COLUMNS),
    ]
