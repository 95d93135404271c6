"""The number boxes of the news' admin say their limits (a category's and an
attachment's order), instead of Django's generic “Đảm bảo giá trị này nhỏ hơn
hoặc bằng với 32767 .” (the airing's duration: test_airings.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.admin import ORDER
from bulletins.models import Attachment, Bulletin, Category

from .factories import admin_bulletin_data, make_bulletin, make_category

pytestmark = pytest.mark.django_db
GENERIC = ("Đảm bảo giá trị", "Nhập một số tổng thể")


def _says_the_limits(response, typed):
    html = response.content.decode()
    assert response.status_code == 200
    assert str(ORDER) in html
    assert not any(text in html for text in GENERIC)
    assert f'value="{typed}"' in html


@pytest.mark.parametrize("typed", ["-1", "40000", "hai"])
def test_a_category_order_out_of_bounds_says_the_limits(client, approver, typed):
    client.force_login(approver)
    response = client.post(
        reverse("admin:bulletins_category_add"),
        {"name": "Nêu gương điển hình", "slug": "", "description": "", "order": typed},
    )
    _says_the_limits(response, typed)
    assert not Category.objects.exists()


def test_the_category_lists_order_column_says_the_limits(client, approver):
    category = make_category()
    client.force_login(approver)
    response = client.post(
        reverse("admin:bulletins_category_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(category.pk),
            "form-0-order": "40000",
            "_save": "Lưu",
        },
    )
    _says_the_limits(response, "40000")
    category.refresh_from_db()
    assert category.order == 0


def test_an_attachment_order_out_of_bounds_says_the_limits(client, editor):
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT)
    client.force_login(editor)
    data = admin_bulletin_data(
        bulletin,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Kế hoạch",
            "attachments-0-order": "-1",
            "attachments-0-file": SimpleUploadedFile(
                "ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n"
            ),
        },
    )
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    _says_the_limits(client.post(url, data), "-1")
    assert not Attachment.objects.exists()
