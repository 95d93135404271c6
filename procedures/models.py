"""The public listing of administrative procedures (thủ tục hành chính).

One ``Procedure`` holds every part of the official record (CSDLQG "chi tiết thủ
tục"); the parts that are tables in that record (steps, submission channels,
dossier components, legal bases) are child rows kept in the official order.
Text is stored in NFC; folded ``search_*`` columns are rebuilt on every save of the
procedure or of one of its children (see services.procedure_refresh_search).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thachha_portal.addresses import address, fixed_address
from thachha_portal.dates import StoredDatesStand, format_date, not_in_future
from thachha_portal.models import NFCModel
from thachha_portal.uploads import UploadValidator, describe

NATIONAL_PORTAL_DETAIL = (
    "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html"
    "?ma_thu_tuc={code}"
)
# 1.001193; local variants 1.001612.000.00.00.H01; online-service codes 1.000894.01
CODE_PATTERN = r"[0-9]\.[0-9]{6}(?:\.[0-9A-Za-z]{1,10}){0,6}"
code_validator = RegexValidator(
    rf"^{CODE_PATTERN}$",
    _(
        "Enter the national procedure code as written on the national portal, "
        "e.g. 1.001193, 1.000894.01 or 1.001612.000.00.00.H01."
    ),
)


# Length limits of the long texts (see limited_text).
TEXT_LIMIT = 20_000  # the procedure's own texts (conditions can run to pages)
PART_LIMIT = 10_000  # one step, channel, dossier component or legal basis
KEYWORDS_LIMIT = 2_000
# Keywords are stored one per line; in the open-data CSV they are separated by
# this character, which a keyword therefore cannot contain.
KEYWORD_SEPARATOR = "|"


def limited_text(verbose_name, limit, **options):
    """A TextField of at most ``limit`` characters. The limit is a validator, not
    max_length: the same in model validation (forms, the import), and no schema
    change (on SQLite, altering a column remakes the table and drops the search
    index triggers)."""
    return models.TextField(
        verbose_name,
        validators=[MaxLengthValidator(limit), *options.pop("validators", [])],
        **options,
    )


def text_limit(model_field):
    """The most characters ``model_field`` holds, or None."""
    limits = [
        v.limit_value
        for v in model_field.validators
        if isinstance(v, MaxLengthValidator)
    ]
    return (
        min(limits, default=model_field.max_length)
        if limits
        else model_field.max_length
    )


def split_keywords(text):
    """The keywords of the stored text: one per line, blank lines and repeats
    dropped (commas belong to a keyword: “đăng ký nhận cha, mẹ, con”)."""
    return list(dict.fromkeys(k.strip() for k in text.splitlines() if k.strip()))


def validate_keywords(text):
    if KEYWORD_SEPARATOR in text:
        raise ValidationError(
            _("A keyword cannot contain “%(separator)s”: write one keyword per line."),
            params={"separator": KEYWORD_SEPARATOR},
            code="separator",
        )


# “Bước 1:”, “Bước 2.”, “B3 -”: the page numbers the steps itself.
STEP_NUMBER = re.compile(r"^\s*(?:bước|b)\s*\d{1,3}\s*[:.)\-–—]\s*", re.IGNORECASE)


def strip_step_number(text):
    return STEP_NUMBER.sub("", text, count=1)


class Field(NFCModel):
    """Lĩnh vực: Hộ tịch, Chứng thực, Đất đai, …"""

    slug_source = "name"
    slug_fallback = "linh-vuc"

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("E.g. “Hộ tịch”.")
    )
    slug = models.SlugField(
        _("address name"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address, without diacritics, e.g. “ho-tich”. "
            "Leave it blank to make it from the name."
        ),
    )
    order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Smaller numbers are listed first.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return fixed_address("procedures:list") + f"?linh_vuc={self.slug}"


# A procedure's parts (reverse relations), in the order of the official listing.
PARTS = ("steps", "channels", "dossier_items", "legal_bases")


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: active procedures (withdrawn ones are kept for the
        record but shown nowhere public)."""
        return self.filter(status=Procedure.Status.ACTIVE)

    def under_commune_authority(self):
        """Published procedures that the commune itself handles."""
        return self.published().filter(level=Procedure.Level.COMMUNE)

    def with_parts(self):
        """Everything a detail page, print sheet or export shows, in few queries
        (for one procedure, ``selectors.read_parts`` costs less)."""
        return self.select_related("field").prefetch_related(*PARTS)


