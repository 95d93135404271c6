"""A lost sổ đỏ/sổ hồng: its everyday words ask for the land certificate's
reissue ("cấp lại giấy chứng nhận quyền sử dụng đất"), no longer any
certificate's (the household business's too), and name a matter handled
elsewhere (the land registration office), for installs seeded before them
(docs/search.md, "Vocabulary"). Entries staff changed stay as they are."""

from django.db import migrations

ADDED = [
    "mất sổ hồng",
    "cấp lại sổ hồng",
    "làm lại sổ đỏ",
    "làm lại sổ hồng",
    "sổ đỏ bị mất",
    "sổ hồng bị mất",
    "Cấp lại sổ đỏ, sổ hồng bị mất",
]


def add(apps, schema_editor):
    from thachha_portal.search.seed import add_missing

    add_missing(apps, only=ADDED)


class Migration(migrations.Migration):
    dependencies = [("thachha_portal", "0007_former_desk_name")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
