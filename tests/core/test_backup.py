"""make backup / make restore: a backup restores into an empty database, in a
process of its own, with every count and a sample record of each app."""

import datetime
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from bulletins.models import Attachment
from tests.bulletins.factories import make_airing, make_bulletin, make_category
from tests.plans.factories import make_activity, make_plan
from tests.procedures.factories import make_procedure
from thachha_portal import backups

from .servers import ROOT, drop_site, new_database, production_env

# Runs manage.py in other processes (outside the calendar passes' frozen clock).
pytestmark = pytest.mark.servers

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

SAMPLE = """
import json
from bulletins.models import Attachment, Bulletin
from plans.models import Activity, Plan
from procedures.models import Procedure
from thachha_portal.backups import row_counts
from thachha_portal.models import CommuneProfile
attachment = Attachment.objects.get()
print(json.dumps({
    "counts": row_counts(),
    "profile": CommuneProfile.objects.get().name,
    "procedure": Procedure.objects.get(code="1.001193").name,
    "bulletin": Bulletin.objects.get(slug="tin-sao-luu").title,
    "plan": Plan.objects.get().number,
    "activity": Activity.objects.get().title,
    "attachment": attachment.file.read().decode("latin-1"),
}))
"""


def manage(env, *args):
    """manage.py in a process of its own (as an operator would run it)."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def content(transactional_db, profile):
    make_procedure(code="1.001193", name="Thủ tục đăng ký khai sinh")
    bulletin = make_bulletin(
        title="Tin để sao lưu", slug="tin-sao-luu", category=make_category()
    )
    Attachment.objects.create(
        bulletin=bulletin, file=SimpleUploadedFile("ke-hoach.pdf", PDF)
    )
    make_airing(bulletin)
    make_plan(number="05/KH-UBND")
    make_activity(datetime.date(2021, 3, 2), title="Hội nghị tuyên truyền")


def test_a_backup_restores_into_an_empty_database(content, tmp_path):
    call_command("backup", dir=str(tmp_path / "backups"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (archive,) = (tmp_path / "backups").glob("thachha-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(name.startswith("media/bulletins/attachments/") for name in names)
    expected = backups.row_counts()

    database_url, handle = new_database(tmp_path, "restored")
    env = production_env(tmp_path / "restored", database_url)
    try:
        restored = manage(env, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        assert "số lượng khớp" in restored.stdout
        with tarfile.open(archive) as tar:
            made = json.load(tar.extractfile("manifest.json"))
        day = datetime.datetime.fromisoformat(made["created"]).strftime("%d/%m/%Y")
        assert f"bản sao lưu ngày {day} " in restored.stdout  # dd/mm/yyyy HH:MM
        sample = manage(env, "shell", "-c", SAMPLE)
        assert sample.returncode == 0, sample.stderr
        found = json.loads(sample.stdout.strip().splitlines()[-1])
        again = manage(env, "restore", str(archive))
    finally:
        drop_site(handle)
    assert found["counts"] == expected
    assert found["profile"] == "Ủy ban nhân dân xã Thạch Hà"
    assert found["procedure"] == "Thủ tục đăng ký khai sinh"
    assert found["bulletin"] == "Tin để sao lưu"
    assert found["plan"] == "05/KH-UBND"
    assert found["activity"] == "Hội nghị tuyên truyền"
    assert found["attachment"].encode("latin-1") == PDF
    # A second restore into the now full database is refused, in Vietnamese.
    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr
    assert Path(settings.MEDIA_ROOT).is_dir()


@pytest.mark.parametrize("kind", ["missing", "not an archive", "no manifest"])
def test_restoring_what_is_not_a_backup_says_so_in_vietnamese(tmp_path, kind):
    archive = tmp_path / "thachha-x.tar.gz"
    if kind == "not an archive":
        archive.write_text("không phải tar")
    elif kind == "no manifest":
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(__file__, arcname="khac.py")
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive))
    assert str(archive) in str(error.value)
    assert "sao lưu" in str(error.value)
