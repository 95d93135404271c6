"""The release stamp (thachha_portal/release.py) reads what the pages are made
of: every app of the project's own, a new one included without a list to keep,
and not the installed packages."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings

from thachha_portal import release

pytestmark = pytest.mark.clockless


def test_the_stamp_reads_every_app_of_the_projects_own():
    read = release.sources(settings.BASE_DIR)
    assert {"thachha_portal", "plans", "bulletins", "procedures"} <= set(read)
    assert {"templates", "locale", "static"} <= set(read)
    assert not [name for name in read if "site-packages" in name or "django" in name]


def test_a_new_app_moves_the_stamp_and_an_installed_package_does_not(
    tmp_path, monkeypatch
):
    new_app = tmp_path / "thongbao"
    package = tmp_path / ".venv/lib/python3.11/site-packages/somepackage"
    for folder in (new_app, package):
        folder.mkdir(parents=True)
        (folder / "views.py").write_text("VALUE = 1\n")
    configs = [SimpleNamespace(path=str(p)) for p in (new_app, package, "/elsewhere")]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    assert release.sources(tmp_path)[0] == "thongbao"
    before = release.compute(tmp_path)
    (package / "views.py").write_text("VALUE = 2\n")
    assert release.compute(tmp_path) == before
    (new_app / "views.py").write_text("VALUE = 2\n")
    assert release.compute(tmp_path) != before