class Procedure(StoredDatesStand, NFCModel):
    class Level(models.TextChoices):
        COMMUNE = "commune", _("Commune level")
        PROVINCE = "province", _("Province level")
        CENTRAL = "central", _("Central level")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active (public)")
        WITHDRAWN = "withdrawn", _("Withdrawn (hidden from the public)")

    class OnlineLevel(models.TextChoices):
        FULL = "full", _("Fully online")
        PARTIAL = "partial", _("Partly online")
        NONE = "none", _("Not online")

    code = models.CharField(
        _("procedure code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_(
            "The national code (Mã thủ tục), e.g. 1.001193. It is text, not a number."
        ),
        error_messages={"unique": _("A procedure with this code already exists.")},
    )
    name = models.CharField(
        _("procedure name"),
        max_length=700,
        help_text=_("Exactly as published, e.g. “Thủ tục đăng ký khai sinh”."),
    )
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("field"),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.COMMUNE
    )
    procedure_type = models.CharField(
        _("type of procedure"),
        max_length=300,
        blank=True,
        help_text=_("Loại thủ tục, as published; may be left blank."),
    )
    implementing_agency = models.CharField(
        _("implementing agency"),
        max_length=500,
        help_text=_("Cơ quan thực hiện, e.g. “Ủy ban nhân dân xã”."),
    )
    competent_authority = models.CharField(
        _("competent authority"), max_length=500, blank=True
    )
    delegated_agency = models.CharField(
        _("delegated agency"), max_length=500, blank=True
    )
    coordinating_agency = models.CharField(
        _("coordinating agency"), max_length=500, blank=True
    )
    filing_address = models.CharField(
        _("where to file"),
        max_length=500,
        blank=True,
        help_text=_(
            "Địa chỉ tiếp nhận hồ sơ; blank means the commune's one-stop desk."
        ),
    )
    applicants = limited_text(
        _("who may apply"),
        TEXT_LIMIT,
        help_text=_("Đối tượng thực hiện, e.g. “Công dân Việt Nam”."),
    )
    # “Thành phần, số lượng hồ sơ”: the components are the DossierItem rows,
    # this is how many sets of them to file, as the decision writes it.
    dossier_quantity = models.CharField(
        _("number of sets to file"),
        max_length=300,
        blank=True,
        help_text=_(
            "Số lượng hồ sơ, as published, e.g. “01 bộ” (or “Không quy định”). "
            "Blank: not recorded yet; the page then says it is being updated."
        ),
    )
    result = limited_text(
        _("result"),
        TEXT_LIMIT,
        blank=True,
        help_text=_("Kết quả thực hiện, e.g. “Giấy khai sinh (bản chính)”."),
    )
    conditions = limited_text(
        _("requirements and conditions"),
        TEXT_LIMIT,
        blank=True,
        help_text=_("Blank is shown as “Không có”."),
    )
    description = limited_text(_("description"), TEXT_LIMIT, blank=True)
    online_level = models.CharField(
        _("online service level"),
        max_length=10,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    online_url = models.URLField(
        _("online filing address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only if filing happens elsewhere than the national portal page of this "
            "code (e.g. hokinhdoanh.dkkd.gov.vn)."
        ),
    )
    decision_number = models.CharField(
        _("publication decision number"),
        max_length=100,
        blank=True,
        help_text=_("The province's decision, e.g. “1234/QĐ-UBND”."),
    )
    decision_date = models.DateField(
        _("publication decision date"),
        null=True,
        blank=True,
        validators=[not_in_future],
    )
    keywords = limited_text(
        _("keywords and synonyms"),
        KEYWORDS_LIMIT,
        blank=True,
        validators=[validate_keywords],
        help_text=_(
            "Everyday words people search with, one per line (a comma stays inside "
            "its keyword), e.g. “sổ đỏ”, “làm giấy khai sinh”."
        ),
    )
    posted_at_desk = models.BooleanField(
        _("posted at the one-stop desk"),
        default=False,
        help_text=_("Tick when the printed listing is currently on the desk's board."),
    )
    desk_checked_on = models.DateField(
        _("desk posting last checked on"),
        null=True,
        blank=True,
        validators=[not_in_future],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    source_note = limited_text(
        _("source note"),
        TEXT_LIMIT,
        blank=True,
        help_text=_("Where the facts come from and which ones are not yet verified."),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_title = models.TextField(editable=False, default="")
    search_document = models.TextField(editable=False, default="")
    search_keywords = models.TextField(editable=False, default="")
    # Everyday names the shared vocabulary gives this procedure ("sổ đỏ" for a
    # land certificate), "|"-separated in search form; see docs/search.md.
    search_vocabulary = models.TextField(editable=False, default="")

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["field__order", "field__name", "name"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        indexes = [
            models.Index(fields=["status", "level"], name="procedure_status_level"),
            models.Index(fields=["level"], name="procedure_level"),
            models.Index(fields=["online_level"], name="procedure_online_level"),
            models.Index(fields=["-view_count"], name="procedure_most_viewed"),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        ListingChange.record(self)

    def get_absolute_url(self):
        return address("procedures:detail", "code", self.code, sample="1.000001")

    @property
    def listing_state(self):
        """(listed, posted at the desk, desk checked on): what ListingChange
        keeps. Listed means public and under the commune's authority."""
        listed = self.status == self.Status.ACTIVE and self.level == self.Level.COMMUNE
        return listed, self.posted_at_desk, self.desk_checked_on

    @property
    def national_portal_url(self):
        return NATIONAL_PORTAL_DETAIL.format(code=self.code)

    @property
    def filing_url(self):
        """Where to file online, or "" when the procedure is not offered online."""
        if self.online_level == self.OnlineLevel.NONE:
            return ""
        return self.online_url or self.national_portal_url

    @property
    def keyword_list(self):
        return split_keywords(self.keywords)

    # What the page and the A4 sheet show of the parts (procedures/_parts.jinja),
    # read from the parts kept on the procedure (selectors.read_parts).

    def channel_rows(self):
        """The channels, those with the same time and fee on one row (the A4
        sheet says it once): [(ways to file, time, fee, [(way, description)])]."""
        rows = {}
        for channel in self.channels.all():
            row = rows.setdefault(
                (channel.processing_time, channel.fee),
                ([], channel.processing_time, channel.fee, []),
            )
            kind = str(channel.get_kind_display())
            row[0].append(kind)
            if channel.description:
                row[3].append((kind, channel.description))
        return [
            (", ".join(kinds), time, fee, notes)
            for kinds, time, fee, notes in rows.values()
        ]

    def filed_items(self):
        """Dossier components to file, in order (papers only shown are apart)."""
        return [item for item in self.dossier_items.all() if not item.presented]

    def presented_items(self):
        """Papers the applicant shows at the desk and keeps (xuất trình)."""
        return [item for item in self.dossier_items.all() if item.presented]

    @property
    def has_forms(self):
        return any(item.has_form for item in self.dossier_items.all())

    @property
    def has_fees(self):
        return any(channel.fee for channel in self.channels.all())


class OrderedChild(NFCModel):
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class Step(OrderedChild):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="steps"
    )
    text = limited_text(
        _("step"),
        PART_LIMIT,
        help_text=_(
            "One step. The page numbers the steps: a leading “Bước 1:” is removed."
        ),
    )

    class Meta(OrderedChild.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.text[:80]

    def normalise(self):
        super().normalise()
        self.text = strip_step_number(self.text)


class Channel(OrderedChild):
    """Cách thức thực hiện: time and fee are given per submission channel."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Filed in person")
        ONLINE = "online", _("Filed online")
        POST = "post", _("Filed by post")

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(_("channel"), max_length=10, choices=Kind.choices)
    processing_time = limited_text(
        _("processing time"),
        PART_LIMIT,
        help_text=_("Verbatim, e.g. “Ngay trong ngày tiếp nhận hồ sơ…”."),
    )
    fee = limited_text(
        _("fees and charges"),
        PART_LIMIT,
        blank=True,
        help_text=_(
            "Verbatim, with exemptions, e.g. “Miễn lệ phí…”. Blank is shown as "
            "“Không quy định”."
        ),
    )
    fee_amount = models.PositiveIntegerField(
        _("fee amount (đồng)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: the main amount as a number, for sorting and open data."
        ),
    )
    description = limited_text(_("description"), PART_LIMIT, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("submission channel")
        verbose_name_plural = _("submission channels (time and fee)")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "kind"],
                name="channel_once_per_procedure",
                violation_error_message=_("Each way to file is listed once."),
            )
        ]

    def __str__(self):
        return self.get_kind_display()


class DossierItem(OrderedChild):
    """Thành phần hồ sơ, with the counts of originals and copies, and its form."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="dossier_items"
    )
    case = models.CharField(
        _("case"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only when the dossier differs by case, e.g. “Trường hợp không có giấy "
            "chứng sinh”. Items with the same case are shown together."
        ),
    )
    name = limited_text(_("document"), PART_LIMIT)
    presented = models.BooleanField(
        _("shown, not filed"),
        default=False,
        help_text=_(
            "Tick for a paper the applicant only shows at the desk (xuất trình), "
            "such as an identity card: it is listed apart, without quantities."
        ),
    )
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    form_name = models.CharField(
        _("form name"),
        max_length=300,
        blank=True,
        help_text=_("Mẫu đơn, tờ khai, e.g. “Tờ khai đăng ký khai sinh”."),
    )
    form_file = models.FileField(
        _("form file"),
        upload_to="procedures/forms/",
        blank=True,
        validators=[UploadValidator(("pdf", "doc", "docx", "xls", "xlsx"))],
        help_text=_("PDF, Word or Excel, at most 20 MB."),
    )
    form_url = models.URLField(
        _("form link"),
        max_length=500,
        blank=True,
        help_text=_("A link to the form on the national database, if no file."),
    )
    note = limited_text(_("note"), PART_LIMIT, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")

    def __str__(self):
        return self.name[:80]

    @property
    def has_form(self):
        return bool(self.form_name or self.form_file or self.form_url)

    @property
    def counts(self):
        """“Bản chính: 1 – Bản sao: 0”, as on the official record."""
        return gettext("Originals: %(originals)s – Copies: %(copies)s") % {
            "originals": self.originals,
            "copies": self.copies,
        }

    @property
    def form_file_kind(self):
        """“Word, 24 KB” for the stored form file; the kind alone if its size
        cannot be read."""
        label, _extension = describe(self.form_file.name)
        try:
            return f"{label}, {filesizeformat(self.form_file.size)}"
        except OSError:
            return label


class LegalBasis(StoredDatesStand, OrderedChild):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="legal_bases"
    )
    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("E.g. “60/2014/QH13”.")
    )
    summary = limited_text(_("summary"), PART_LIMIT)
    issued_on = models.DateField(
        _("date issued"), null=True, blank=True, validators=[not_in_future]
    )
    issuer = models.CharField(_("issued by"), max_length=300, blank=True)

    class Meta(OrderedChild.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return self.number


class Feedback(NFCModel):
    """“Was this information helpful?” answers. Not shown on public pages, so saving
    one does not empty the page cache."""

    page_cache_exempt = True

    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("procedure"),
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback on a procedure")
        verbose_name_plural = _("feedback on procedures")
        permissions = [("export_feedback", _("Can download feedback as CSV"))]

    def __str__(self):
        return f"{self.procedure.code}: {'+' if self.helpful else '−'}"


class ListingChange(models.Model):
    """The listing state of a procedure from a moment on, written when it is
    created and whenever it changes: the plan's listing KPI answers for a past
    date from it (“was it listed on the website and posted at the desk on
    14/12/2021?”)."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="listing_changes"
    )
    changed_at = models.DateTimeField(_("from"))
    listed = models.BooleanField(_("listed on the website"))
    posted_at_desk = models.BooleanField(_("posted at the one-stop desk"))
    desk_checked_on = models.DateField(
        _("desk posting last checked on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("listing change")
        verbose_name_plural = _("listing changes")
        ordering = ["procedure", "changed_at", "pk"]
        indexes = [
            models.Index(
                fields=["procedure", "changed_at"], name="listingchange_proc_at"
            )
        ]

    def __str__(self):
        return f"{self.procedure_id} {format_date(self.changed_at, time=False)}"

    @classmethod
    def record(cls, procedure, at=None):
        """Write the state of ``procedure`` if it differs from the last one."""
        last = (
            cls.objects.filter(procedure=procedure)
            .order_by("-changed_at", "-pk")
            .values_list("listed", "posted_at_desk", "desk_checked_on")
            .first()
        )
        if last != procedure.listing_state:
            cls.of(procedure, at or timezone.now()).save()

    @classmethod
    def of(cls, procedure, at):
        """The (unsaved) change to the current state of ``procedure`` at ``at``:
        what ``record`` writes, and an import writes in bulk for the procedures
        it creates (which have no state before)."""
        listed, posted, checked = procedure.listing_state
        return cls(
            procedure=procedure,
            changed_at=at,
            listed=listed,
            posted_at_desk=posted,
            desk_checked_on=checked,
        )
