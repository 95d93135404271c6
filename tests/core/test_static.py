"""Static files' addresses in production: the hashed names of the manifest
(thachha_portal/storages.py keeps each address once worked out)."""

import json

import pytest

from thachha_portal.storages import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {
        "version": "1.1",
        "hash": "0",
        "paths": {
            "css/site.css": "css/site.0123abcd.css",
            "js/a11y.js": "js/a11y.4567.js",
        },
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_each_name_gets_its_hashed_address_every_time(storage):
    for _ in range(2):
        assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
        assert storage.url("js/a11y.js") == "/static/js/a11y.4567.js"
        assert (
            storage.url("css/site.css#print") == "/static/css/site.0123abcd.css#print"
        )


def test_a_name_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="css/missing.css"):
            storage.url("css/missing.css")


def test_while_developing_files_keep_their_own_names(storage, settings):
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"
    settings.DEBUG = False
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    settings.DEBUG = True
    assert storage.url("css/site.css") == "/static/css/site.css"
