"""A bulletin links the procedures it talks about; only published (active)
procedures are shown to readers."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins import services
from bulletins.models import Attachment
from procedures.models import Procedure
from tests.procedures.factories import make_procedure

from .factories import make_bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(profile, category):
    bulletin = make_bulletin(title="Hướng dẫn làm giấy khai sinh trực tuyến")
    active = make_procedure("Thủ tục đăng ký khai sinh", code="1.001193")
    withdrawn = make_procedure(
        "Thủ tục đã bãi bỏ", code="1.000001", status=Procedure.Status.WITHDRAWN
    )
    bulletin.related_procedures.add(active, withdrawn)
    return bulletin, active, withdrawn


def test_bulletin_page_links_its_published_procedures(client, linked):
    bulletin, active, withdrawn = linked
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Thủ tục hành chính liên quan" in html
    assert f'href="{active.get_absolute_url()}"' in html
    assert "1.001193" in html
    assert withdrawn.name not in html


def test_page_without_related_procedures_has_no_empty_section(
    client, profile, category
):
    html = client.get(make_bulletin().get_absolute_url()).content.decode()
    assert "Thủ tục hành chính liên quan" not in html


def test_related_procedures_cost_no_query_per_procedure(
    client, linked, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    bulletin = linked[0]
    for n in range(10):
        bulletin.related_procedures.add(make_procedure(f"Thủ tục số {n}", parts=False))
    with django_assert_max_num_queries(12):
        assert client.get(bulletin.get_absolute_url()).status_code == 200


def test_editor_can_pick_published_procedures_in_the_admin(client, linked, editor):
    bulletin, active, withdrawn = linked
    bulletin.status = "draft"
    bulletin.save()
    client.force_login(editor)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    html = client.get(url).content.decode()
    assert f'<option value="{active.pk}" selected>' in html
    assert withdrawn.name not in html


def test_an_items_page_shows_its_own_files_procedures_and_approved_comments_in_order(
    client, linked, django_assert_max_num_queries
):
    """What the page reads besides the item (by SQL compiled once per process,
    thachha_portal/related.py): its own attachments by their order, its
    published procedures by name and its approved comments by time — never
    another item's, a withdrawn procedure or a comment not yet approved."""
    bulletin, active, withdrawn = linked
    other = make_bulletin(title="Tin khác")
    for target, order, title in (
        (bulletin, 2, "Phụ lục 2"),
        (bulletin, 1, "Phụ lục 1"),
        (other, 0, "Tệp của tin khác"),
    ):
        Attachment.objects.create(
            bulletin=target,
            title=title,
            order=order,
            file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.4\n"),
        )
    bulletin.related_procedures.add(make_procedure("Thủ tục cấp bản sao trích lục"))
    for target, voter, body, status in (
        (bulletin, "1", "Ý kiến đã duyệt thứ nhất", "approved"),
        (bulletin, "2", "Ý kiến còn chờ duyệt", None),
        (other, "3", "Ý kiến ở tin khác", "approved"),
        (bulletin, "4", "Ý kiến đã duyệt thứ hai", "approved"),
    ):
        comment = services.comment_submit(
            bulletin=target, name="Người dân", body=body, voter=voter
        )
        if status:
            comment.status = status
            comment.save()
    client.get(bulletin.get_absolute_url())
    with django_assert_max_num_queries(6):
        html = client.get(bulletin.get_absolute_url()).content.decode()
    mine = (
        "Phụ lục 1|Phụ lục 2|Tệp của tin khác|Ý kiến đã duyệt thứ nhất|"
        "Ý kiến còn chờ duyệt|Ý kiến ở tin khác|Ý kiến đã duyệt thứ hai|"
        f"Thủ tục cấp bản sao trích lục|{active.name}|{withdrawn.name}"
    )
    assert re.findall(mine, html) == [
        "Phụ lục 1",
        "Phụ lục 2",
        "Thủ tục cấp bản sao trích lục",
        active.name,
        "Ý kiến đã duyệt thứ nhất",
        "Ý kiến đã duyệt thứ hai",
    ]
