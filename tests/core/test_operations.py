"""The operator's path: gunicorn reads the same .env as Django, demo logins are
not created on a production server, public forms take only small bodies."""

import gc
import io
import os
import shutil

import environ
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .servers import ROOT


def gunicorn_settings(folder, env_file, monkeypatch):
    """gunicorn.conf.py as gunicorn runs it, beside ``env_file``."""
    shutil.copy(ROOT / "gunicorn.conf.py", folder / "gunicorn.conf.py")
    (folder / ".env").write_text(env_file)
    # django-environ writes what it reads into its ENVIRON (os.environ): a copy,
    # without the test settings' ENV_FILE (none), so the default .env is read.
    process = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GUNICORN_") and k != "ENV_FILE"
    }
    monkeypatch.setattr(environ.Env, "ENVIRON", process)
    namespace = {"__file__": str(folder / "gunicorn.conf.py")}
    exec((folder / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102
    return namespace


def test_gunicorn_reads_the_env_file(tmp_path, monkeypatch):
    conf = gunicorn_settings(
        tmp_path,
        "GUNICORN_WORKERS=7\nGUNICORN_BIND=127.0.0.1:8123\n",
        monkeypatch,
    )
    assert conf["workers"] == 7
    assert conf["bind"] == "127.0.0.1:8123"
    assert conf["control_socket_disable"] is True  # none unless asked for


def test_each_gunicorn_can_have_its_own_control_socket(tmp_path, monkeypatch):
    conf = gunicorn_settings(
        tmp_path, "GUNICORN_CONTROL_SOCKET=/run/thachha/a.ctl\n", monkeypatch
    )
    assert conf["control_socket"] == "/run/thachha/a.ctl"
    assert conf["control_socket_disable"] is False


def test_what_the_master_holds_is_left_out_of_the_workers_collections(
    tmp_path, monkeypatch
):
    conf = gunicorn_settings(tmp_path, "", monkeypatch)
    held = [object()]  # made in the master before a fork: the app, its caches
    try:
        conf["pre_fork"](None, None)
        assert not any(o is held for o in gc.get_objects())  # no pass walks it
        made = [object()]  # made by the worker: collected as ever
        assert any(o is made for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_request_s_own_objects_start_no_collection_in_a_worker(tmp_path, monkeypatch):
    """What a search page holds at once (candidates, scores, rows) does not
    make the collector run through it in the middle of the request."""
    conf = gunicorn_settings(tmp_path, "", monkeypatch)
    thresholds = gc.get_threshold()
    passes = []

    def count(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    try:
        conf["pre_fork"](None, None)
        gc.callbacks.append(count)
        held = [[] for _ in range(5000)]  # a page's worth, alive together
        del held
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    assert passes == []


@pytest.mark.django_db
def test_demo_logins_are_refused_with_debug_off_unless_asked(settings):
    settings.DEBUG = False
    errors = io.StringIO()
    call_command("load_demo", stdout=io.StringIO(), stderr=errors)
    assert not get_user_model().objects.filter(username="bientap").exists()
    assert "DEBUG đang tắt" in errors.getvalue()
    call_command("load_demo", demo_logins=True, stdout=io.StringIO())
    assert get_user_model().objects.filter(username="bientap").exists()


@pytest.mark.django_db
def test_demo_logins_are_listed_with_their_vietnamese_role_names(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    [bientap] = [line for line in out.getvalue().splitlines() if "bientap" in line]
    assert bientap.endswith(
        "— Biên tập viên (viết tin); Phát thanh viên (ghi nhận phát loa); "
        "Ghi nhận hoạt động tuyên truyền"
    )
    for key in ("editor", "announcer", "activities", "planner", "approver", "reports"):
        assert key not in out.getvalue()


@pytest.mark.django_db
def test_public_forms_refuse_large_bodies_before_reading_them(client, profile):
    big = {"helpful": "yes", "comment": "x" * 100_000}
    response = client.post("/thu-tuc/1.001193/", big)
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()
    login = client.post("/quan-tri/login/", {"username": "a", "password": "x" * 70_000})
    assert login.status_code == 413
