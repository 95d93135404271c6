"""Public pages of the CCHC news, the staff preview and the announcer's script.
Every public read goes through ``Bulletin.objects.published()``."""

import datetime

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from procedures.models import Procedure
from thachha_portal import counters, params
from thachha_portal.compiled import compiled
from thachha_portal.dates import format_month
from thachha_portal.pagecache import public_page
from thachha_portal.public_forms import over_limit, refused, same_origin_post, sent
from thachha_portal.related import Related, keep, rows_together
from thachha_portal.text import Vietnamese

from . import selectors, services
from .forms import CommentForm, RatingForm, voter_hash
from .models import Attachment, Bulletin, Comment

PAGE_SIZE = 10


class KnownCount:
    """A queryset whose number of rows is already known, for a Paginator (which
    would otherwise count the rows with a query on every page)."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]


class BulletinListView(params.StrictPageMixin, ListView):
    """The news list. Its counts, categories and months come from
    ``selectors.archive_figures()`` (cached): a page costs one query for its rows
    however large the archive."""

    template_name = "bulletins/bulletin_list.jinja"
    paginate_by = PAGE_SIZE
    context_object_name = "bulletins"

    def get(self, request, *args, **kwargs):
        self.figures = selectors.archive_figures()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return compiled(Bulletin.objects.published()).for_list()

    def item_count(self):
        return self.figures["total"]

    def paginate_queryset(self, queryset, page_size):
        counted = KnownCount(queryset, self.item_count())
        return super().paginate_queryset(counted, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = self.figures["categories"]
        context["archive_stamp"] = self.figures["stamp"]
        months = [month for month, _count in self.figures["months"]]
        context["months"], context["earlier_years"] = selectors.month_links(months)
        context.setdefault("crumbs", [(_("CCHC news"), "")])
        return context


class CategoryView(BulletinListView):
    template_name = "bulletins/category.jinja"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        found = [c for c in self.figures["categories"] if c.slug == slug]
        if not found:
            raise Http404
        self.category = found[0]
        return super().get_queryset().filter(category=self.category)

    def item_count(self):
        return self.category.count

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            crumbs=[
                (_("CCHC news"), reverse("bulletins:list")),
                (Vietnamese(self.category.name), ""),
            ],
            **kwargs,
        )


class MonthView(BulletinListView):
    """A month in local time: an item published at 23:30 on 31/01 (Vietnam
    time) is January's."""

    template_name = "bulletins/month.jinja"
    allow_empty = True

    def get_queryset(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise Http404
        self.month = datetime.date(year, month, 1)
        return super().get_queryset().in_month(year, month)

    def item_count(self):
        wanted = (self.month.year, self.month.month)
        months = self.figures["months"]
        return next((n for m, n in months if (m.year, m.month) == wanted), 0)

    def get_context_data(self, **kwargs):
        # Only months that have news are linked: stepping one month at a time
        # led readers (and crawlers) through a century of empty pages.
        months = [(m.year, m.month) for m, _count in self.figures["months"]]
        here = (self.month.year, self.month.month)
        earlier = [m for m in months if m < here]
        later = [m for m in months if m > here]
        previous = datetime.date(*max(earlier), 1) if earlier else None
        following = datetime.date(*min(later), 1) if later else None
        label = _("Month %(m)s") % {"m": format_month(self.month)}
        return super().get_context_data(
            month=self.month,
            previous_month=previous,
            next_month=following,
            crumbs=[(_("CCHC news"), reverse("bulletins:list")), (label, "")],
            **kwargs,
        )


# What an item's page shows besides the item, each read by SQL compiled once
# per process (thachha_portal/related.py).
ATTACHMENTS = Related(
    lambda pk: Attachment.objects.filter(bulletin_id=pk).order_by("order", "pk")
)
PUBLIC_PROCEDURES = Related(
    lambda pk: Procedure.objects.published().filter(bulletins=pk).order_by("name")
)
APPROVED_COMMENTS = Related(
    lambda pk: Comment.objects.approved().filter(bulletin_id=pk).order_by("created_at")
)
# Its ratings: the item's row with their count and average (selectors.rating_summary).
RATINGS = Related(
    lambda pk: (
        Bulletin.objects.filter(pk=pk)
        .only("pk")
        .annotate(rating_count=Count("ratings"), rating_average=Avg("ratings__stars"))
    )
)


def _detail(bulletins, **lookup):
    """The item of ``bulletins`` that ``lookup`` names (404 if none), with its
    category, attachments, published related procedures, approved comments and
    ratings' figures, these four read in one round trip."""
    bulletin = get_object_or_404(
        compiled(bulletins.select_related("category")), **lookup
    )
    attachments, procedures, comments, ratings = rows_together(
        bulletin.pk, ATTACHMENTS, PUBLIC_PROCEDURES, APPROVED_COMMENTS, RATINGS
    )
    keep(bulletin, "attachments", attachments)
    bulletin.public_procedures = procedures
    bulletin.approved_comments = comments
    bulletin.rating = selectors.rating_summary(ratings[0])
    return bulletin


def _render_detail(request, bulletin, *, rating_form=None, comment_form=None, **extra):
    context = {
        "bulletin": bulletin,
        "rating": bulletin.rating,
        "rating_form": rating_form or RatingForm(),
        "comment_form": comment_form or CommentForm(),
        "related_procedures": bulletin.public_procedures,
        "crumbs": [
            (_("CCHC news"), reverse("bulletins:list")),
            (Vietnamese(bulletin.category.name), bulletin.category.get_absolute_url()),
            (Vietnamese(bulletin.title), ""),
        ],
        **extra,
    }
    status = 400 if (rating_form or comment_form) else 200
    return render(request, "bulletins/bulletin_detail.jinja", context, status=status)


@public_page("bulletins", "procedures")  # related procedures
def bulletin_detail(request, slug):
    bulletin = _detail(Bulletin.objects.published(), slug=slug)
    return counters.mark_viewed(_render_detail(request, bulletin), bulletin)


@never_cache
@permission_required("bulletins.view_bulletin")
def bulletin_preview(request, pk):
    """A draft exactly as it will look, for staff; never cached."""
    bulletin = _detail(Bulletin.objects.all(), pk=pk)
    return _render_detail(request, bulletin, preview=True)


@never_cache
@permission_required("bulletins.view_bulletin")
def bulletin_script(request, pk):
    """The announcer's large-type, printable script."""
    bulletin = get_object_or_404(Bulletin.objects.select_related("category"), pk=pk)
    airings = bulletin.airings.order_by("aired_at")
    return render(
        request, "bulletins/script.jinja", {"bulletin": bulletin, "airings": airings}
    )


def _feedback(request, slug, form_class, save):
    if request.method != "POST":
        # The address a form sent with an error stays in the address bar:
        # reloaded, bookmarked or the language switched there, it leads back
        # to the item's feedback (it was a blank 405).
        return redirect(reverse("bulletins:detail", args=[slug]) + "#phan-hoi")
    bulletin = _detail(Bulletin.objects.published(), slug=slug)
    form = form_class(request.POST)
    limited = over_limit(request, "bulletin-feedback")
    if limited:
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent too many forms in a short time. Please wait an hour "
                "and try again; what you wrote is kept below."
            ),
        )
    elif form.is_valid():
        try:
            message = save(bulletin, form.cleaned_data, voter_hash(request, bulletin))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return sent(request, message, bulletin.get_absolute_url(), "phan-hoi")
    form.renew_timestamp()
    key = "rating_form" if form_class is RatingForm else "comment_form"
    response = _render_detail(request, bulletin, **{key: form})
    return refused(response, limited) if limited else response


@same_origin_post
@require_http_methods(["GET", "HEAD", "POST"])
def bulletin_rate(request, slug):
    def save(bulletin, data, voter):
        services.rating_submit(bulletin=bulletin, stars=data["stars"], voter=voter)
        return _("Thank you for rating this item.")

    return _feedback(request, slug, RatingForm, save)


@same_origin_post
@require_http_methods(["GET", "HEAD", "POST"])
def bulletin_comment(request, slug):
    def save(bulletin, data, voter):
        services.comment_submit(
            bulletin=bulletin,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            voter=voter,
        )
        return _("Thank you. Your comment will appear once a moderator has read it.")

    return _feedback(request, slug, CommentForm, save)
