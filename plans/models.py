"""The yearly communication plan as a structured document, its tasks and KPIs, and
the communication activities staff log with their evidence.

A KPI never stores its value: it names a metric of the registry (plans/metrics.py)
and its parameters, and the value is computed from the evidence each time.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thachha_portal.addresses import address
from thachha_portal.compiled import compiled
from thachha_portal.dates import format_date
from thachha_portal.images import (
    PictureValidator,
    WebPicture,
    copy_field,
    size_fields,
)
from thachha_portal.models import NFCModel, UnitNames, expand_abbreviations
from thachha_portal.search import build_document
from thachha_portal.text import Vietnamese, compose, fold

# One upload check for the whole portal (by name, size and content): the one the
# bulletins app defines, which plans may read.
from thachha_portal.uploads import AUDIO, DOCUMENTS, UploadValidator

from . import periods


def published(through=""):
    """The condition on plans the public sees, in force or closed, never
    drafts; ``through``: the path from another model ("plan__")."""
    return ~models.Q(**{f"{through}status": Plan.Status.DRAFT})


class PlanQuerySet(models.QuerySet):
    def published(self):
        """Plans the public sees (``published``)."""
        return self.filter(published())

    def in_force(self):
        return self.filter(status=Plan.Status.IN_FORCE)

    def current(self, today):
        """The commune's plan on ``today`` (a local date): the newest one whose
        period has begun, preferring one in force; None before the first."""
        begun = self.filter(starts_on__lte=today).order_by(
            "-starts_on", "-issued_on", "-pk"
        )
        return begun.filter(status=Plan.Status.IN_FORCE).first() or begun.first()


def default_period_basis():
    """New plans count periods as the setting says (the cut-off unless
    ``PLANS_REPORT_PERIODS=calendar``)."""
    if settings.PLANS_REPORT_PERIODS == "calendar":
        return Plan.PeriodBasis.CALENDAR
    return Plan.PeriodBasis.CUTOFF


class Plan(NFCModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_FORCE = "in_force", _("in force")
        CLOSED = "closed", _("closed")

    class PeriodBasis(models.TextChoices):
        CUTOFF = "cutoff", _("from the 15th of the month before to the 14th")
        CALENDAR = "calendar", _("calendar months")

    number = models.CharField(
        _("number and symbol"),
        max_length=50,
        blank=True,
        help_text=_("As on the document, e.g. “02/KH-UBND”. Blank until issued."),
    )
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer = models.CharField(
        _("issuer"),
        max_length=200,
        help_text=_(
            "As issued at the time, e.g. “UBND thị trấn Thạch Hà” for the 2021 plan."
        ),
    )
    issuer_parent = models.CharField(
        _("superior body"),
        max_length=200,
        blank=True,
        help_text=_("Upper line of the issuer block, e.g. “UBND huyện Thạch Hà”."),
    )
    place = models.CharField(
        _("place in the date line"), max_length=100, default="Thạch Hà"
    )
    title = models.CharField(_("title"), max_length=300)
    preamble = models.TextField(
        _("preamble"),
        blank=True,
        help_text=_("The opening paragraph before the sections (“Thực hiện …”)."),
    )
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    period_basis = models.CharField(
        _("how periods are counted"),
        max_length=10,
        choices=PeriodBasis.choices,
        default=default_period_basis,
        help_text=_(
            "One rule for the dashboard and every report of this plan: the "
            "provincial cut-off (NĐ 09/2019: month M runs from the 15th of M−1 to "
            "the 14th of M, the year from 15/12 to 14/12) or calendar months."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    signed_scan = models.FileField(
        _("signed scan (PDF)"),
        upload_to="plans/scans/%Y/",
        blank=True,
        validators=[UploadValidator(("pdf",))],
        help_text=_("The signed and stamped document, PDF up to 20 MB."),
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=100, blank=True, default="CHỦ TỊCH"
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One per line.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_document = models.TextField(editable=False, default="")

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-starts_on", "-pk"]
        permissions = [("view_report", _("Can view and download plan reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "issued_on"],
                condition=~Q(number=""),
                name="plans_plan_unique_number_date",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.number} – {self.title}"
        return f"{self.title} ({_('no number')})"

    def prepare(self):
        super().prepare()
        self.search_title = build_document(self.title)
        self.search_document = build_document(
            self.number, self.title, self.issuer, self.preamble
        )

    def get_absolute_url(self):
        return address("plans:plan", "pk", self.pk, sample=1)

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period ends before it starts.")})
        if self.status != self.Status.DRAFT and not (self.number and self.issued_on):
            raise ValidationError(
                _("A plan in force or closed needs its number and date issued.")
            )

    @property
    def recipient_lines(self):
        return split_lines(self.recipients)

    def period_error(self, period):
        """Why a report cannot cover ``period`` under this plan (no day of it
        lies in the plan's period, counted as the plan counts), or None."""
        window = periods.plan_window(self)
        if periods.overlaps(window, period):
            return None
        return _(
            "Plan %(number)s covers %(start)s to %(end)s: choose a period and a "
            "year within it."
        ) % {
            "number": self.number or self.title,
            "start": format_date(window.start),
            "end": format_date(window.last_day),
        }

    @property
    def cutoff(self):
        return self.period_basis == self.PeriodBasis.CUTOFF

    @property
    def issuer_names(self):
        """The plan's issuer as issued, the name written in full for its header."""
        return UnitNames(
            expand_abbreviations(self.issuer),
            self.issuer,
            self.issuer_parent,
            self.place,
        )


def split_lines(text):
    """The non-blank lines of ``text``, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class LegalBasis(NFCModel):
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="legal_bases",
        verbose_name=_("plan"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    number = models.CharField(_("number and symbol"), max_length=50)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200)
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)

    class Meta:
        verbose_name = _("document it is based on")
        verbose_name_plural = _("documents it is based on")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.number


class Section(NFCModel):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(
        _("heading"), max_length=200, help_text=_("E.g. “I. MỤC ĐÍCH YÊU CẦU”.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Plain text; a blank line starts a paragraph."),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.heading

    @property
    def paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class Task(NFCModel):
    """A task of the plan. Its status follows the KPIs that measure it when it has
    any (see ``selectors.task_status``); otherwise staff enter it, with the
    evidence."""

    class Status(models.TextChoices):
        TODO = "todo", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not completed")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("what must be done"), max_length=500)
    lead = models.CharField(_("leads"), max_length=200)
    coordinators = models.CharField(_("coordinates"), max_length=300, blank=True)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.TODO,
        help_text=_(
            "Entered by staff only for a task no KPI measures; a task measured by "
            "KPIs takes its status from them."
        ),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("Document numbers, links or notes that prove the work."),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#task-{self.pk}"

    def clean(self):
        super().clean()
        if self.status == self.Status.DONE and not self.completed_on:
            raise ValidationError(
                {"completed_on": _("Give the date the task was completed.")}
            )
        if self.status == self.Status.DONE and not self.evidence.strip():
            raise ValidationError(
                {"evidence": _("Say what proves the task done (document, link…).")}
            )


class Indicator(NFCModel):
    """A KPI (chỉ tiêu): text as in the plan, the metric that measures it."""

    class Period(models.TextChoices):
        MONTH = "month", _("every month")
        QUARTER = "quarter", _("every quarter")
        YEAR = "year", _("per year")
        ONCE = "once", _("once")

    class TargetSource(models.TextChoices):
        PLAN = "plan", _("set by the plan")
        COMMUNE = "commune", _("set by the commune to follow the plan")

    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("plan"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("KPI as in the plan"))
    short_name = models.CharField(
        _("short name"), max_length=120, help_text=_("Shown in tables and charts.")
    )
    metric = models.CharField(_("measured from"), max_length=50)
    params = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_("JSON; what each metric accepts is listed below the form."),
    )
    target = models.PositiveIntegerField(_("target"), default=1)
    target_source = models.CharField(
        _("where the target comes from"),
        max_length=10,
        choices=TargetSource.choices,
        default=TargetSource.PLAN,
        help_text=_(
            "“Set by the plan” only when the plan's text gives the figure or the "
            "frequency; otherwise the commune set it to measure the plan's words."
        ),
    )
    target_note = models.CharField(
        _("basis of the target"),
        max_length=300,
        blank=True,
        help_text=_(
            "The plan's words (“ít nhất 02 cuộc/năm”), or why the commune chose "
            "this figure."
        ),
    )
    task = models.ForeignKey(
        "Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("task it measures"),
        help_text=_("The task's status then follows this KPI."),
    )
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("Blank: the metric's unit.")
    )
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.YEAR
    )
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.short_name

    def clean(self):
        super().clean()
        if self.task_id and self.plan_id and self.task.plan_id != self.plan_id:
            raise ValidationError({"task": _("Choose a task of the same plan.")})
        try:
            spec = self.spec
        except KeyError:
            raise ValidationError(
                {"metric": _("Choose a metric from the list.")}
            ) from None
        self.params = spec.clean_params(self.params)

    @property
    def spec(self):
        """The metric of the registry this KPI names."""
        # metrics imports the models it measures, this one included: the model
        # reaches the registry when asked, not when it is defined.
        from . import metrics

        return metrics.get(self.metric)

    @property
    def unit_label(self):
        """The unit the plan counts in: as staff wrote it (“tin, bài”), or the
        metric's own (“items”, in the interface's language)."""
        return Vietnamese(self.unit) if self.unit else str(self.spec.unit)

    @property
    def target_source_text(self):
        """Where the target comes from, as the plan's pages say it: “Kế hoạch
        giao”, or “UBND thị trấn Thạch Hà tự đặt để theo dõi” — the commune by
        the name it issued the plan under, as content keeps the name in force
        on its own date (the 2021 plan's targets were not set by a “xã”)."""
        if self.target_source == self.TargetSource.COMMUNE:
            return compose(
                _("set by %(unit)s to follow the plan"),
                unit=Vietnamese(self.plan.issuer),
            )
        return self.get_target_source_display()


# The first day an activity can be dated when no plan says otherwise: the
# commune's first communication plan on the portal, 02/KH-UBND, ran from
# 01/01/2021.
FIRST_PLAN_START = datetime.date(2021, 1, 1)


def earliest_activity_day():
    """The first day an activity may be dated: the start of the earliest plan's
    period, counted as that plan counts (15/12/2020 for a 2021 plan under the
    cut-off), or ``FIRST_PLAN_START`` if that is earlier. Before it no plan
    measures anything: a date like 01/01/1900 is a slip of the year."""
    first = Plan.objects.order_by("starts_on", "pk").first()
    if first is None:
        return FIRST_PLAN_START
    return min(periods.plan_window(first).start, FIRST_PLAN_START)


class ActivityQuerySet(models.QuerySet):
    def between(self, start, end):
        """Activities held on dates in [start, end) (dates, local calendar)."""
        return self.filter(held_on__gte=start, held_on__lt=end)

    def with_evidence(self):
        return self.prefetch_related("evidence")

    def evidence_texts(self):
        """{activity pk: its evidence in one line} for these activities: one
        query, without a related manager per activity (a drill-down of hundreds
        of activities spent most of its time in prefetch_related)."""
        return self.evidence_texts_of(self.values("pk"))

    def evidence_texts_of(self, activities):
        """``evidence_texts`` of the activities whose keys are ``activities`` (a
        list, or a query of keys)."""
        grouped = {}
        items = Evidence.objects.filter(activity_id__in=activities).only(
            "activity_id", "kind", "caption", "url", "document_number"
        )
        # its SQL built once per worker for each number of activities (a page
        # of a drill-down asks for up to fifty)
        for item in compiled(items.order_by("activity_id", "pk")):
            grouped.setdefault(item.activity_id, []).append(item)
        return {pk: Activity.join_evidence(found) for pk, found in grouped.items()}


class Activity(NFCModel):
    """A communication activity (hoạt động tuyên truyền) with its evidence."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("conference or seminar")
        TRAINING = "training", _("training")
        DIALOGUE = "dialogue", _("dialogue with citizens or businesses")
        POSTER = "poster", _("poster or billboard")
        BANNER = "banner", _("banner and slogan")
        LEAFLET = "leaflet", _("leaflet")
        CONTEST = "contest", _("contest")
        SOCIAL = "social", _("social-network post")
        CCHC_SLOT = "cchc_slot", _("CCHC slot in another meeting")
        OTHER = "other", _("other")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    places = models.TextField(
        _("places"),
        blank=True,
        help_text=_("One place per line, e.g. “Trụ sở UBND xã”."),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        help_text=_("Posters, leaflets, entries… as a number."),
    )
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("E.g. views of a post.")
    )
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_document = models.TextField(editable=False, default="")

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("communication activity")
        verbose_name_plural = _("communication activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{format_date(self.held_on)} – {self.title}"

    def prepare(self):
        super().prepare()
        self.search_title = build_document(self.title)
        self.search_document = build_document(
            self.title, self.get_kind_display(), self.places, self.description
        )

    def get_absolute_url(self):
        return address("plans:activity", "pk", self.pk, sample=1)

    def clean(self):
        super().clean()
        if not self.held_on:
            return
        today = periods.local_today()
        if self.held_on > today:
            raise ValidationError(
                {
                    "held_on": _(
                        "The date is in the future (today is %(today)s): log an "
                        "activity once it has been held."
                    )
                    % {"today": format_date(today)}
                }
            )
        earliest = earliest_activity_day()
        if self.held_on < earliest:
            raise ValidationError(
                {
                    "held_on": _(
                        "The date is before %(date)s, when the first communication "
                        "plan began: check the year."
                    )
                    % {"date": format_date(earliest)}
                }
            )

    @staticmethod
    def join_evidence(items):
        return "; ".join(str(item) for item in items)

    @staticmethod
    def split_places(text):
        """The places of a ``places`` text, one a line, blanks dropped."""
        return [p.strip() for p in text.splitlines() if p.strip()]

    @classmethod
    def fold_places(cls, text):
        """The places of a ``places`` text as compared (case and diacritics
        ignored)."""
        return {fold(p) for p in cls.split_places(text)}

    @property
    def place_list(self):
        return self.split_places(self.places)

    @property
    def evidence_text(self):
        """The evidence in one line, document numbers kept (use with_evidence())."""
        return self.join_evidence(self.evidence.all())

    @property
    def folded_places(self):
        return self.fold_places(self.places)


class Evidence(WebPicture, NFCModel):
    """Tài liệu kiểm chứng: a file, a photo, a link or a document number."""

    class Kind(models.TextChoices):
        FILE = "file", _("file")
        PHOTO = "photo", _("photo")
        LINK = "link", _("link")
        DOCUMENT = "document", _("document number")

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("activity"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    file = models.FileField(
        _("file"),
        upload_to="plans/evidence/%Y/",
        blank=True,
        validators=[UploadValidator(DOCUMENTS + AUDIO)],
        help_text=_("PDF, Word, Excel or MP3 up to 20–30 MB; images up to 5 MB."),
    )
    photo = models.FileField(
        _("photo"),
        upload_to="plans/photos/%Y/",
        blank=True,
        validators=[PictureValidator()],
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
    )
    # What the activity's public page shows: the photo at most 1,200 pixels on
    # its longer side, upright, without its EXIF, and 800 wide for phones, and
    # the same two as AVIF (thachha_portal/images.py); the photo itself is kept
    # as uploaded, as evidence.
    photo_web = copy_field(_("photo for the web"), "plans/photos-web/%Y/")
    photo_width, photo_height = size_fields()
    photo_phone = copy_field(_("photo for phones"), "plans/photos-phone/%Y/")
    photo_avif = copy_field(_("photo for the web (AVIF)"), "plans/photos-avif/%Y/")
    photo_phone_avif = copy_field(
        _("photo for phones (AVIF)"), "plans/photos-phone-avif/%Y/"
    )
    photo_small_avif = copy_field(
        _("photo for small phones (AVIF)"), "plans/photos-small-avif/%Y/"
    )
    picture_field, web_field = "photo", "photo_web"
    web_size_fields = ("photo_width", "photo_height")
    phone_field = "photo_phone"
    modern_field, modern_phone_field = "photo_avif", "photo_phone_avif"
    modern_small_field = "photo_small_avif"
    alt_text = models.CharField(
        _("photo description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    url = models.URLField(_("link"), blank=True)
    document_number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("E.g. 15/GM-UBND."),
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["activity", "pk"]

    def __str__(self):
        """What the evidence is, its document number kept: “Giấy mời hội thảo số
        41/GM-UBND”."""
        if self.document_number:
            if self.caption:
                return f"{self.caption} số {self.document_number}"
            return _("document no. %(number)s") % {"number": self.document_number}
        return self.caption or self.url or self.get_kind_display()

    def prepare(self):
        super().prepare()
        self.make_web_picture()

    def clean(self):
        super().clean()
        required = {
            self.Kind.FILE: ("file", _("Attach the file.")),
            self.Kind.PHOTO: ("photo", _("Attach the photo.")),
            self.Kind.LINK: ("url", _("Give the link.")),
            self.Kind.DOCUMENT: ("document_number", _("Give the document number.")),
        }
        field, message = required.get(self.kind, (None, None))
        errors = {}
        if field and not getattr(self, field):
            errors[field] = message
        if self.kind == self.Kind.PHOTO and not self.alt_text.strip():
            errors["alt_text"] = _(
                "Describe the photo (alt text): people who cannot see it rely on it."
            )
        if errors:
            raise ValidationError(errors)


class PeriodReport(NFCModel):
    """A period report of a plan (báo cáo kỳ) as staff prepare it: number, date,
    addressees, the narrative sections and the signer. A draft's figures are
    the plan's, computed for the period when it is downloaded; once issued
    (numbered and dated) it keeps the figures and annex of that moment
    (``issued_figures``, written by ``services.period_report_keep``), and every
    download gives them: a document sent up does not change with what is
    logged afterwards."""

    class Signing(models.TextChoices):
        CHAIR = "chair", _("TM. Ủy ban nhân dân – Chủ tịch signs")
        VICE_CHAIR = "vice_chair", _("KT. Chủ tịch – a Phó Chủ tịch signs")

    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("plan"),
    )
    kind = models.CharField(
        _("period"), max_length=10, choices=list(periods.KINDS.items())
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("month or quarter"),
        default=1,
        help_text=_("1–12 for a month, 1–4 for a quarter; 1 otherwise."),
    )
    document_number = models.CharField(
        _("number and symbol"),
        max_length=50,
        blank=True,
        help_text=_("E.g. “15/BC-UBND”, given by the văn thư; blank while a draft."),
    )
    issued_on = models.DateField(
        _("date issued"),
        null=True,
        blank=True,
        help_text=_(
            "Blank while a draft: the date line is left to fill in and the names "
            "are today's."
        ),
    )
    subject = models.CharField(
        _("subject (trích yếu)"),
        max_length=300,
        blank=True,
        help_text=_("Blank: “Kết quả thực hiện công tác tuyên truyền … <period>”."),
    )
    addressees = models.TextField(
        _("to (Kính gửi)"),
        blank=True,
        help_text=_("One body per line, e.g. “Ủy ban nhân dân tỉnh Hà Tĩnh”."),
    )
    overview = models.TextField(
        _("general assessment"),
        blank=True,
        help_text=_("Đánh giá chung. Plain text; a blank line starts a paragraph."),
    )
    shortcomings = models.TextField(_("shortcomings and limits"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    next_tasks = models.TextField(_("tasks for the next period"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    signing = models.CharField(
        _("signed by"),
        max_length=12,
        choices=Signing.choices,
        default=Signing.CHAIR,
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(
        _("other recipients (Nơi nhận)"),
        blank=True,
        help_text=_(
            "One per line; “Như trên” (the addressees) and “Lưu: VT” are added."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    # The figures and annex as issued (plans/report_figures.py), kept when the
    # report is saved with its number and date of issue; none for a draft.
    issued_figures = models.JSONField(
        _("figures as issued"), null=True, blank=True, editable=False
    )
    figures_kept_at = models.DateTimeField(
        _("figures kept at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["-year", "-updated_at", "-pk"]

    def __str__(self):
        label = self.document_number or _("draft")
        return f"{label} – {self.period.label}"

    def clean(self):
        limit = {"month": 12, "quarter": 4}.get(self.kind)
        if limit is None:
            self.number = 1
        elif not 1 <= (self.number or 0) <= limit:
            raise ValidationError(
                {
                    "number": _("A month is 1 to 12.")
                    if self.kind == "month"
                    else _("A quarter is 1 to 4.")
                }
            )
        if self.document_number and not self.issued_on:
            raise ValidationError(
                {"issued_on": _("A numbered report needs its date issued.")}
            )
        if self.plan_id and self.kind and self.year:
            self._check_plan()

    def _check_plan(self):
        """The report speaks of its plan: a period of the plan, issued on or
        after the plan's own date."""
        plan = self.plan
        errors = {}
        error = plan.period_error(self.period)
        if error:
            errors["year"] = error
        if plan.issued_on and self.issued_on and self.issued_on < plan.issued_on:
            errors["issued_on"] = _(
                "A report on plan %(number)s cannot be issued before the plan "
                "itself (%(date)s)."
            ) % {"number": plan.number, "date": format_date(plan.issued_on)}
        if errors:
            raise ValidationError(errors)

    @property
    def is_issued(self):
        """Numbered and dated: a document sent up, no longer a draft."""
        return bool(self.document_number and self.issued_on)

    @property
    def figures_as_issued(self):
        """The figures kept when the report was issued, while it is issued
        for the plan and period they are of; else None (a draft's figures are
        computed when it is made)."""
        figures = self.issued_figures
        if not (self.is_issued and figures) or figures.get("of") != self.figures_of:
            return None
        return figures

    @property
    def kept_before_period_end(self):
        """The period's last day if the figures kept as issued were kept while
        the period was still running (an office may issue a month's report a
        few days early when the province asks): what is published, aired or
        logged after they were kept is not in it. Else None."""
        if self.figures_as_issued is None or not self.figures_kept_at:
            return None
        period = self.period
        if periods.local_today(self.figures_kept_at) < period.end:
            return period.last_day
        return None

    @property
    def figures_of(self):
        """What its figures are of: its plan and period."""
        return [self.plan_id, self.kind, self.year, self.number]

    @property
    def period(self):
        """The report's window, counted as its plan counts periods."""
        return periods.report_period(
            self.kind, self.year, self.number, cutoff=self.plan.cutoff
        )

    @property
    def addressee_lines(self):
        return split_lines(self.addressees)

    @property
    def recipient_lines(self):
        return split_lines(self.recipients)
