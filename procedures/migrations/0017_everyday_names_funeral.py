"""The procedures' everyday names (search_vocabulary) recomputed with the
entries of thachha_portal 0012, by the function of 0008."""

import importlib

from django.db import migrations

respell_and_name = importlib.import_module(
    "procedures.migrations.0008_search_engine"
).respell_and_name


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0016_everyday_names_dk"),
        ("thachha_portal", "0012_search_vocabulary_funeral"),
    ]

    operations = [migrations.RunPython(respell_and_name, migrations.RunPython.noop)]
