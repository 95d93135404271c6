"""The shared vocabulary: seeded on every install, edited by the listing officer
in the admin, applied at once to every procedure (imported ones included) and
to every query; the log of searches without a result, shown to staff."""

import importlib

import pytest
from django.urls import reverse

from procedures.models import Procedure
from procedures.selectors import catalogue
from tests.procedures.factories import make_field, make_procedure
from thachha_portal.models import ElsewhereTopic, SearchMiss, Synonym
from thachha_portal.search import vocabulary
from thachha_portal.search.vocabulary import Topic, Vocabulary

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


def test_a_later_seed_narrows_the_lost_land_certificate_and_names_where_to_go():
    from django.apps import apps

    from thachha_portal.search.seed import add_missing

    title = "Cấp lại sổ đỏ, sổ hồng bị mất"
    ElsewhereTopic.objects.filter(title=title).delete()
    Synonym.objects.filter(phrase_key="so do bi mat").delete()
    Synonym.objects.filter(phrase_key__in=["mat so do", "cap lai so do"]).update(
        official="cấp lại giấy chứng nhận"  # as first seeded
    )
    Synonym.objects.filter(phrase_key="cap lai so do").update(
        official="cấp lại giấy chứng nhận đất"  # changed by staff
    )
    add_missing(apps, only=["sổ đỏ bị mất", title])
    assert ElsewhereTopic.objects.get(title=title).authority.startswith(
        "Chi nhánh Văn phòng đăng ký đất đai"
    )
    assert Synonym.objects.filter(phrase_key="so do bi mat").exists()
    assert Synonym.objects.get(phrase_key="mat so do").official_list == [
        "cấp lại giấy chứng nhận quyền sử dụng đất"
    ]
    assert Synonym.objects.get(phrase_key="cap lai so do").official_list == [
        "cấp lại giấy chứng nhận đất"
    ]


def test_the_qa_pass_entries_reach_installs_seeded_before_them():
    from django.apps import apps

    added = importlib.import_module(
        "thachha_portal.migrations.0010_search_vocabulary_qa_pass"
    )
    keys = ["de con", "dam ma", "dkks"]
    Synonym.objects.filter(phrase_key__in=keys).delete()
    Synonym.objects.filter(phrase_key="nguoi co cong").update(
        official="người có công"  # changed by staff
    )
    added.add(apps, None)
    assert Synonym.objects.filter(phrase_key__in=keys).count() == 3
    assert Synonym.objects.get(phrase_key="nguoi co cong").official_list == [
        "người có công"
    ]


