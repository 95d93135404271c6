"""The yearly communication plan as a structured document, its tasks and KPIs, and
the communication activities staff log with their evidence.

A KPI never stores its value: it names a metric of the registry (plans/metrics.py)
and its parameters, and the value is computed from the evidence each time.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thachha_portal.models import NFCModel
from thachha_portal.search import build_document
from thachha_portal.text import fold

# One upload check for the whole portal (by name, size and content): the one the
# bulletins app defines, which plans may read.
from thachha_portal.uploads import AUDIO, DOCUMENTS, IMAGES, UploadValidator


class PlanQuerySet(models.QuerySet):
    def published(self):
        """Plans the public sees: in force or closed, never drafts."""
        return self.exclude(status=Plan.Status.DRAFT)

    def in_force(self):
        return self.filter(status=Plan.Status.IN_FORCE)

    def current(self):
        """The newest plan in force (the dashboard's default), or None."""
        return self.in_force().order_by("-starts_on", "-issued_on", "-pk").first()


class Plan(NFCModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_FORCE = "in_force", _("in force")
        CLOSED = "closed", _("closed")

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
        help_text=_("Upper line of the issuer block, e.g. “UBND HUYỆN THẠCH HÀ”."),
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
        return reverse("plans:plan", kwargs={"pk": self.pk})

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
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


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
    class Status(models.TextChoices):
        TODO = "todo", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("what must be done"), max_length=500)
    lead = models.CharField(_("leads"), max_length=200)
    coordinators = models.CharField(_("coordinates"), max_length=300, blank=True)
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TODO
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


class Indicator(NFCModel):
    """A KPI (chỉ tiêu): text as in the plan, the metric that measures it."""

    class Period(models.TextChoices):
        MONTH = "month", _("every month")
        QUARTER = "quarter", _("every quarter")
        YEAR = "year", _("per year")
        ONCE = "once", _("once")

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
        from . import metrics

        try:
            spec = metrics.get(self.metric)
        except KeyError:
            raise ValidationError(
                {"metric": _("Choose a metric from the list.")}
            ) from None
        self.params = spec.clean_params(self.params)

    @property
    def spec(self):
        from . import metrics

        return metrics.get(self.metric)

    @property
    def unit_label(self):
        return self.unit or str(self.spec.unit)


class ActivityQuerySet(models.QuerySet):
    def between(self, start, end):
        """Activities held on dates in [start, end) (dates, local calendar)."""
        return self.filter(held_on__gte=start, held_on__lt=end)

    def with_evidence(self):
        return self.prefetch_related("evidence")


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
        help_text=_("One place per line, e.g. “Trụ sở UBND thị trấn”."),
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
        return f"{self.held_on:%d/%m/%Y} – {self.title}"

    def prepare(self):
        super().prepare()
        self.search_title = build_document(self.title)
        self.search_document = build_document(
            self.title, self.get_kind_display(), self.places, self.description
        )

    def get_absolute_url(self):
        return reverse("plans:activity", kwargs={"pk": self.pk})

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
    def folded_places(self):
        return self.fold_places(self.places)


class Evidence(NFCModel):
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
        validators=[UploadValidator(IMAGES)],
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
    )
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
        return (
            self.caption or self.document_number or self.url or self.get_kind_display()
        )

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
