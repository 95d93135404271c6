"""CCHC news (tin bài): bulletins, their attachments and status history,
loudspeaker airings, and readers' ratings and comments.

"What counts as published" (``BulletinQuerySet.published``) and "what counts as
aired" (``AiringQuerySet.counted``) are defined here once and used by every view,
feed, sitemap, search provider and KPI.
"""

import datetime
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from thachha_portal.addresses import address
from thachha_portal.dates import format_date
from thachha_portal.images import (
    PictureValidator,
    WebPicture,
    copy_field,
    size_fields,
)
from thachha_portal.models import CommuneProfile, NFCModel
from thachha_portal.search import build_document
from thachha_portal.text import nfc, search_text
from thachha_portal.uploads import AUDIO, DOCUMENTS, UploadValidator, describe

from .html import sanitize_html
from .script import reading_seconds, script_from_html, spell_out

# The editor's toolbar; what it can produce is then passed through our own
# allow-list (html.sanitize_html), which also cleans a paste from Word.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
    "HorizontalRule": True,
}


def default_author_unit():
    """A new item's byline: the commune's short name in force today, from its
    profile (“UBND xã Thạch Hà”), so a renamed unit signs with its new name."""
    return CommuneProfile.current().names_on(timezone.localdate()).short_name


def month_bounds(year, month):
    """The first instant of ``month`` and of the next one, in local time (KPI
    months are Asia/Ho_Chi_Minh months)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    following = (
        datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        if month == 12
        else datetime.datetime(year, month + 1, 1, tzinfo=tz)
    )
    return start, following


class Category(NFCModel):
    slug_source = "name"
    slug_fallback = "chuyen-muc"

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "The web address of the category, e.g. “tin-cchc”. "
            "Leave it blank to make it from the name."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("bulletins:category", "slug", self.slug, sample="x")


class BulletinQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public sees: status published and a publication time that has
        come. A future ``published_at`` is a scheduled item: it appears by itself
        when the time comes (no cron job)."""
        return self.filter(
            status=Bulletin.Status.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def scheduled(self, now=None):
        """Approved items waiting for their publication time."""
        return self.filter(
            status=Bulletin.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def in_month(self, year, month):
        start, following = month_bounds(year, month)
        return self.filter(published_at__gte=start, published_at__lt=following)

    def for_list(self, *also):
        """Newest first, with what a list row shows (and the columns ``also``
        names): not the body, files or search columns, which a list of ten or
        thirty rows would read and build for nothing."""
        return (
            self.select_related("category")
            .only("title", "slug", "summary", "published_at", "category", *also)
            .order_by("-published_at", "-pk")
        )

    def next_scheduled_time(self):
        return (
            self.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )


class Bulletin(WebPicture, NFCModel):
    slug_source = "title"
    slug_fallback = "tin"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("Priority")
        URGENT = "urgent", _("Urgent")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "The web address: lowercase, no diacritics, words joined by -. "
            "Leave it blank to make it from the title."
        ),
    )
    summary = models.TextField(
        _("short summary"),
        max_length=600,
        help_text=_("One or two sentences shown in lists, feeds and share previews."),
    )
    body = ProseEditorField(
        _("body"),
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=sanitize_html,
        help_text=_(
            "You can paste from Word: formatting that breaks the page is removed."
        ),
    )
    cover_image = models.FileField(
        _("cover image"),
        upload_to="bulletins/covers/%Y/%m/",
        blank=True,
        validators=[PictureValidator()],
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. Stored at most 1,200 pixels wide, "
            "without the place and time the photo was taken."
        ),
    )
    # Stored as its copy for the web, with its size, and a smaller copy for
    # phones, and the same two as AVIF (thachha_portal/images.py).
    picture_field = web_field = "cover_image"
    web_size_fields = ("cover_width", "cover_height")
    phone_field = "cover_phone"
    modern_field, modern_phone_field = "cover_avif", "cover_phone_avif"
    modern_small_field = "cover_small_avif"
    cover_phone = copy_field(
        _("cover image for phones"), "bulletins/covers-phone/%Y/%m/"
    )
    cover_avif = copy_field(_("cover image (AVIF)"), "bulletins/covers-avif/%Y/%m/")
    cover_phone_avif = copy_field(
        _("cover image for phones (AVIF)"), "bulletins/covers-phone-avif/%Y/%m/"
    )
    cover_small_avif = copy_field(
        _("cover image for small phones (AVIF)"),
        "bulletins/covers-small-avif/%Y/%m/",
    )
    cover_width, cover_height = size_fields()
    cover_alt = models.CharField(
        _("cover image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for readers who cannot see it. Required with a "
            "cover image."
        ),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="bulletins",
        verbose_name=_("category"),
    )
    author_unit = models.CharField(
        _("official author"),
        max_length=200,
        default=default_author_unit,
        help_text=_(
            "The unit in whose name the item is published: by default the "
            "commune's short name in force today (commune profile)."
        ),
    )
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_(
            "Where the facts come from, or that the item is sample content. Shown "
            "in small print under the item; never part of the loudspeaker script."
        ),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A time in the future schedules the item: it appears by itself then."
        ),
    )
    related_procedures = models.ManyToManyField(
        "procedures.Procedure",
        blank=True,
        related_name="bulletins",
        verbose_name=_("related procedures"),
        help_text=_("Procedures the item talks about; linked from the item's page."),
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    broadcast_script = models.TextField(
        _("loudspeaker script"),
        blank=True,
        help_text=_(
            "Written for the ear: short sentences, no tables or links, abbreviations "
            "spelled out. Leave empty to derive it again from the body."
        ),
    )
    priority = models.CharField(
        _("broadcast priority"),
        max_length=8,
        choices=Priority.choices,
        default=Priority.NORMAL,
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    search_title = models.CharField(max_length=250, editable=False, default="")
    search_document = models.TextField(editable=False, default="")

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        permissions = [
            ("submit_bulletin", _("Can submit bulletins for approval")),
            ("publish_bulletin", _("Can publish, unpublish and hide bulletins")),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="bulletin_status_pub"),
            models.Index(
                fields=["category", "status", "published_at"],
                name="bulletin_cat_status_pub",
            ),
            models.Index(fields=["search_title"], name="bulletin_search_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("bulletins:detail", "slug", self.slug, sample="x")

    def prepare(self):
        """Sanitise the body and fill the derived columns (script, search)."""
        super().prepare()
        self.make_web_picture()
        self.body = sanitize_html(self.body)
        if not self.broadcast_script.strip():
            self.broadcast_script = script_from_html(self.body)
        self.search_title = search_text(self.title)
        self.search_document = build_document(
            self.title, self.summary, self.category.name, script_from_html(self.body)
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.cover_image and not self.cover_alt.strip():
            errors["cover_alt"] = _(
                "Describe the cover image for readers who cannot see it."
            )
        if self.status == self.Status.HIDDEN and not self.hidden_reason.strip():
            errors["hidden_reason"] = _("Give the reason for hiding the item.")
        if self.status == self.Status.PUBLISHED and not self.published_at:
            errors["published_at"] = _("A published item needs a publication time.")
        if errors:
            raise ValidationError(errors)

    def get_preview_url(self):
        return reverse("bulletins:preview", kwargs={"pk": self.pk})

    def get_script_url(self):
        return reverse("bulletins:script", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        """Whether the public sees it now (asks the database: the rule is
        ``BulletinQuerySet.published``)."""
        return Bulletin.objects.published().filter(pk=self.pk).exists()

    @property
    def is_scheduled(self):
        return Bulletin.objects.scheduled().filter(pk=self.pk).exists()

    @property
    def spoken_title(self):
        """The title as the announcer reads it before the script."""
        return spell_out(self.title)

    @property
    def reading_seconds(self):
        return reading_seconds(self.broadcast_script)

    @property
    def reading_minutes(self):
        return max(1, math.ceil(self.reading_seconds / 60))


class StatusChange(NFCModel):
    """One step of a bulletin's workflow: who moved it, when, from what to what
    and why. Written only by services.py."""

    page_cache_exempt = True

    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("bulletin"),
    )
    from_status = models.CharField(
        _("from"), max_length=12, choices=Bulletin.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=12, choices=Bulletin.Status.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Attachment(NFCModel):
    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("bulletin"),
    )
    title = models.CharField(
        _("title"),
        max_length=250,
        blank=True,
        help_text=_("Shown in the download list; the file name when empty."),
    )
    file = models.FileField(
        _("file"),
        upload_to="bulletins/attachments/%Y/%m/",
        validators=[UploadValidator(DOCUMENTS)],
        help_text=_(
            "PDF, Word or Excel up to 20 MB; JPEG, PNG or WebP images up to 5 MB."
        ),
    )
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def file_name(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def display_name(self):
        return self.title or self.file_name

    @property
    def kind_label(self):
        return describe(self.file_name)[0]


def to_the_minute(moment):
    """``moment`` as people type and read it: an airing at 22:47 of an item
    published at 22:47:31 is not before it."""
    return moment.replace(second=0, microsecond=0)


def station_key(station):
    """``station`` as compared for "the same station": spaces trimmed and
    collapsed, Unicode NFC, case-folded. “Cụm loa thôn Bắc Sơn” and “cụm loa
    thôn  bắc sơn ” are one cluster, typed twice."""
    return nfc(nfc(" ".join(station.split())).casefold())


class AiringQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As ``save()`` would, each airing gets its station's key: the
        constraint compares it (the benchmark and tests write airings so)."""
        objs = list(objs)
        for airing in objs:
            airing.station_key = station_key(airing.station)
        return super().bulk_create(objs, *args, **kwargs)

    def counted(self):
        """The airings that count as evidence: those of bulletins not hidden."""
        return self.exclude(bulletin__status=Bulletin.Status.HIDDEN)

    def in_month(self, year, month):
        start, following = month_bounds(year, month)
        return self.filter(aired_at__gte=start, aired_at__lt=following)

    def before_publication(self, published_at):
        """The airings dated before ``published_at`` (to the minute), which a
        bulletin published then cannot have had (Airing.clean)."""
        return self.filter(aired_at__lt=to_the_minute(published_at))


AT_LEAST_A_MINUTE = _(
    "An airing lasts at least 1 minute: enter its duration as a whole number "
    "of minutes, from 1 to 180."
)


class Airing(NFCModel):
    """One reading of a bulletin on the loudspeakers (đài truyền thanh): after
    the bulletin's publication, at most ``MAX_MINUTES`` long, recorded once for
    a bulletin, time and station (compared by ``station_key``: spaces and
    letter case do not make another station)."""

    # A commune's programme lasts a quarter or half an hour; three hours is
    # already far beyond any reading of one item (100000 minutes was accepted).
    MAX_MINUTES = 180

    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.PROTECT,
        related_name="airings",
        verbose_name=_("bulletin"),
    )
    aired_at = models.DateTimeField(_("aired at"))
    station = models.CharField(
        _("station or loudspeaker cluster"),
        max_length=150,
        help_text=_("E.g. “Đài truyền thanh xã” or “Cụm loa tổ dân phố 4”."),
    )
    # The station as compared (station_key()): stored as typed, trimmed, in
    # ``station``; one airing for an item, time and this key.
    station_key = models.CharField(max_length=300, editable=False, default="")
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        validators=[
            MinValueValidator(1, message=AT_LEAST_A_MINUTE),
            MaxValueValidator(
                MAX_MINUTES,
                message=_(
                    "An airing lasts at most %(limit_value)s minutes (3 hours): "
                    "check the duration."
                ),
            ),
        ],
    )
    read_by = models.CharField(_("read by"), max_length=150)
    recording = models.FileField(
        _("recording"),
        upload_to="bulletins/airings/%Y/%m/",
        blank=True,
        validators=[UploadValidator(AUDIO)],
        help_text=_("Optional MP3 recording, at most 30 MB."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AiringQuerySet.as_manager()

    class Meta:
        ordering = ["-aired_at"]
        verbose_name = _("airing")
        verbose_name_plural = _("airings")
        indexes = [models.Index(fields=["aired_at"], name="airing_aired_at")]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "aired_at", "station_key"],
                name="one_airing_per_item_time_station_key",
                violation_error_message=_(
                    "This airing is already recorded: the same item, at the same "
                    "time, on the same station or loudspeaker cluster."
                ),
            )
        ]

    def __str__(self):
        return f"{self.bulletin} – {self.station}"

    def prepare(self):
        super().prepare()
        self.station_key = station_key(self.station)

    def validate_constraints(self, exclude=None):
        """The key is derived from the station: checked whenever the station
        is (a form leaves the key out as a field it does not show)."""
        self.station_key = station_key(self.station or "")
        if exclude and "station" not in exclude:
            exclude = set(exclude) - {"station_key"}
        super().validate_constraints(exclude)

    def clean(self):
        super().clean()
        errors = {}
        if self.bulletin_id and not self.bulletin.is_public:
            errors["bulletin"] = _(
                "Only a published bulletin can be recorded as aired: publish it first."
            )
        elif self.bulletin_id and self.aired_at and self.aired_before_publication():
            errors["aired_at"] = _(
                "The item was published on %(published)s: an airing cannot be "
                "earlier than its publication. Check the date and time."
            ) % {"published": format_date(self.bulletin.published_at)}
        if self.aired_at and self.aired_at > timezone.now():
            errors["aired_at"] = _(
                "The airing time is in the future: record an airing after it happened."
            )
        if errors:
            raise ValidationError(errors)

    def aired_before_publication(self):
        """Whether this airing is dated before its bulletin's publication. A
        reading on the loudspeakers is recorded for a published item only: one
        dated earlier would count for a month when the item did not exist, and
        change old KPIs."""
        return self.aired_at < to_the_minute(self.bulletin.published_at)


class Rating(NFCModel):
    """One reader's 1–5 stars. The reader is known only by ``voter``, a keyed
    hash of the bulletin and the client's network (bulletins.forms.voter_hash):
    one vote per address per bulletin, no login, no address stored."""

    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("bulletin"),
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    voter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "voter"], name="one_rating_per_visitor"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="stars_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.bulletin}: {self.stars}★"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)


class Comment(NFCModel):
    """A reader's comment, shown only once a moderator approves it. Never
    deleted: a moderator hides it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")

    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("bulletin"),
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    body = models.TextField(_("comment text"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    voter = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reader comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(
                fields=["bulletin", "status", "created_at"], name="comment_list"
            ),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    def clean(self):
        super().clean()
        if self.status == self.Status.HIDDEN and not self.hidden_reason.strip():
            raise ValidationError(
                {"hidden_reason": _("Give the reason for hiding the comment.")}
            )
