"""Public pages: the dashboard, the plan as a document, the drill-down, activities."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins import demo as bulletins_demo
from plans import demo, demo_data
from plans.models import Activity, Evidence, Indicator, Plan
from plans.periods import local_today
from plans.selectors import current_plan
from procedures import demo as procedures_demo
from thachha_portal import pagecache

from .factories import make_activity, make_kpi, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan(profile):
    """The demo's 2021 plan (archived; the demo's current plan is this year's)."""
    return demo.load()


def dashboard_of(client, plan):
    return client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})


def test_dashboard_shows_the_plan_of_today_and_archived_plans_on_request(client, plan):
    current = Plan.objects.get(starts_on__year=local_today().year)
    response = client.get(reverse("plans:dashboard"))
    assert response.status_code == 200
    assert response.context["plan"] == current
    assert response.context["dash"]["is_current"]
    response = dashboard_of(client, plan)
    text = response.content.decode()
    assert "02/KH-UBND" in text and "ngày 06 tháng 01 năm 2021" in text
    assert "đã kết thúc" in text  # the archived plan says so, with its results
    assert response.context["dash"]["summary"]["total"] == 10


def test_a_plan_that_has_not_begun_is_not_called_ended(client, profile):
    plans = {
        y: make_plan(
            number=f"{y}/KH-UBND",
            issued_on=D(2025, 12, 26),
            starts_on=D(y, 1, 1),
            ends_on=D(y, 12, 31),
            title=f"Kế hoạch năm {y}",
        )
        for y in (2025, 2026, 2027)
    }
    noon = datetime.datetime(2026, 12, 10, 5, tzinfo=datetime.UTC)
    with time_machine.travel(noon, tick=False):

        def notice(year):
            page = client.get("/ke-hoach/", {"ke-hoach": plans[year].pk})
            return re.search(r'<p class="notice">(.*?)</p>', page.content.decode())

        upcoming = notice(2027).group(1)
        assert (
            "bắt đầu từ 15/12/2026" in upcoming
        )  # its first period and "kết thúc" not in upcoming
        assert "đã kết thúc" in notice(2025).group(1)
        assert notice(2026) is None  # the plan in force


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (D(2026, 12, 31), 2026),
        (D(2027, 1, 1), 2027),  # the new year's plan is current from its first day
        (D(2026, 1, 1), 2026),
    ],
)
def test_the_current_plan_follows_the_date(profile, today, year):
    for y in (2026, 2027):
        make_plan(
            number=f"{y}/KH-UBND",
            issued_on=D(y - 1, 12, 26),
            starts_on=D(y, 1, 1),
            ends_on=D(y, 12, 31),
            title=f"Kế hoạch năm {y}",
        )
    assert Plan.objects.published().current(today).starts_on.year == year
    # before any plan has begun there is none to show as current
    assert Plan.objects.published().current(D(2025, 6, 1)) is None


def test_dashboard_never_shows_a_draft_plan(client, profile):
    make_plan(status=Plan.Status.DRAFT, number="", issued_on=None)
    response = client.get(reverse("plans:dashboard"))
    assert response.context["plan"] is None
    assert client.get(reverse("plans:dashboard") + "?ke-hoach=999").status_code == 404


def test_dashboard_summary_counts_met_targets(client, plan):
    response = dashboard_of(client, plan)
    summary = response.context["dash"]["summary"]
    assert summary["total"] == 10
    met = [
        r.indicator.order for r in response.context["dash"]["rows"] if r.status == "met"
    ]
    # plan issued on time, posters at 5 places, 800 leaflets, 2 conferences, two
    # CCHC slots in other meetings, one contest, the culture officer leads: met
    # whatever the other apps hold.
    assert {1, 5, 6, 7, 8, 9, 10} <= set(met)
    assert f"Đạt {summary['met']}/10 chỉ tiêu" in response.content.decode()


def test_status_is_written_in_words_not_only_colour(client, plan):
    text = dashboard_of(client, plan).content.decode()
    assert '<span aria-hidden="true">✓</span> Đạt' in text
    assert '<span aria-hidden="true">○</span> Chưa đến hạn' in text


