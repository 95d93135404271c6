"""Backups of the database and the uploaded files, in one timestamped archive,
and their restoration into an empty database (docs/deploy.md, "Backups").

An archive ``thachha-YYYYmmdd-HHMMSS.tar.gz`` holds:

* ``manifest.json``: when, which database engine, the latest migration of each app
  and the number of rows of every model (checked again after a restore);
* ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (a
  consistent copy made with SQLite's online backup);
* ``media/``: everything under ``MEDIA_ROOT``.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A message for the operator, in Vietnamese."""


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def latest_migrations():
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return latest


def _postgres_env():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _postgres_args():
    db = settings.DATABASES["default"]
    args = ["-d", db["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(f"Không tìm thấy {name}: cài gói postgresql-client.")
    return path


def dump_database(target):
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603
            [_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", target]
            + _postgres_args(),
            env=_postgres_env(),
            check=True,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def create(folder):
    """Write a new archive in ``folder`` and return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = folder / f"thachha-{stamp}.tar.gz"
    manifest = {
        "created": timezone.localtime().isoformat(),
        "engine": connection.vendor,
        "migrations": latest_migrations(),
        "counts": row_counts(),
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES.get(connection.vendor, "database")
        dump_database(str(dump))
        (Path(work) / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1)
        )
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(Path(work) / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, "media")
        partial.rename(archive)
    return archive, manifest


def _database_is_empty():
    return "django_migrations" not in connection.introspection.table_names()


def restore(archive, replace=False):
    """Restore ``archive`` into the configured database (which must be empty
    unless ``replace``) and MEDIA_ROOT; returns the manifest."""
    if not Path(archive).is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(archive) as tar:
                tar.extractall(work, filter="data")
        except tarfile.TarError:
            raise BackupError(
                f"{archive} không phải một bản sao lưu (tệp .tar.gz do make backup "
                "tạo)."
            ) from None
        if not (Path(work) / "manifest.json").is_file():
            raise BackupError(
                f"{archive} không có manifest.json: không phải bản sao lưu của cổng."
            )
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"Bản sao lưu là của {manifest['engine']}, còn cơ sở dữ liệu đang "
                f"cấu hình là {connection.vendor}."
            )
        if not replace and not _database_is_empty():
            raise BackupError(
                "Cơ sở dữ liệu đích đã có dữ liệu: khôi phục vào một cơ sở dữ liệu "
                "trống, hoặc thêm --replace để ghi đè."
            )
        _load_database(Path(work) / DUMP_NAMES[connection.vendor], replace)
        media = Path(work) / "media"
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest


def _load_database(dump, replace):
    if connection.vendor == "postgresql":
        connection.close()
        extra = ["--clean", "--if-exists"] if replace else []
        subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
            + extra
            + _postgres_args()
            + [str(dump)],
            env=_postgres_env(),
            check=True,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
    connection.close()
