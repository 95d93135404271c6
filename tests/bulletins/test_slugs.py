import pytest

from bulletins.models import Bulletin, Category

pytestmark = pytest.mark.django_db


def make(title, slug=""):
    category, _ = Category.objects.get_or_create(
        slug="tin-cchc", defaults={"name": "Tin CCHC"}
    )
    bulletin = Bulletin(
        title=title,
        slug=slug,
        summary="Tóm tắt.",
        body="<p>Nội dung.</p>",
        category=category,
    )
    bulletin.full_clean()
    bulletin.save()
    return bulletin


def test_blank_slug_is_made_from_the_title_without_losing_letters():
    bulletin = make("Người dân nộp hồ sơ trực tuyến")
    assert bulletin.slug == "nguoi-dan-nop-ho-so-truc-tuyen"
    assert bulletin.get_absolute_url() == "/tin-tuc/nguoi-dan-nop-ho-so-truc-tuyen/"


def test_same_title_gets_a_unique_slug():
    make("Thông báo lịch tiếp dân")
    assert make("Thông báo lịch tiếp dân").slug == "thong-bao-lich-tiep-dan-2"


def test_a_slug_typed_by_the_editor_is_kept():
    assert make("Tin mới", slug="tin-rieng").slug == "tin-rieng"


def test_category_slug_is_made_from_its_name():
    category = Category(name="Người tốt, việc tốt")
    category.full_clean()
    category.save()
    assert category.slug == "nguoi-tot-viec-tot"
