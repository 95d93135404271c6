"""Query parameters of public pages are read by one strict rule
(thachha_portal/params.py): malformed numbers are a 404, never a 500."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from thachha_portal import params

NOT_NUMBERS = [
    "²",
    "¹",
    "①",
    "١٢",
    "1_0",
    " 1",
    "1 ",
    "+1",
    "-1",
    "1e3",
    "0x1",
    "",
    "1" * 10,
]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_only_plain_ascii_digits_are_numbers(value):
    assert params.number(value) is None


def test_plain_digits_are_numbers():
    assert params.number("0") == 0
    assert params.number("007") == 7
    assert params.number("999999999") == 999_999_999


def get(query):
    return RequestFactory().get("/", query)


def test_a_malformed_number_is_a_page_that_does_not_exist():
    assert params.query_number(get({}), "n") is None
    assert params.query_number(get({"n": ""}), "n") is None
    assert params.query_number(get({"n": "12"}), "n") == 12
    with pytest.raises(Http404):
        params.query_number(get({"n": "²"}), "n")


@pytest.mark.parametrize(("query", "expected"), [({}, 1), ({"page": "2"}, 2)])
def test_page_of_reads_the_page(query, expected):
    assert params.page_of(get(query), list(range(25)), 10).number == expected


@pytest.mark.parametrize("page", ["0", "4", "²", "last", "1.0"])
def test_page_of_refuses_pages_that_do_not_exist(page):
    with pytest.raises(Http404):
        params.page_of(get({"page": page}), list(range(25)), 10)


def test_an_empty_list_has_a_first_page():
    assert list(params.page_of(get({}), [], 10).object_list) == []


def test_text_loses_control_characters_and_is_cut():
    assert params.query_text(get({"q": " giấy\x00 khai\tsinh\x7f "}), "q") == (
        "giấy  khai sinh"
    )
    assert len(params.query_text(get({"q": "a" * 500}), "q")) == 200


@pytest.mark.parametrize(
    "url",
    [
        "/ke-hoach/?ke-hoach=%C2%B2",
        "/ke-hoach/?ke-hoach=%C2%B9",
        "/ke-hoach/?ke-hoach=%E2%91%A0",
        "/ke-hoach/?ke-hoach=abc",
        "/tin-tuc/?page=%C2%B2",
        "/tin-tuc/?page=99",
        "/thu-tuc/?page=%D9%A1",
        "/thu-tuc/?page=0",
    ],
)
def test_public_pages_answer_404_to_malformed_numbers(client, profile, url):
    assert client.get(url).status_code == 404