def test_plan_page_reads_as_a_document(client, plan):
    response = client.get(plan.get_absolute_url())
    text = response.content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Thạch Hà, ngày 06 tháng 01 năm 2021" in text
    # the issuer in full under its superior body, as issued in 2021
    assert "UBND HUYỆN THẠCH HÀ" in text
    assert "ỦY BAN NHÂN DÂN<br>THỊ TRẤN THẠCH HÀ" in text
    assert "I. MỤC ĐÍCH YÊU CẦU" in text
    assert "239/KH-UBND" in text and "29/07/2016" in text
    assert "Công chức Văn hóa – xã hội" in text  # the assignment
    # task statuses follow their KPIs (none invented): the plan issued on time,
    # the monthly news missed in some months
    task_row = text[text.index('id="task-') :]
    assert "đã hoàn thành" in task_row and "theo kết quả chỉ tiêu" in task_row


def test_draft_plan_page_is_not_public(client, profile):
    draft = make_plan(status=Plan.Status.DRAFT, number="", issued_on=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    kpi = make_kpi(draft)
    url = reverse("plans:drilldown", args=[draft.pk, kpi.pk, "all"])
    assert client.get(url).status_code == 404


def test_a_kpi_is_drilled_only_under_its_own_plan(client, plan):
    other = make_plan(number="03/KH-UBND", title="Kế hoạch khác")
    kpi = plan.indicators.get(order=6)
    for plan_pk, code in ((plan.pk, 200), (other.pk, 404)):
        url = reverse("plans:drilldown", args=[plan_pk, kpi.pk, "all"])
        assert client.get(url).status_code == code


def test_drilldown_lists_exactly_the_records_that_make_the_figure(client, plan):
    kpi = plan.indicators.get(order=6)  # leaflets, quantity
    response = client.get(reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"]))
    cell = response.context["cell"]
    leaflets = Activity.objects.filter(kind="leaflet", held_on__year=2021)
    assert cell.value == sum(a.quantity for a in leaflets) == 800
    records = list(response.context["page_obj"])
    assert sum(r.amount for r in records) == 800
    assert sorted(r.title for r in records) == sorted(a.title for a in leaflets)
    text = response.content.decode()
    for activity in leaflets:
        assert activity.get_absolute_url() in text


def test_drilldown_of_a_month_counts_only_that_month(client, profile):
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(
        plan, params={"kinds": ["conference"]}, period=Indicator.Period.MONTH
    )
    inside = make_activity(D(2021, 3, 31), title="Hội nghị tháng 3")
    make_activity(D(2021, 4, 1), title="Hội nghị tháng 4")
    response = client.get(
        reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-03"])
    )
    assert [r.title for r in response.context["page_obj"]] == [inside.title]
    assert '<td data-label="Ngày">31/03/2021</td>' in response.content.decode()
    assert (
        client.get(
            reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-13"])
        ).status_code
        == 404
    )


def test_activity_page_shows_its_evidence(client, profile):
    activity = make_activity(D(2021, 3, 26), title="Hội nghị CCHC")
    Evidence.objects.create(
        activity=activity, kind="document", document_number="07/GM-UBND"
    )
    text = client.get(activity.get_absolute_url()).content.decode()
    assert "Hội nghị CCHC" in text and "07/GM-UBND" in text


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("plans:dashboard")).status_code == 200
    return len(captured)


def test_dashboard_query_count_does_not_grow_with_records(client, plan, settings):
    settings.PAGE_CACHE_SECONDS = 0  # bulk_create sends no signal; render each time
    _dashboard_queries(client)  # warm the profile and visitor-counter caches
    few = _dashboard_queries(client)
    Activity.objects.bulk_create(
        Activity(
            kind=["conference", "leaflet", "poster"][i % 3],
            held_on=D(2021, 1, 1) + datetime.timedelta(days=i % 365),
            title=f"Hoạt động {i}",
            places=f"Tổ dân phố {i % 12}",
            quantity=10,
        )
        for i in range(2000)
    )
    many = _dashboard_queries(client)
    assert many == few
    assert few <= 40


def test_dashboard_query_budget(client, plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        client.get(reverse("plans:dashboard"))


def test_plan_and_drilldown_query_budget(client, plan, django_assert_max_num_queries):
    kpi = plan.indicators.get(order=5)
    client.get(plan.get_absolute_url())  # the figures, computed once a change
    with django_assert_max_num_queries(15):
        client.get(plan.get_absolute_url())
    with django_assert_max_num_queries(15):
        client.get(reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"]))


def test_home_page_shows_the_plan_of_the_year(client, plan):
    current = Plan.objects.get(starts_on__year=local_today().year)
    text = client.get("/").content.decode()
    assert reverse("plans:dashboard") in text
    assert (
        f"Kế hoạch số {current.number}" in text and str(current.starts_on.year) in text
    )
    assert "02/KH-UBND" not in text


def test_plan_is_in_both_site_maps(client, plan):
    assert plan.get_absolute_url() in client.get("/sitemap-plans.xml").content.decode()
    assert plan.get_absolute_url() in client.get("/so-do-trang/").content.decode()


def test_demo_loads_twice_without_doubling(plan):
    activities = Activity.objects.count()
    demo.load()
    assert Plan.objects.count() == 2  # 2021 and this year's
    assert plan.indicators.count() == 10
    assert Activity.objects.count() == activities >= len(demo_data.ACTIVITIES_2021)


def test_site_search_finds_plans_and_activities_without_diacritics(client, plan):
    response = client.get("/tim-kiem/", {"q": "hoi nghi tuyen truyen cai cach"})
    text = response.content.decode()
    conference = Activity.objects.filter(kind="conference").order_by("held_on")[0]
    assert conference.get_absolute_url() in text
    response = client.get("/tim-kiem/", {"q": "02/KH-UBND"})
    assert plan.get_absolute_url() in response.content.decode()


def test_drilldown_of_a_monthly_kpi_over_a_quarter_lists_its_months(client, profile):
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(
        plan, params={"kinds": ["conference"]}, period=Indicator.Period.MONTH
    )
    make_activity(D(2021, 2, 3), title="Hội nghị tháng 2")
    response = client.get(reverse("plans:drilldown", args=[plan.pk, kpi.pk, "q2021-1"]))
    assert [c.period.key for c in response.context["cells"]] == [
        "m2021-01",
        "m2021-02",
        "m2021-03",
    ]
    assert [r.title for r in response.context["page_obj"]] == ["Hội nghị tháng 2"]
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-13"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "key",
    [
        "m99999999999999999999-01",  # a year no date can hold
        "m9999-12",  # ends in the year 10000
        "year9999",
        "q9999-4",
        "m0000-01",
        "m2021-07",  # before the plan: the 2026 plan knows nothing of it
        "q2025-4",
        "m9999-01",
        "year2027",
        "m2026-001",
        "m2026-03x",
        "m٢٠٢٦-03",  # Arabic-Indic digits
    ],
)
def test_a_drilldown_outside_the_plan_or_malformed_is_not_found(client, profile, key):
    plan = make_plan(
        number="135/KH-UBND",
        issued_on=D(2025, 12, 26),
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )
    kpi = make_kpi(plan, period=Indicator.Period.MONTH)
    response = client.get(f"/ke-hoach/van-ban/{plan.pk}/chi-tieu/{kpi.pk}/{key}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_drilldown_key_written_without_its_zero_moves_to_its_own_address(
    client, profile
):
    plan = make_plan(
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        issued_on=D(2025, 12, 26),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )
    kpi = make_kpi(plan, period=Indicator.Period.MONTH)
    own = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2026-01"])
    assert client.get(own).status_code == 200
    moved = client.get(own.replace("m2026-01", "m2026-1") + "?page=1")
    assert (moved.status_code, moved["Location"]) == (301, own + "?page=1")
    quarter = client.get(own.replace("m2026-01", "q2026-01"))
    assert quarter["Location"] == own.replace("m2026-01", "q2026-1")
    # the periods of the plan's own year, as the cut-off counts it, are there
    for key in ("m2026-12", "q2026-4", "half2026", "nine2026", "year2026"):
        url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, key])
        assert client.get(url).status_code == 200, key


