"""The shared vocabulary: seeded on every install, edited by the listing officer
in the admin, applied at once to every procedure (imported ones included) and
to every query; the log of searches without a result, shown to staff."""

import pytest
from django.urls import reverse

from procedures.models import Procedure
from procedures.selectors import catalogue
from tests.procedures.factories import make_field, make_procedure
from thachha_portal.models import ElsewhereTopic, SearchMiss, Synonym
from thachha_portal.search import vocabulary

pytestmark = pytest.mark.django_db


def codes(query):
    return [p.code for p in catalogue(query=query)]


def test_every_install_starts_with_a_curated_vocabulary():
    assert Synonym.objects.count() >= 150
    so_do = Synonym.objects.get(phrase_key="so do")
    assert "giấy chứng nhận quyền sử dụng đất" in so_do.official_list
    assert ElsewhereTopic.objects.filter(title="Giấy phép lái xe").exists()


def test_a_later_seed_adds_its_entries_and_reorders_only_what_staff_left():
    from django.apps import apps

    from thachha_portal.search.seed import add_missing

    Synonym.objects.filter(phrase_key__in=["chua vo", "thue tro"]).delete()
    Synonym.objects.filter(phrase_key="mat giay khai sinh").update(
        official="đăng ký lại khai sinh\nbản sao giấy khai sinh"
    )
    Synonym.objects.filter(phrase_key="mat giay ket hon").update(
        official="đăng ký lại kết hôn"  # changed by staff
    )
    add_missing(apps, only=["chưa vợ"])
    assert Synonym.objects.filter(phrase_key="chua vo").exists()
    assert not Synonym.objects.filter(phrase_key="thue tro").exists()
    assert Synonym.objects.get(phrase_key="mat giay khai sinh").official_list == [
        "bản sao giấy khai sinh",
        "đăng ký lại khai sinh",
    ]
    assert Synonym.objects.get(phrase_key="mat giay ket hon").official_list == [
        "đăng ký lại kết hôn"
    ]


def test_a_procedure_without_keywords_gets_the_everyday_names_of_its_terms():
    procedure = make_procedure(
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", code="1.004873"
    )
    names = procedure.search_vocabulary.strip("|").split("|")
    assert "giay doc than" in names
    assert "xac nhan doc than" in names
    assert codes("giay doc than") == ["1.004873"]


def test_a_vocabulary_entry_added_in_the_admin_applies_at_once(client, make_staff):
    procedure = make_procedure("Thủ tục đăng ký khai tử", code="1.000656")
    assert codes("làm ma chay giấy tờ") == []
    client.force_login(make_staff("motcua", "procedures"))
    response = client.post(
        reverse("admin:thachha_portal_synonym_add"),
        {"phrase": "làm ma chay giấy tờ", "official": "khai tử", "kind": "everyday"},
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert "lam ma chay giay to" in procedure.search_vocabulary
    assert codes("lam ma chay giay to") == ["1.000656"]
    entry = Synonym.objects.get(phrase_key="lam ma chay giay to")
    client.post(
        reverse("admin:thachha_portal_synonym_delete", args=[entry.pk]),
        {"post": "yes"},
    )
    procedure.refresh_from_db()
    assert "lam ma chay giay to" not in procedure.search_vocabulary


def test_the_admin_refuses_a_phrase_already_in_the_vocabulary(client, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    response = client.post(
        reverse("admin:thachha_portal_synonym_add"),
        {"phrase": "SO DO", "official": "giấy chứng nhận", "kind": "everyday"},
    )
    assert response.status_code == 200
    assert "“sổ đỏ” đã có trong từ điển" in response.content.decode()


def test_only_the_listing_officer_keeps_the_vocabulary_and_reads_the_log(
    client, make_staff
):
    url = reverse("admin:thachha_portal_synonym_changelist")
    log = reverse("admin:thachha_portal_searchmiss_changelist")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_staff("bientap", "editor"))
    assert client.get(url).status_code == 403
    assert client.get(log).status_code == 403
    client.force_login(make_staff("motcua", "procedures"))
    assert client.get(url).status_code == 200
    assert client.get(log).status_code == 200
    assert client.get(reverse("admin:thachha_portal_searchmiss_add")).status_code == 403


def test_staff_see_the_most_frequent_searches_without_result(client, make_staff):
    make_procedure("Thủ tục đăng ký khai tử", code="1.000656")
    for _ in range(3):
        catalogue(query="xin giấy phép bắn pháo hoa")
    catalogue(query="đăng ký nuôi chim yến")
    client.force_login(make_staff("motcua", "procedures"))
    html = client.get(reverse("admin:thachha_portal_searchmiss_changelist"))
    html = html.content.decode()
    assert html.index("xin giay phep ban phao hoa") < html.index(
        "dang ki nuoi chim yen"
    )
    add = reverse("admin:thachha_portal_synonym_add")
    assert f"{add}?phrase=xin+giay+phep+ban+phao+hoa" in html


def test_the_vocabulary_applies_to_queries_on_every_worker(
    django_capture_on_commit_callbacks,
):
    make_procedure("Thủ tục đăng ký kết hôn", code="1.000894", field=make_field())
    assert vocabulary.current().meaning("lay vo") == ("ket hon",)
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.filter(phrase_key="lay vo").delete()
    assert vocabulary.current().meaning("lay vo") == ()
    assert Procedure.objects.count() == 1


def test_the_site_search_counts_only_searches_that_find_nothing_anywhere(
    client, profile
):
    make_procedure("Thủ tục đăng ký khai tử", code="1.000656")
    client.get(reverse("search"), {"q": "khai tử"})
    client.get(reverse("search"), {"q": "nuôi chim yến"})
    client.get(reverse("search"), {"q": "hộ chiếu"})
    assert dict(SearchMiss.objects.values_list("query", "kind")) == {
        "nuoi chim yen": "nothing",
        "ho chieu": "elsewhere",
    }


def test_a_procedure_page_says_what_people_also_call_it(
    client, profile, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    procedure = make_procedure(
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", code="1.004873"
    )
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Còn gọi là “giấy độc thân”." in html
    # Situations ("chưa có vợ") and other spellings are not names.
    assert "chưa có vợ" not in html
    # The vocabulary is held by the worker: the page costs no query for it.
    with django_assert_max_num_queries(50) as page:
        client.get(procedure.get_absolute_url())
    again = len(page.captured_queries)
    Synonym.objects.create(phrase="giấy hôn nhân", official="tình trạng hôn nhân")
    client.get(procedure.get_absolute_url())  # the vocabulary is read again
    with django_assert_max_num_queries(again):
        html = client.get(procedure.get_absolute_url()).content.decode()
    assert "“giấy hôn nhân”" in html
