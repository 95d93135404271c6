"""A funeral ("đám tang", "ma chay", "tang lễ") is first a death to register
(khai tử), then the burial allowance (mai táng), as "đám ma" was seeded:
for installs seeded before (docs/search.md, "The shared vocabulary"). Entries
staff changed stay as they are."""

from django.db import migrations


def add(apps, schema_editor):
    from thachha_portal.search.seed import add_missing

    add_missing(apps, only=["tang lễ"])


class Migration(migrations.Migration):
    dependencies = [("thachha_portal", "0011_search_vocabulary_dk")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
