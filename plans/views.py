from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thachha_portal import params
from thachha_portal.addresses import address_maker
from thachha_portal.dates import date_writer
from thachha_portal.downloads import file_response
from thachha_portal.pagecache import public_page
from thachha_portal.text import Vietnamese

from . import periods as P
from . import reports, selectors, services
from .forms import ReportForm
from .models import Activity, PeriodReport, Plan

# Records listed per page of a drill-down (an activities KPI over the whole plan
# can have thousands).
RECORDS_PER_PAGE = 50
# KPIs count bulletins, airings and procedures: plan pages show all three apps.
SHOWN = ("plans", "bulletins", "procedures")


def _crumbs(*extra):
    return [(_("Communication plan"), reverse("plans:dashboard")), *extra]


@public_page(*SHOWN, query=("ke-hoach",))
def dashboard(request):
    plan_id = params.query_number(request, "ke-hoach")
    plan = selectors.pick_plan(plan_id)
    if plan is None:
        if plan_id is not None:
            raise Http404
        return render(request, "plans/dashboard.jinja", {"plan": None})
    context = selectors.dashboard_context(plan)
    context["crumbs"] = [(_("Communication plan"), None)]
    return render(request, "plans/dashboard.jinja", context)


@public_page(*SHOWN)
def plan_detail(request, pk):
    plan = get_object_or_404(Plan.objects.published(), pk=pk)
    return render(
        request,
        "plans/plan_detail.jinja",
        {
            "plan": plan,
            "legal_bases": plan.legal_bases.all(),
            "sections": plan.sections.all(),
            "tasks": selectors.plan_tasks(plan),
            "indicators": plan.indicators.all(),
            "crumbs": _crumbs((Vietnamese(plan.number), None)),
        },
    )


def _drill_period(plan, key):
    """The period ``key`` names, or None when it names none, or one with no day
    in the plan's period (the 2026 plan has nothing to say of July 2021)."""
    window = P.plan_window(plan)
    if key == "all":
        return window
    period = P.parse_key(key, cutoff=plan.cutoff)
    if period is None or not P.overlaps(window, period):
        return None
    return period


def _period_links(plan, indicator, cells):
    """(cell, the address of its own drill-down), with one ``reverse`` for all."""
    url_of = address_maker(
        "plans:drilldown", "key", "all", pk=plan.pk, indicator_pk=indicator.pk
    )
    return [(cell, url_of(cell.period.key)) for cell in cells]


@public_page(*SHOWN, query=("page",))
def drilldown(request, pk, indicator_pk, key):
    indicator = selectors.shown_indicator(pk, indicator_pk)
    if indicator is None:
        raise Http404
    plan = indicator.plan
    period = _drill_period(plan, key)
    if period is None:
        raise Http404
    if period.key != key:  # "m2026-1": the one address of each page
        url = reverse("plans:drilldown", args=[plan.pk, indicator.pk, period.key])
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    now = timezone.now()
    row = (key == "all" and selectors.kept_row(plan, indicator, now)) or (
        selectors.evaluate_indicator(indicator, plan, period, now=now, records=False)
    )
    cells = row.cells
    if row.periodic:
        # a month or quarter of a monthly/quarterly KPI: exactly that cell; a
        # longer window: its periods, with all their records
        exact = [c for c in row.cells if c.period.key == period.key]
        cells = exact or row.cells
        if not cells:
            raise Http404
    elif key == "all" and row.cumulative:
        cells = [row.cumulative]
    records = selectors.cell_records(indicator, plan, cells, now=now)
    page_obj = params.page_of(request, records, RECORDS_PER_PAGE)
    written = date_writer()
    return render(
        request,
        "plans/drilldown.jinja",
        {
            "plan": plan,
            "indicator": indicator,
            "row": row,
            "cell": cells[0] if len(cells) == 1 else None,
            "cells": cells,
            "links": _period_links(plan, indicator, cells) if len(cells) > 1 else [],
            "records_count": page_obj.paginator.count,
            "page_obj": page_obj,
            "dated": [(record, written(record.date)) for record in page_obj],
            "period": period,
            "crumbs": _crumbs((Vietnamese(indicator.short_name), None)),
        },
    )


@public_page(*SHOWN)
def activity_detail(request, pk):
    activity = get_object_or_404(Activity.objects.with_evidence(), pk=pk)
    return render(
        request,
        "plans/activity_detail.jinja",
        {"activity": activity, "crumbs": _crumbs((Vietnamese(activity.title), None))},
    )


FILE_BUILDERS = {
    "docx": reports.to_docx,
    "xlsx": reports.to_xlsx,
    "csv": lambda report: reports.to_csv(report).encode("utf-8"),
}


def _file(draft, output):
    """The report of ``draft`` as a download: documents are Vietnamese whatever
    the page's language, their figures as the labels of their periods."""
    with translation.override("vi"):
        built = reports.build(draft)
        content = FILE_BUILDERS[output](built)
    return file_response(f"{built.filename}.{output}", content)


@never_cache
@login_required
@permission_required("plans.view_report", raise_exception=True)
def report(request):
    today = P.local_today()
    plan = selectors.pick_plan(today=today)
    if "period" in request.GET:
        form = ReportForm(request.GET)
    else:
        form = ReportForm(initial=ReportForm.initial_for(plan, today))
    context = {
        "form": form,
        "report": None,
        "plan": plan,
        "crumbs": _crumbs((_("Reports"), None)),
    }
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        plan = data["plan"]
        draft = reports.draft_for(plan, data["kind"], data["year"], data["number"])
        output = data.get("format") or "html"
        if output in FILE_BUILDERS:
            return _file(draft, output)
        context.update(
            report=reports.build(draft),
            plan=plan,
            query=request.GET.copy(),
            new_draft_url=reports.new_report_url(
                plan, draft.kind, draft.year, draft.number
            ),
        )
    elif form.is_bound:
        context["error_message"] = _("Please correct the errors below.")
    if context["plan"]:
        context["saved"] = list(
            PeriodReport.objects.filter(plan=context["plan"])
            .select_related("plan")
            .defer("issued_figures")  # a year's annex can be thousands of records
        )
    return render(request, "plans/report.jinja", context)


@never_cache
@login_required
@permission_required("plans.view_report", raise_exception=True)
def report_file(request, pk, output):
    """A saved report (its number, addressees, narrative, signer) as a file:
    an issued one with the figures kept when it was issued."""
    draft = get_object_or_404(PeriodReport.objects.select_related("plan"), pk=pk)
    if output not in FILE_BUILDERS:
        raise Http404
    if draft.is_issued and draft.figures_as_issued is None:
        services.period_report_issued_before_kept(report=draft)
    return _file(draft, output)
