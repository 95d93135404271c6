"""Two members of staff edit the same news item: the second save does not
silently replace the first; it is refused with who saved and when, what was
typed kept, and saving again replaces the other version on purpose
(thachha_portal/editing.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from bulletins.models import Bulletin

from .factories import admin_bulletin_data, make_bulletin

pytestmark = pytest.mark.django_db


def opened(client, url):
    """The change form as a browser shows it: the version it carries."""
    html = client.get(url).content.decode()
    return re.search(r'name="_edited_at" value="([^"]+)"', html).group(1)


def draft(**fields):
    """A draft news item and the address of its change form."""
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT, **fields)
    return bulletin, reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])


@pytest.fixture
def two_editors(make_staff):
    first, second = Client(), Client()
    lan = make_staff("lan", "editor")
    lan.first_name = "Nguyễn Thị Lan"  # the full name, as the demo's accounts hold it
    lan.save()
    first.force_login(lan)
    second.force_login(make_staff("hung", "editor"))
    return first, second


def test_the_second_save_is_refused_and_loses_nothing(two_editors):
    first, second = two_editors
    bulletin, url = draft(title="Tiêu đề gốc")
    seen_by_first, seen_by_second = opened(first, url), opened(second, url)

    saved = first.post(
        url,
        admin_bulletin_data(
            bulletin, title="Tiêu đề của Lan", _edited_at=seen_by_first
        ),
    )
    assert saved.status_code == 302

    refused = second.post(
        url,
        admin_bulletin_data(
            bulletin, summary="Tóm tắt Hùng vừa gõ", _edited_at=seen_by_second
        ),
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Nguyễn Thị Lan" in html and "vừa lưu" in html
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", html)  # when, in local time
    assert "Tóm tắt Hùng vừa gõ" in html  # what was typed, shown again
    bulletin.refresh_from_db()
    assert bulletin.title == "Tiêu đề của Lan"  # Lan's edit stands
    assert bulletin.summary != "Tóm tắt Hùng vừa gõ"

    # The form now carries Lan's version: saving again is deliberate.
    again = re.search(r'name="_edited_at" value="([^"]+)"', html).group(1)
    assert again != seen_by_second
    replaced = second.post(
        url,
        admin_bulletin_data(bulletin, summary="Tóm tắt Hùng vừa gõ", _edited_at=again),
    )
    assert replaced.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.summary == "Tóm tắt Hùng vừa gõ"


def test_saving_twice_in_a_row_is_no_conflict(two_editors):
    first, _second = two_editors
    bulletin, url = draft()
    for title in ("Lần một", "Lần hai"):
        data = admin_bulletin_data(bulletin, title=title, _edited_at=opened(first, url))
        assert first.post(url, data).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title == "Lần hai"


def test_a_change_by_an_import_or_a_script_is_named_so(two_editors):
    first, _second = two_editors
    bulletin, url = draft()
    seen = opened(first, url)
    bulletin.title = "Sửa bằng lệnh"
    bulletin.save()  # no admin history entry
    html = first.post(
        url, admin_bulletin_data(bulletin, title="Của Lan", _edited_at=seen)
    ).content.decode()
    assert "người dùng khác hoặc một lần nhập dữ liệu" in html


def test_every_record_staff_edit_with_a_version_is_guarded():
    """Each admin of a model with ``updated_at`` checks the version its form
    shows (a new admin is guarded the day it is written)."""
    from django.contrib import admin

    from thachha_portal.editing import EditConflictMixin

    versioned = [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if any(f.name == "updated_at" for f in model._meta.concrete_fields)
    ]
    assert len(versioned) >= 8
    assert all(isinstance(m, EditConflictMixin) for m in versioned), [
        type(m).__name__ for m in versioned if not isinstance(m, EditConflictMixin)
    ]


def test_a_procedure_form_carries_its_version(make_staff):
    from procedures.models import Procedure
    from tests.procedures.factories import make_procedure

    client = Client()
    client.force_login(make_staff("admin", superuser=True))
    procedure = make_procedure()
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    seen = opened(client, url)
    assert seen == Procedure.objects.get(pk=procedure.pk).updated_at.isoformat()
