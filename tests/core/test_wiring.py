"""The project package names each app's public pieces once (thachha_portal/wiring.py);
a missing or broken piece fails here, not silently on a page."""

import dataclasses
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.template.loader import get_template

from thachha_portal import wiring
from thachha_portal.roles import ROLE_NAMES


def project_app_labels():
    """Apps that live in this repository (the project package aside)."""
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
        and config.label != "thachha_portal"
    }


def test_every_app_of_the_repository_is_wired():
    assert [app.label for app in wiring.APPS] == ["procedures", "bulletins", "plans"]
    assert {app.label for app in wiring.APPS} == project_app_labels()


@pytest.mark.parametrize("app", wiring.APPS, ids=lambda app: app.label)
def test_each_wired_piece_exists(app):
    get_template(app.home_template)
    get_template(app.sitemap_template)
    assert app.sitemaps
    assert all(issubclass(s, Sitemap) for s in app.sitemaps.values())
    assert set(app.roles) <= set(ROLE_NAMES)
    for piece in (app.home_context, app.sitemap_context, app.search):
        assert callable(piece)
    for files in app.public_files:
        assert files.model._meta.app_label == app.label  # each app names its own
        assert files.folder and "%" not in files.folder


@pytest.mark.django_db
def test_every_upload_folder_is_public_only_through_its_apps_row():
    """The folders media.serve may hand to anyone are exactly those the rows of
    APPS name, and each answers a query (its owner's ``published()`` exists)."""
    from thachha_portal import media

    declared = [files for app in wiring.APPS for files in app.public_files]
    assert set(media._public_files) == {files.folder for files in declared}
    for files in declared:
        assert files.public().count() == 0


@pytest.mark.django_db
def test_home_page_has_one_block_per_app_in_order(client, profile):
    html = client.get("/").content.decode()
    positions = [html.index(f"home-block-{app.label}") for app in wiring.APPS]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_site_map_page_links_each_app(client, profile):
    html = client.get("/so-do-trang/").content.decode()
    for path in ("/thu-tuc/", "/tin-tuc/", "/ke-hoach/"):
        assert f'href="{path}"' in html


@pytest.mark.django_db
def test_a_failing_home_block_fails_the_page_instead_of_vanishing(
    client, profile, monkeypatch
):
    def broken(request):
        raise LookupError("broken selector")

    broken_apps = (dataclasses.replace(wiring.APPS[0], home_context=broken),)
    monkeypatch.setattr(wiring, "APPS", broken_apps + wiring.APPS[1:])
    with pytest.raises(LookupError):
        client.get("/")


def test_sitemap_xml_has_every_apps_sections():
    keys = set(wiring.sitemaps())
    for app in wiring.APPS:
        assert set(app.sitemaps) <= keys
    assert "pages" in keys
