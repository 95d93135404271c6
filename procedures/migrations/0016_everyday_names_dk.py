"""The procedures' everyday names (search_vocabulary) recomputed with the entry
of thachha_portal 0011, by the function of 0008."""

import importlib

from django.db import migrations

respell_and_name = importlib.import_module(
    "procedures.migrations.0008_search_engine"
).respell_and_name


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0015_everyday_names_qa_pass"),
        ("thachha_portal", "0011_search_vocabulary_dk"),
    ]

    operations = [migrations.RunPython(respell_and_name, migrations.RunPython.noop)]
