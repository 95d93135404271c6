"""The admin's password change page speaks Vietnamese in each of its refusals:
Django 5.2's “too short” message is a text its Vietnamese catalogue lacks
(thachha_portal/django_texts.py gives it to ours)."""

import re
from html import unescape

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

OLD = "pw-Thach-Ha-2021"  # tests/conftest.py's make_staff


def change(client, new1, new2=None, old=OLD):
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )
    assert response.status_code == 200  # refused, shown again
    return response.content.decode()


def english_refusals(user):
    """Every message the page can refuse a password with, in English."""
    with translation.override("en"):
        messages = {str(m) for m in PasswordChangeForm.error_messages.values()}
        for validator in password_validation.get_default_password_validators():
            for password in ("Xk7!", "password", "48291750", user.username + "1"):
                try:
                    validator.validate(password, user)
                except ValidationError as error:
                    messages.update(error.messages)
    return messages


def shown_errors(html):
    return [
        unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for listed in re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S)
        for item in re.findall(r"<li>(.*?)</li>", listed, re.S)
    ]


def test_a_password_too_short_is_refused_in_vietnamese(client, make_staff):
    client.force_login(make_staff("bientap", "editor"))
    html = change(client, "Xk7!")
    assert "Mật khẩu này quá ngắn: phải có ít nhất 8 ký tự." in html
    assert "too short" not in html


@pytest.mark.parametrize(
    ("new1", "new2", "old"),
    [
        ("Xk7!", None, OLD),  # too short
        ("password", None, OLD),  # too common
        ("48291750", None, OLD),  # only digits
        ("nguyenthilan1", None, OLD),  # like the username
        ("Mat-khau-moi-2027", "Mat-khau-khac-2027", OLD),  # typed twice unlike
        ("Mat-khau-moi-2027", None, "sai-mat-khau"),  # old password wrong
    ],
)
def test_no_refusal_of_the_password_change_page_is_in_english(
    client, make_staff, new1, new2, old
):
    user = make_staff("nguyenthilan", "editor")
    client.force_login(user)
    errors = shown_errors(change(client, new1, new2, old))
    assert errors
    english = english_refusals(user)
    assert not [e for e in errors if e in english], errors