def test_a_funeral_asks_for_the_death_registration_first_on_installs_seeded_before():
    from django.apps import apps

    later = importlib.import_module(
        "thachha_portal.migrations.0012_search_vocabulary_funeral"
    )
    Synonym.objects.filter(phrase_key="tang le").delete()
    Synonym.objects.filter(phrase_key="dam tang").update(official="mai táng")
    Synonym.objects.filter(phrase_key="ma chay").update(
        official="chi phí mai táng"  # changed by staff
    )
    later.add(apps, None)
    for key in ("dam tang", "tang le"):
        assert Synonym.objects.get(phrase_key=key).official_list == [
            "khai tử",
            "mai táng",
        ]
    assert Synonym.objects.get(phrase_key="ma chay").official_list == [
        "chi phí mai táng"
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
    assert codes("làm hậu sự giấy tờ") == []
    client.force_login(make_staff("motcua", "procedures"))
    response = client.post(
        reverse("admin:thachha_portal_synonym_add"),
        {"phrase": "làm hậu sự giấy tờ", "official": "khai tử", "kind": "everyday"},
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert "lam hau su giay to" in procedure.search_vocabulary
    assert codes("lam hau su giay to") == ["1.000656"]
    entry = Synonym.objects.get(phrase_key="lam hau su giay to")
    client.post(
        reverse("admin:thachha_portal_synonym_delete", args=[entry.pk]),
        {"post": "yes"},
    )
    procedure.refresh_from_db()
    assert "lam hau su giay to" not in procedure.search_vocabulary


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
    # The shortest, most common name first.
    assert "Còn gọi là “giấy độc thân”, “chứng nhận độc thân”," in html
    # Situations ("chưa có vợ") only help the search: they are not names.
    assert "chưa có vợ" not in html
    # The vocabulary is held by the worker: the page costs no query for it.
    with django_assert_max_num_queries(50) as page:
        client.get(procedure.get_absolute_url())
    again = len(page.captured_queries)
    Synonym.objects.create(
        phrase="giấy hôn nhân", official="tình trạng hôn nhân", other_name=True
    )
    client.get(procedure.get_absolute_url())  # the vocabulary is read again
    with django_assert_max_num_queries(again):
        html = client.get(procedure.get_absolute_url()).content.decode()
    assert "“giấy hôn nhân”" in html


def also_called_on_page(client, procedure):
    html = client.get(procedure.get_absolute_url()).content.decode()
    line = [row for row in html.splitlines() if "procedure-also-called" in row]
    return line[0] if line else ""


def test_only_entries_staff_mark_as_another_name_are_shown(
    client, profile, settings, make_staff
):
    settings.PAGE_CACHE_SECONDS = 0
    procedure = make_procedure("Thủ tục đăng ký kết hôn", code="1.000894")
    client.force_login(make_staff("motcua", "procedures"))
    add = reverse("admin:thachha_portal_synonym_add")
    entry = {"official": "đăng ký kết hôn", "kind": "everyday"}
    response = client.post(add, {**entry, "phrase": "làm hôn phối"})
    assert response.status_code == 302
    response = client.post(
        add, {**entry, "phrase": "xin đăng ký hôn phối", "other_name": "on"}
    )
    assert response.status_code == 302
    line = also_called_on_page(client, procedure)
    assert "“xin đăng ký hôn phối”" in line
    assert "làm hôn phối" not in line  # helps the search, is not a name
    names = client.get(
        reverse("admin:thachha_portal_synonym_changelist"), {"other_name__exact": "1"}
    ).content.decode()
    assert "xin đăng ký hôn phối" in names
    assert "làm hôn phối" not in names
    # The page follows what staff set, both ways.
    named = Synonym.objects.get(phrase="xin đăng ký hôn phối")
    named.other_name = False
    named.save()
    assert "hôn phối" not in also_called_on_page(client, procedure)
    # Both still find the procedure: the mark changes the page, not the search.
    assert codes("làm hôn phối") == codes("xin đăng ký hôn phối") == ["1.000894"]


def test_papers_people_bring_and_the_wider_matter_are_not_names(
    client, profile, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    birth = make_procedure("Thủ tục đăng ký khai sinh", code="1.001193")
    mediation = make_procedure("Hòa giải tranh chấp đất đai", code="2.002344")
    line = also_called_on_page(client, birth)
    assert "“làm giấy khai sinh”" in line
    assert "chứng sinh" not in line  # the hospital's paper people bring
    assert also_called_on_page(client, mediation) == ""  # no “kiện đất”
    # They still lead to their procedure.
    assert codes("giấy chứng sinh")[0] == "1.001193"
    assert codes("kiện đất")[0] == "2.002344"


def test_seeded_names_are_marked_and_helper_words_are_not():
    marked = set(
        Synonym.objects.filter(other_name=True).values_list("phrase_key", flat=True)
    )
    assert {"giay doc than", "lam giay khai sinh", "nhap ho khau"} <= marked
    assert not {"giay chung sinh", "kien dat", "so do", "bo mat", "khai sanh"} & marked


def test_marking_the_seeded_names_leaves_entries_staff_changed():
    from django.apps import apps

    from thachha_portal.search.seed import mark_other_names

    Synonym.objects.update(other_name=False)
    Synonym.objects.filter(phrase_key="giay doc than").update(
        official="xác nhận tình trạng hôn nhân\ngiấy tờ"  # changed by staff
    )
    assert mark_other_names(apps) == 62
    assert not Synonym.objects.get(phrase_key="giay doc than").other_name
    assert Synonym.objects.get(phrase_key="lam khai sinh").other_name


def test_a_later_seed_adds_names_marked_and_helper_words_unmarked():
    from django.apps import apps

    from thachha_portal.search.seed import add_missing

    Synonym.objects.filter(phrase_key__in=["lam khai sinh", "moi de"]).delete()
    add_missing(apps, only=["làm khai sinh", "mới đẻ"])
    assert Synonym.objects.get(phrase_key="lam khai sinh").other_name
    assert not Synonym.objects.get(phrase_key="moi de").other_name


def test_a_matter_handled_elsewhere_is_named_by_whole_syllables_in_its_order():
    def topic(pk, *phrases):
        return Topic(pk, f"T{pk}", "UBND huyện", "", "", phrases)

    words = Vocabulary.build([], [topic(1, "so do"), topic(2, "ho chieu", "visa")])
    assert [t.pk for t in words.topics_in("xin cap ho chieu va so do")] == [1, 2]
    assert [t.pk for t in words.topics_in("gia han visa")] == [2]
    # Part of a syllable is not the syllable: "so dong" is not "so do".
    assert words.topics_in("so dong ho") == []
    assert words.topics_in("") == []