def test_drilldown_pages_its_records_and_keeps_its_query_count(
    client, profile, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]})
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])

    def page(number):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page": number})
        return response, len(captured)

    for n in range(3):
        make_activity(D(2021, 1, 1) + datetime.timedelta(days=n), title=f"HN {n:03}")
    page(1)  # warm the profile and visitor-counter caches
    _response, few = page(1)
    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.bulk_create(
            Activity(
                kind="conference",
                held_on=D(2021, 2, 1) + datetime.timedelta(days=n),
                title=f"HN {n:03}",
            )
            for n in range(3, 120)
        )
        pagecache.invalidate()  # bulk_create sends no signal: as the portal's own
    page(1)  # the figures of the new content version, once (as the dashboard's)
    first, many = page(1)
    assert many == few
    text = first.content.decode()
    assert "120 bản ghi tạo nên số liệu này" in text
    assert "HN 000" in text and "HN 049" in text and "HN 050" not in text
    assert 'rel="next"' in text
    last = page(3)[0].content.decode()
    assert "HN 119" in last and "HN 099" not in last
    # every record is on exactly one page
    titles = [r.title for n in (1, 2, 3) for r in page(n)[0].context["page_obj"]]
    assert titles == [f"HN {n:03}" for n in range(120)]


def test_target_source_keeps_the_capitals_of_ubnd_on_every_public_page(client, profile):
    # "UBND xã tự đặt…" inside a sentence was lower-cased whole to "ubnd xã".
    plan = make_plan()
    kpi = make_kpi(plan, target_source=Indicator.TargetSource.COMMUNE)
    make_kpi(plan, target_source=Indicator.TargetSource.PLAN)
    pages = [
        dashboard_of(client, plan),
        client.get(reverse("plans:plan", args=[plan.pk])),
        client.get(reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])),
    ]
    for response in pages:
        text = response.content.decode()
        assert "UBND thị trấn Thạch Hà tự đặt để theo dõi" in text  # its issuer
        assert "ubnd thị trấn" not in text
    assert "kế hoạch giao" in pages[0].content.decode()


