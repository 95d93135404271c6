"""Many addresses with one ``reverse``: the same addresses as ``reverse``."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from thachha_portal.addresses import (
    address,
    address_maker,
    fixed_address,
    site_address,
)


def test_each_address_is_the_one_reverse_gives():
    activity = address_maker("plans:activity", "pk", 1)
    procedure = address_maker("procedures:detail", "code", "1.000001")
    period = address_maker("plans:drilldown", "key", "all", pk=3, indicator_pk=12)
    for pk in (1, 7, 1001):
        assert activity(pk) == reverse("plans:activity", kwargs={"pk": pk})
    for code in ("1.001193", "2.000986"):
        assert procedure(code) == reverse("procedures:detail", kwargs={"code": code})
    for key in ("all", "m2026-03", "q2026-2"):
        assert period(key) == reverse(
            "plans:drilldown", kwargs={"pk": 3, "indicator_pk": 12, "key": key}
        )


def test_models_give_the_addresses_reverse_gives_wherever_the_site_is_mounted():
    """Procedures, news and categories ask ``addresses.address``, which keeps one
    ``reverse`` per URL configuration and script prefix."""
    cases = [
        (
            "procedures:detail",
            "code",
            ["1.001193", "2.000986", "1.001612.000.00.00.H01"],
            "1.000001",
        ),
        ("bulletins:detail", "slug", ["tin-1", "hop-bao_2026", "x"], "x"),
        ("bulletins:category", "slug", ["tin-cchc", "neu-guong"], "x"),
    ]
    try:
        for prefix in ("/", "/cong-thong-tin/", "/"):
            set_script_prefix(prefix)
            for viewname, name, values, sample in cases:
                for value in values:
                    expected = reverse(viewname, kwargs={name: value})
                    assert expected.startswith(prefix)
                    assert address(viewname, name, value, sample) == expected
    finally:
        set_script_prefix("/")


def test_an_empty_value_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        address("procedures:detail", "code", "", sample="1.000001")


def test_another_url_configuration_gets_its_own_addresses(settings):
    settings.ROOT_URLCONF = "tests.core.moved_urls"
    assert address("bulletins:detail", "slug", "tin-1", "x") == "/moi/tin-tuc/tin-1/"


def test_a_views_own_address_follows_the_mount_point_and_configuration(settings):
    """Pages link to views without arguments through ``fixed_address`` (the
    templates' ``url()``): what ``reverse`` gives, wherever the site is."""
    names = ["home", "procedures:list", "bulletins:list", "search"]
    try:
        for prefix in ("/", "/cong-thong-tin/", "/"):
            set_script_prefix(prefix)
            for name in names:
                assert fixed_address(name) == reverse(name)
                assert fixed_address(name).startswith(prefix)
    finally:
        set_script_prefix("/")
    settings.ROOT_URLCONF = "tests.core.moved_urls"
    assert fixed_address("bulletins:list") == "/moi/tin-tuc/"


def test_the_public_address_comes_from_site_url_not_the_request(settings, rf):
    request = rf.get("/", HTTP_HOST="localhost:8102")
    settings.SITE_URL = "https://thachha.example.vn"
    assert site_address("/thu-tuc/", request) == "https://thachha.example.vn/thu-tuc/"
    assert site_address("/tin-tuc/") == "https://thachha.example.vn/tin-tuc/"
    assert site_address("//cdn.example.vn/a.png") == "https://cdn.example.vn/a.png"
    assert site_address("https://s3.example.vn/a.mp3") == "https://s3.example.vn/a.mp3"
    settings.SITE_URL = ""  # none set: the request's, or the path as it is
    assert site_address("/thu-tuc/", request) == "http://localhost:8102/thu-tuc/"
    assert site_address("/thu-tuc/") == "/thu-tuc/"
