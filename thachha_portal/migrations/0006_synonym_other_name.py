"""Vocabulary entries say whether they are another name of a procedure (shown
after "Còn gọi là" on its page) or only help the search; the seeded entries
that are names are marked (seed.OTHER_NAMES), unless staff changed them."""

from django.db import migrations, models


def mark(apps, schema_editor):
    from thachha_portal.search.seed import mark_other_names

    mark_other_names(apps)


class Migration(migrations.Migration):
    dependencies = [("thachha_portal", "0005_search_vocabulary_blind_set")]

    operations = [
        migrations.AddField(
            model_name="synonym",
            name="other_name",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Tick only if people use these words as a name of the "
                    "procedure itself (e.g. “giấy độc thân”, “làm giấy khai "
                    "sinh”, “nhập hộ khẩu”): its page then shows them after "
                    "“Also called”. Leave it unticked for words that only help "
                    "the search: papers people bring (“giấy chứng sinh”), "
                    "situations (“bố mất”), the wider matter (“kiện đất”), "
                    "other spellings."
                ),
                verbose_name="another name of the procedure",
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