def test_a_target_the_commune_set_names_it_as_the_plan_did_never_as_assigned(
    client, plan
):
    """The 2021 plan of thị trấn Thạch Hà and this year's of xã Thạch Hà: each
    target the commune set is credited to the name the plan was issued under,
    and no target is “chỉ tiêu giao” (assigned) unless the plan set it."""
    current = Plan.objects.exclude(pk=plan.pk).get(number="135/KH-UBND")
    for shown, name, other in (
        (plan, "UBND thị trấn Thạch Hà", "UBND xã Thạch Hà"),
        (current, "UBND xã Thạch Hà", "UBND thị trấn Thạch Hà"),
    ):
        for response in (
            dashboard_of(client, shown),
            client.get(reverse("plans:plan", args=[shown.pk])),
        ):
            text = response.content.decode()
            assert f"{name} tự đặt để theo dõi" in text
            assert f"{other} tự đặt" not in text and "UBND xã tự đặt" not in text
            assert "chỉ tiêu giao" not in text.lower()
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "(mức chỉ tiêu: 5 địa điểm, cả năm; UBND thị trấn Thạch Hà tự đặt" in page


def test_the_home_page_follows_the_plan_in_force_across_new_year_and_edits(
    client, profile, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The plan in force is read once per local day and state of the plans:
    it changes at 00:00 of 01/01 in Vietnam, and at once when a plan is saved."""
    plans = {
        y: make_plan(
            number=f"{y:02}/KH-UBND",
            issued_on=D(y - 1, 12, 26),
            starts_on=D(y, 1, 1),
            ends_on=D(y, 12, 31),
            title=f"Kế hoạch tuyên truyền CCHC năm {y}",
        )
        for y in (2026, 2027)
    }
    vietnam = datetime.timezone(datetime.timedelta(hours=7))

    def home_shows(year):
        html = client.get(reverse("home")).content.decode()
        assert f"Kế hoạch số {year}/KH-UBND" in html
        assert f"Kế hoạch số {2026 + 2027 - year}/KH-UBND" not in html

    eve = datetime.datetime(2026, 12, 31, 23, 59, tzinfo=vietnam)
    with time_machine.travel(eve, tick=False):
        home_shows(2026)
        with django_assert_num_queries(0):
            assert current_plan() == plans[2026]
    with time_machine.travel(eve + datetime.timedelta(minutes=1), tick=False):
        assert current_plan() == plans[2027]
    # the page cache keeps a page at most PAGE_CACHE_SECONDS
    with time_machine.travel(eve + datetime.timedelta(hours=1), tick=False):
        home_shows(2027)
        with django_capture_on_commit_callbacks(execute=True):
            plans[2027].status = Plan.Status.DRAFT
            plans[2027].save()
        home_shows(2026)


def quarter_headers(client, plan):
    page = dashboard_of(client, plan).content.decode()
    table = page[page.index('class="kpi-grid kpi-quarters"') :]
    table = table[: table.index("</thead>")]
    return re.findall(r'<span class="cell-note">([^<]*)</span>', table)


def test_the_quarter_headers_write_the_year_of_a_start_in_the_year_before(
    client, profile
):
    cutoff = make_plan(
        number="135/KH-UBND",
        issued_on=D(2025, 12, 26),
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )
    make_kpi(cutoff)
    # quarter I under the cut-off runs 15/12/2025 – 14/03/2026: both years
    assert quarter_headers(client, cutoff) == [
        "15/12/2025–14/03/2026",
        "15/03–14/06/2026",
        "15/06–14/09/2026",
        "15/09–14/12/2026",
    ]
    calendar = make_plan(number="03/KH-UBND", period_basis=Plan.PeriodBasis.CALENDAR)
    make_kpi(calendar)
    assert quarter_headers(client, calendar) == [
        "01/01–31/03/2021",
        "01/04–30/06/2021",
        "01/07–30/09/2021",
        "01/10–31/12/2021",
    ]


# --- a share reads as a percentage against its target, a count as a fraction -----


def _cell_figures(page):
    return [
        re.sub(r"<[^>]+>.*", "", figure, flags=re.S)
        for figure in re.findall(r'<span class="cell-figure">(.*?)</span>', page)
    ]


def test_a_share_reads_as_a_percentage_on_the_dashboard_and_drilldown(client, profile):
    """The listing KPI of 2021 (8 of 12 procedures posted at the desk until
    12/04/2021) read “67/100” in the dashboard's cells and “67 / 100 %” in the
    drill-down, while the reports write “67%” against “100%”."""
    procedures_demo.load()
    bulletins_demo.load()
    plan = demo.load()
    monthly, quarterly = (
        make_kpi(
            plan,
            "procedures_posted",
            params={},
            short_name=f"Niêm yết {every}",
            unit="%",
            target=100,
            period=period,
        )
        for every, period in (
            ("mỗi tháng", Indicator.Period.MONTH),
            ("mỗi quý", Indicator.Period.QUARTER),
        )
    )
    listing = plan.indicators.get(order=3)  # yearly, 100% at the end of 2021
    conferences = make_kpi(
        plan, short_name="Hội nghị mỗi tháng", target=2, period=Indicator.Period.MONTH
    )
    page = dashboard_of(client, plan).content.decode()
    figures = _cell_figures(page)
    assert figures[figures.index("67% / 100%") :][:4] == [
        "67% / 100%",  # January to March: 8 of 12
        "67% / 100%",
        "67% / 100%",
        "100% / 100%",  # April: all 12
    ]
    assert "67/100" not in page and "100/100" not in page
    assert "1/2" in figures  # a count stays a fraction: March's conference
    quarters = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item))
        for item in re.findall(r'<ul class="quarter-list">(.*?)</ul>', page, re.S)
    ]
    assert "Quý I năm 2021: ✗ Không đạt 67% / 100%" in quarters[1]
    assert "Quý I năm 2021: ✓ Đạt 1/1" in quarters[0]  # a count

    def drilldown(kpi, key):
        url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, key])
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        return re.sub(r"\s+", " ", text)

    assert "Kết quả thực hiện 67% / 100% ✗ Không đạt" in drilldown(monthly, "m2021-01")
    assert "Kết quả thực hiện 67% / 100% … Đang thực hiện" in drilldown(
        listing, "q2021-1"
    )
    assert "Kết quả thực hiện 100% / 100% ✓ Đạt" in drilldown(listing, "all")
    assert "Tháng 4 năm 2021: ✓ Đạt 100% / 100% (12/12 thủ tục" in drilldown(
        monthly, "q2021-2"
    )
    assert "Quý I năm 2021: ✗ Không đạt 67% / 100% (8/12 thủ tục" in drilldown(
        quarterly, "all"
    )
    # the plan's page writes the target as the reports do
    document = client.get(plan.get_absolute_url()).content.decode()
    assert "mức chỉ tiêu: 100%, cả năm" in re.sub(r"<[^>]+>", "", document)
    # a count stays a count against its target, with its unit
    assert "Kết quả thực hiện 1 / 2 hoạt động ✗ Không đạt" in drilldown(
        conferences, "m2021-03"
    )


# --- a month is named with its year wherever it could be another year's -----------


def month_headers(client, number, issued_on, year, **dates):
    """The monthly grid's heading and month headers of a plan under the
    cut-off ending with ``year`` (with one monthly KPI)."""
    plan = make_plan(
        number=number,
        issued_on=issued_on,
        starts_on=dates.get("starts_on", D(year, 1, 1)),
        ends_on=D(year, 12, 31),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )
    make_kpi(plan, period=Indicator.Period.MONTH)
    page = dashboard_of(client, plan).content.decode()
    grid = page[page.index('<h2 id="monthly-title">') :]
    heading = re.sub(r"<[^>]+>", "", grid[: grid.index("</h2>")])
    grid = grid[grid.index("<thead>") : grid.index("</thead>")]
    cells = re.findall(r'<th scope="col">(.*?)</th>', grid)[1:]
    return heading, [re.sub(r"<[^>]+>", " ", c).strip() for c in cells]


def test_the_month_headers_say_the_year_where_it_could_be_another(client, profile):
    """Under the cut-off, month 1 of the 2026 plan runs 15/12/2025–14/01/2026;
    its header read “15/12–14/01”, and the grid said nowhere which year it was;
    a plan over two years headed two months “Tháng 1”."""
    heading, headers = month_headers(client, "135/KH-UBND", D(2025, 12, 26), 2026)
    assert heading == "Chỉ tiêu hằng tháng, theo từng tháng (năm 2026)"
    # the grid states its year: only the month that crosses into it says both
    assert headers[:3] == [
        "Tháng 1 15/12/2025–14/01/2026",
        "Tháng 2 15/01–14/02",
        "Tháng 3 15/02–14/03",
    ]
    assert headers[-1] == "Tháng 12 15/11–14/12"
    heading, headers = month_headers(
        client, "40/KH-UBND", D(2025, 6, 20), 2026, starts_on=D(2025, 7, 1)
    )
    assert heading.endswith("(15/06/2025 – 14/12/2026)")
    assert len(headers) == 18
    assert headers[:7] == [
        "Tháng 07/2025 15/06–14/07",
        "Tháng 08/2025 15/07–14/08",
        "Tháng 09/2025 15/08–14/09",
        "Tháng 10/2025 15/09–14/10",
        "Tháng 11/2025 15/10–14/11",
        "Tháng 12/2025 15/11–14/12",
        "Tháng 01/2026 15/12/2025–14/01/2026",
    ]
    assert headers[-1] == "Tháng 12/2026 15/11–14/12"
