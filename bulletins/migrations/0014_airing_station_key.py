import unicodedata

from django.db import migrations, models


def station_key(station):
    """bulletins.models.station_key as it is written now."""
    text = unicodedata.normalize("NFC", " ".join(station.split()))
    return unicodedata.normalize("NFC", text.casefold())


def key_and_merge(apps, schema_editor):
    """Give each airing its station's key, then merge the airings that were
    recorded twice with the station typed otherwise (“Cụm loa thôn Bắc Sơn”
    and “cụm loa thôn bắc sơn”), which the new constraint refuses: of each
    group (item, time, key) the first row recorded is kept, with its station
    as typed, given the recording and note of a later one when it has none;
    the others are deleted (their files, if any, stay on disk). Each airing
    kept is one reading, as the KPI counts it."""
    Airing = apps.get_model("bulletins", "Airing")
    groups = {}
    for airing in Airing.objects.order_by("pk").iterator():
        airing.station_key = station_key(airing.station)
        airing.save(update_fields=["station_key"])
        groups.setdefault(
            (airing.bulletin_id, airing.aired_at, airing.station_key), []
        ).append(airing)
    for kept, *others in groups.values():
        if not others:
            continue
        for other in others:
            kept.recording = kept.recording or other.recording
            kept.note = kept.note or other.note
        kept.save(update_fields=["recording", "note"])
        Airing.objects.filter(pk__in=[other.pk for other in others]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0013_bulletin_cover_avif"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="airing",
            name="one_airing_per_item_time_station",
        ),
        migrations.AddField(
            model_name="airing",
            name="station_key",
            field=models.CharField(default="", editable=False, max_length=300),
        ),
        migrations.RunPython(key_and_merge, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="airing",
            constraint=models.UniqueConstraint(
                fields=("bulletin", "aired_at", "station_key"),
                name="one_airing_per_item_time_station_key",
                violation_error_message="This airing is already recorded: the same item, at the same time, on the same station or loudspeaker cluster.",
            ),
        ),
    ]
