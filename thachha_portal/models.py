"""What belongs to the whole portal rather than one app: the commune's profile and
the site-wide visit counter."""

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

PROFILE_CACHE_KEY = "commune-profile:v1"

phone_validator = RegexValidator(
    r"^[0-9 .+()-]{6,20}$",
    _("Enter a phone number using digits, spaces, dots or dashes."),
)


class CommuneProfile(models.Model):
    """The unit that runs the portal. One row; names and contacts are data because
    units are merged and renamed (thị trấn Thạch Hà became part of xã Thạch Hà on
    01/07/2025)."""

    name = models.CharField(
        _("unit name"),
        max_length=200,
        help_text=_("As shown in the header, e.g. “Ủy ban nhân dân xã Thạch Hà”."),
    )
    short_name = models.CharField(
        _("short name"), max_length=100, help_text=_("E.g. “UBND xã Thạch Hà”.")
    )
    former_name = models.CharField(
        _("former name"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “thị trấn Thạch Hà, huyện Thạch Hà (before 01/07/2025)”."),
    )
    province = models.CharField(_("province"), max_length=100, default="Hà Tĩnh")
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("email"), blank=True)
    hotline = models.CharField(
        _("hotline"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("For questions and complaints about procedures."),
    )
    desk_name = models.CharField(
        _("one-stop desk name"),
        max_length=200,
        default="Trung tâm Phục vụ hành chính công xã",
    )
    desk_address = models.CharField(_("one-stop desk address"), max_length=300)
    desk_hours = models.TextField(
        _("one-stop desk hours"),
        help_text=_("One line per period, e.g. “Thứ Hai – Thứ Sáu: 7:00 – 11:30”."),
    )
    national_portal_url = models.URLField(
        _("national public-service portal"), default="https://dichvucong.gov.vn/"
    )
    provincial_portal_url = models.URLField(
        _("provincial public-service portal"),
        default="https://dichvucong.hatinh.gov.vn/",
    )
    dossier_lookup_url = models.URLField(
        _("dossier status look-up"),
        default="https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html",
        help_text=_("Where citizens check the status of a dossier they filed."),
    )
    feedback_url = models.URLField(
        _("complaints and suggestions (PAKN) page"),
        default="https://dichvucong.gov.vn/p/phan-anh-kien-nghi/pakn-gui-pakn.html",
    )
    about = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Plain text shown on the “Giới thiệu” page; blank lines split paragraphs."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("commune profile")
        verbose_name_plural = _("commune profile")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # a single profile
        super().save(*args, **kwargs)
        # After the commit: a page rendered in between would cache the old profile.
        transaction.on_commit(lambda: cache.delete(PROFILE_CACHE_KEY), robust=True)

    @property
    def desk_hours_lines(self):
        return [line.strip() for line in self.desk_hours.splitlines() if line.strip()]

    @property
    def about_paragraphs(self):
        return [p.strip() for p in self.about.split("\n\n") if p.strip()]

    @classmethod
    def current(cls):
        """The profile, cached; an unsaved placeholder before the first setup."""
        profile = cache.get(PROFILE_CACHE_KEY)
        if profile is None:
            profile = cls.objects.filter(pk=1).first() or cls(
                name="Ủy ban nhân dân xã Thạch Hà",
                short_name="UBND xã Thạch Hà",
                address="xã Thạch Hà, tỉnh Hà Tĩnh",
                desk_address="",
                desk_hours="",
            )
            cache.set(PROFILE_CACHE_KEY, profile, 3600)
        return profile


class SiteCounter(models.Model):
    """Running total of visits, flushed from the cache in batches (see visitors.py)."""

    page_cache_exempt = True

    key = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("site counter")
        verbose_name_plural = _("site counters")

    def __str__(self):
        return f"{self.key}: {self.value}"
