"""Text saved before stored strings lost XML's refused control characters
(``text.nfc``): Word's manual line and page breaks (vertical tab, form feed)
become line breaks, other control characters but tab, line feed and carriage
return are dropped. A bulletin summary pasted from Word made both feeds answer
500 and the Excel reports fail. Every app's models are cleaned here, after each
app's last migration; the rule is written out as it was when these rows were
cleaned."""

import re

from django.db import migrations, models

# \x00 never reaches a PostgreSQL text column; SQLite's REGEXP is Python's re,
# which reads the same escapes as PostgreSQL's regular expressions.
REFUSED = r"[\x01-\x08\x0b\x0c\x0e-\x1f]"
_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def cleaned(value):
    return _CONTROLS.sub("", _BREAKS.sub("\n", value))


def clean_rows(model):
    """Clean every text column of ``model``'s rows that holds a refused character."""
    fields = [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]
    if not fields:
        return
    holding = models.Q()
    for name in fields:
        holding |= models.Q(**{f"{name}__regex": REFUSED})
    rows = model._base_manager.filter(holding).values_list("pk", *fields)
    for pk, *values in rows.iterator():
        changes = {
            name: cleaned(value)
            for name, value in zip(fields, values, strict=True)
            if value and cleaned(value) != value
        }
        model._base_manager.filter(pk=pk).update(**changes)


APPS = ["thachha_portal", "bulletins", "procedures", "plans"]


def clean(apps, schema_editor):
    for app_label in APPS:
        for model in apps.get_app_config(app_label).get_models():
            clean_rows(model)


class Migration(migrations.Migration):
    dependencies = [
        ("thachha_portal", "0008_search_lost_land_certificate"),
        ("bulletins", "0008_search_index_without_pending_list"),
        ("procedures", "0012_search_indexes_without_pending_list"),
        ("plans", "0004_names_in_force_defaults"),
    ]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
