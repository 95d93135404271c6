from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from thachha_portal import params
from thachha_portal.pagecache import public_page

from . import periods as P
from . import reports, selectors
from .forms import ReportForm
from .models import Activity, Plan

# Records listed per page of a drill-down (an activities KPI over the whole plan
# can have thousands).
RECORDS_PER_PAGE = 50
# KPIs count bulletins, airings and procedures: plan pages show all three apps.
SHOWN = ("plans", "bulletins", "procedures")


def _crumbs(*extra):
    return [(_("Plan & targets"), reverse("plans:dashboard")), *extra]


@public_page(*SHOWN, query=("ke-hoach",))
def dashboard(request):
    plan_id = params.query_number(request, "ke-hoach")
    plan = selectors.pick_plan(plan_id)
    if plan is None:
        if plan_id is not None:
            raise Http404
        return render(request, "plans/dashboard.html", {"plan": None})
    context = selectors.dashboard_context(plan)
    context["crumbs"] = [(_("Plan & targets"), None)]
    return render(request, "plans/dashboard.html", context)


@public_page(*SHOWN)
def plan_detail(request, pk):
    plan = get_object_or_404(Plan.objects.published(), pk=pk)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "legal_bases": plan.legal_bases.all(),
            "sections": plan.sections.all(),
            "tasks": plan.tasks.all(),
            "indicators": plan.indicators.all(),
            "crumbs": _crumbs((plan.number, None)),
        },
    )


@public_page(*SHOWN, query=("cat", "page"))
def drilldown(request, pk, indicator_pk, key):
    plan = get_object_or_404(Plan.objects.published(), pk=pk)
    indicator = get_object_or_404(plan.indicators, pk=indicator_pk)
    cutoff = params.query_flag(request, "cat")
    window = P.plan_window(plan)
    period = P.parse_key(key, window, cutoff=cutoff)
    if period is None:
        raise Http404
    row = selectors.evaluate_indicator(indicator, plan, period, cutoff=cutoff)
    if row.periodic:
        # a month or quarter of a monthly/quarterly KPI: exactly that cell
        cell = next((c for c in row.cells if c.period.key == period.key), None)
    else:
        cell = row.cumulative if key == "all" and row.cumulative else row.cells[0]
    if cell is None:
        raise Http404
    return render(
        request,
        "plans/drilldown.html",
        {
            "plan": plan,
            "indicator": indicator,
            "row": row,
            "cell": cell,
            "page_obj": params.page_of(request, cell.result.records, RECORDS_PER_PAGE),
            "period": period,
            "crumbs": _crumbs((indicator.short_name, None)),
        },
    )


@public_page(*SHOWN)
def activity_detail(request, pk):
    activity = get_object_or_404(Activity.objects.with_evidence(), pk=pk)
    return render(
        request,
        "plans/activity_detail.html",
        {"activity": activity, "crumbs": _crumbs((activity.title, None))},
    )


@never_cache
@login_required
@permission_required("plans.view_report", raise_exception=True)
def report(request):
    plan = selectors.pick_plan()
    if "kind" in request.GET:
        form = ReportForm(request.GET)
    else:
        form = ReportForm(initial=ReportForm.initial_for(plan))
    context = {"form": form, "report": None, "crumbs": _crumbs((_("Reports"), None))}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        built = reports.build(
            data["plan"],
            data["kind"],
            data["year"],
            data["number"],
            cutoff=data["cutoff"],
        )
        output = data.get("format") or "html"
        if output == "docx":
            return _download(
                reports.to_docx(built),
                f"{built.filename}.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        if output == "xlsx":
            return _download(
                reports.to_xlsx(built),
                f"{built.filename}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        if output == "csv":
            return _download(
                reports.to_csv(built).encode("utf-8"),
                f"{built.filename}.csv",
                "text/csv; charset=utf-8",
            )
        context["report"] = built
        context["figures"] = [(row, reports.figure_text(row)) for row in built.rows]
        context["query"] = request.GET.copy()
    elif form.is_bound:
        context["error_message"] = _("Please correct the errors below.")
    return render(request, "plans/report.html", context)


def _download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
