"""The procedures' everyday names (search_vocabulary) recomputed with the
entries of thachha_portal 0010, by the function of 0008."""

import importlib

from django.db import migrations

respell_and_name = importlib.import_module(
    "procedures.migrations.0008_search_engine"
).respell_and_name


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0014_dossier_quantity"),
        ("thachha_portal", "0010_search_vocabulary_qa_pass"),
    ]

    operations = [migrations.RunPython(respell_and_name, migrations.RunPython.noop)]
