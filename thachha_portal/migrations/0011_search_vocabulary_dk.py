""""đk" (and "dk"), the usual abbreviation of "đăng ký", for installs seeded
before it (docs/search.md, "The shared vocabulary"). An entry staff already
added stays as it is."""

from django.db import migrations


def add(apps, schema_editor):
    from thachha_portal.search.seed import add_missing

    add_missing(apps, only=["đk"])


class Migration(migrations.Migration):
    dependencies = [("thachha_portal", "0010_search_vocabulary_qa_pass")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
