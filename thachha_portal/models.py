"""What belongs to the whole portal rather than one app: the commune's profile with
the names it bore on each date, the site-wide visit counter, the behaviour every
model of every app shares (``NFCModel``), and the site-wide search's vocabulary,
guidance for matters handled elsewhere and log of searches without a result."""

import functools
import hashlib
from dataclasses import dataclass, fields, replace

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .dates import format_date
from .slugs import fill_slug
from .text import nfc, search_text


class NFCModel(models.Model):
    """What every model of the portal does with what editors type or paste.

    ``normalise()``: every text field in Unicode NFC, stripped (pasted Vietnamese
    often comes decomposed, and looks the same but neither matches nor sorts);
    and, for a model that names ``slug_source``, a blank slug made from that field
    on the server (``thachha_portal.slugs``). ``clean()`` runs it, so the admin
    validates what will be stored; ``save()`` runs ``prepare()``, which is
    ``normalise()`` plus what a model derives from its text (search columns…):
    bulk writes that skip ``save()`` call ``prepare()`` themselves.
    """

    slug_source = None  # the field a blank slug is made from
    slug_fallback = ""  # the slug when that field has no letters

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    def clean(self):
        self.normalise()
        super().clean()

    def normalise(self):
        for model_field in self._meta.concrete_fields:
            if isinstance(model_field, models.CharField | models.TextField):
                value = getattr(self, model_field.attname)
                if isinstance(value, str):
                    setattr(self, model_field.attname, nfc(value).strip())
        if self.slug_source:
            source = getattr(self, self.slug_source)
            fill_slug(self, source, fallback=self.slug_fallback)

    def prepare(self):
        """Everything done before a row is written (models add derived columns)."""
        self.normalise()

    def _get_FIELD_display(self, field):
        """Django's ``get_FOO_display()``, with the field's choices read once
        per worker: Django's own makes them hashable again on each call, which
        translates every label of the field (a plan activity's kind: 46 µs a
        call, against 5 here). The labels stay lazy: each call gives the active
        language's."""
        value = getattr(self, field.attname)
        label = _choice_labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)


@functools.cache
def _choice_labels(field):
    """value → label (lazy) of a field with choices, as Django builds it."""
    return dict(make_hashable(field.flatchoices))


PROFILE_CACHE_KEY = "commune-profile:v2"  # v2: names in force

phone_validator = RegexValidator(
    r"^[0-9 .+()-]{6,20}$",
    _("Enter a phone number using digits, spaces, dots or dashes."),
)


class CommuneProfile(NFCModel):
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
    parent_name = models.CharField(
        _("superior body"),
        max_length=200,
        blank=True,
        help_text=_(
            "The upper line of the issuer block on documents (NĐ 30/2020: the common "
            "words may be abbreviated), e.g. “UBND tỉnh Hà Tĩnh”. Blank: none."
        ),
    )
    place_name = models.CharField(
        _("place in the date line"),
        max_length=100,
        default="Thạch Hà",
        help_text=_("As in “Thạch Hà, ngày 05 tháng 01 năm 2027”."),
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
        forget_cached_profile()
        super().save(*args, **kwargs)

    @cached_property
    def fingerprint(self):
        """Changes with any of the profile's values: part of the key under which
        each worker keeps the header and footer it drew (templates/includes)."""
        values = [getattr(self, f.attname) for f in self._meta.concrete_fields]
        return hashlib.blake2b(repr(values).encode(), digest_size=8).hexdigest()

    @property
    def desk_hours_lines(self):
        return [line.strip() for line in self.desk_hours.splitlines() if line.strip()]

    @property
    def about_paragraphs(self):
        return [p.strip() for p in self.about.split("\n\n") if p.strip()]

    @property
    def names(self):
        """The names in force today."""
        return UnitNames.of(self)

    def names_on(self, day):
        """The names in force on ``day`` (a date): those of the first former name
        still in force that day, else today's. A former name without a desk name
        keeps the desk name of the names after it (the desk was not renamed)."""
        if self.pk is None:  # the placeholder before the first setup
            return self.names
        formers = list(self.former_names.all())  # ordered by the last day in force
        for index, former in enumerate(formers):
            if day <= former.in_force_until:
                later = [f.desk_name for f in formers[index:]] + [self.desk_name]
                desk = next((name for name in later if name), "")
                return replace(former.names, desk_name=desk)
        return self.names

    @classmethod
    def current(cls):
        """The profile, cached; an unsaved placeholder before the first setup.
        (Its former names are read when asked for: only documents need them.)
        With Redis, a worker keeps it while its app's generation stands
        (localpages.py): no cache round trip per page."""
        from .localpages import watcher

        stamp = watcher.known(("thachha_portal",))
        if stamp is not None and _profile_memo[0] == stamp:
            return _profile_memo[1]
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
        if stamp is not None:
            _profile_memo[:] = [stamp, profile]
        return profile


_profile_memo = [None, None]  # (thachha_portal generation, profile) of this worker


def forget_cached_profile():
    """Drop the cached profile once the current transaction commits. Registered
    before the save, so it runs before the page cache's bump: a worker that
    learns the new generation cannot read the old profile back from the cache."""
    transaction.on_commit(lambda: cache.delete(PROFILE_CACHE_KEY), robust=True)


@dataclass(frozen=True)
class UnitNames:
    """The unit's names as they stood on one date."""

    name: str  # in full: “Ủy ban nhân dân thị trấn Thạch Hà”
    short_name: str  # “UBND thị trấn Thạch Hà”
    parent_name: str  # the superior body as documents show it, may be abbreviated
    place_name: str  # “Thạch Hà”
    # where dossiers are filed and procedures posted: “Bộ phận Một cửa thị trấn
    # Thạch Hà” until 30/06/2025, “Trung tâm Phục vụ hành chính công xã Thạch Hà”
    desk_name: str = ""

    @classmethod
    def of(cls, holder):
        """The names a profile or a former name holds."""
        return cls(*(getattr(holder, f.name) for f in fields(cls)))

    @property
    def issuer_lines(self):
        """The issuer's name in capitals as NĐ 30/2020 writes it (in full, never
        abbreviated), the collective body on its own line: “ỦY BAN NHÂN DÂN” /
        “THỊ TRẤN THẠCH HÀ”."""
        name = self.name.upper()
        for body in COLLECTIVE_BODIES:
            if name.startswith(body + " "):
                return [body, name[len(body) + 1 :]]
        return [name]

    @property
    def parent_full_name(self):
        """The superior body in full (“Ủy ban nhân dân tỉnh Hà Tĩnh”), as a
        report addresses it."""
        return expand_abbreviations(self.parent_name)

    @property
    def collective_body(self):
        """The collective body that signs “TM.” (“ỦY BAN NHÂN DÂN”), or ""."""
        lines = self.issuer_lines
        return lines[0] if len(lines) > 1 else ""


# Collective bodies whose documents are signed “TM.” (on behalf of the body).
COLLECTIVE_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
# The common abbreviations NĐ 30/2020 allows in a superior body's name.
ABBREVIATIONS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def expand_abbreviations(name):
    """“UBND tỉnh Hà Tĩnh” → “Ủy ban nhân dân tỉnh Hà Tĩnh”."""
    words = name.split(" ")
    return " ".join(ABBREVIATIONS.get(word.upper(), word) for word in words)


FORMER_DESK_HELP = _(
    "E.g. “Bộ phận Một cửa thị trấn Thạch Hà”. Blank: the desk kept the name of the "
    "names after these."
)


class FormerName(models.Model):
    """Names the unit bore until a date (a history of the profile's names): a
    document keeps the names in force on the day it was issued."""

    profile = models.ForeignKey(
        CommuneProfile,
        on_delete=models.CASCADE,
        related_name="former_names",
        verbose_name=_("commune profile"),
    )
    in_force_until = models.DateField(
        _("in force until (last day)"),
        help_text=_("E.g. 30/06/2025 for the names before the 2025 rearrangement."),
    )
    name = models.CharField(
        _("unit name"),
        max_length=200,
        help_text=_("In full, e.g. “Ủy ban nhân dân thị trấn Thạch Hà”."),
    )
    short_name = models.CharField(
        _("short name"), max_length=100, help_text=_("E.g. “UBND thị trấn Thạch Hà”.")
    )
    parent_name = models.CharField(
        _("superior body"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “UBND huyện Thạch Hà”."),
    )
    place_name = models.CharField(
        _("place in the date line"), max_length=100, default="Thạch Hà"
    )
    desk_name = models.CharField(
        _("one-stop desk name"), max_length=200, blank=True, help_text=FORMER_DESK_HELP
    )

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names (names in force on each date)")
        ordering = ["in_force_until"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "in_force_until"],
                name="formername_one_per_date",
            )
        ]

    def __str__(self):
        return _("%(name)s (until %(day)s)") % {
            "name": self.short_name,
            "day": format_date(self.in_force_until),
        }

    def save(self, *args, **kwargs):
        forget_cached_profile()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        forget_cached_profile()
        return super().delete(*args, **kwargs)

    @property
    def names(self):
        return UnitNames.of(self)


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


def _lines(text):
    """The non-blank lines of ``text``, also split at commas and semicolons."""
    parts = text.replace(";", "\n").replace(",", "\n").splitlines()
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


class Synonym(NFCModel):
    """One entry of the shared search vocabulary: what people type (an everyday
    word, an old name, an abbreviation) and the official terms it stands for.
    Applied to every procedure (imported ones too) and to every query; see
    docs/search.md."""

    class Kind(models.TextChoices):
        EVERYDAY = "everyday", _("Everyday word")
        OLD = "old", _("Old or former name")
        ABBREVIATION = "abbreviation", _("Abbreviation")
        SPELLING = "spelling", _("Other spelling or regional word")

    phrase = models.CharField(
        _("what people type"),
        max_length=100,
        help_text=_("E.g. “sổ đỏ”. Diacritics and upper case do not matter."),
    )
    official = models.TextField(
        _("official terms"),
        help_text=_(
            "The words of the official procedure names it means, one per line, "
            "e.g. “giấy chứng nhận quyền sử dụng đất”."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.EVERYDAY
    )
    # Not a kind: an old word ("nhập hộ khẩu") or an everyday one ("giấy độc
    # thân") can each be a name of the procedure, or only help the search.
    other_name = models.BooleanField(
        _("another name of the procedure"),
        default=False,
        help_text=_(
            "Tick only if people use these words as a name of the procedure "
            "itself (e.g. “giấy độc thân”, “làm giấy khai sinh”, “nhập hộ "
            "khẩu”): its page then shows them after “Also called”. Leave it "
            "unticked for words that only help the search: papers people bring "
            "(“giấy chứng sinh”), situations (“bố mất”), the wider matter "
            "(“kiện đất”), other spellings."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    phrase_key = models.CharField(max_length=100, unique=True, editable=False)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["phrase_key"]
        verbose_name = _("search vocabulary entry")
        verbose_name_plural = _("search vocabulary")

    def __str__(self):
        return f"{self.phrase} → {'; '.join(self.official_list)}"

    def prepare(self):
        super().prepare()
        self.phrase_key = search_text(self.phrase)

    @property
    def official_list(self):
        return _lines(self.official)

    def clean(self):
        super().clean()
        self.official = "\n".join(self.official_list)
        self.phrase_key = search_text(self.phrase)
        errors = {}
        if not self.phrase_key:
            errors["phrase"] = _("Type a word or phrase with letters.")
        if not [t for t in self.official_list if search_text(t)]:
            errors["official"] = _("Give at least one official term.")
        elif self.phrase_key in {search_text(t) for t in self.official_list}:
            errors["official"] = _(
                "An official term must differ from what people type, or the entry "
                "changes nothing."
            )
        clash = Synonym.objects.filter(phrase_key=self.phrase_key).exclude(pk=self.pk)
        if self.phrase_key and clash.exists():
            errors["phrase"] = _(
                "“%(phrase)s” is already in the vocabulary (diacritics and case do "
                "not count): edit that entry instead."
            ) % {"phrase": clash.first().phrase}
        if errors:
            raise ValidationError(errors)


class ElsewhereTopic(NFCModel):
    """A matter the commune's People's Committee does not handle (a driving
    licence, a passport, …): when a search names it, the portal says where to go
    instead of listing unrelated procedures."""

    title = models.CharField(
        _("matter"), max_length=200, help_text=_("E.g. “Giấy phép lái xe”.")
    )
    phrases = models.TextField(
        _("words people type"),
        help_text=_(
            "One per line, e.g. “bằng lái”, “giấy phép lái xe”. A search that "
            "contains one of them shows this guidance."
        ),
    )
    authority = models.CharField(
        _("handled by"),
        max_length=300,
        help_text=_("E.g. “Phòng Cảnh sát giao thông, Công an tỉnh Hà Tĩnh”."),
    )
    advice = models.TextField(
        _("what to tell the citizen"),
        blank=True,
        help_text=_("One or two plain sentences: where to go, how to file."),
    )
    url = models.URLField(
        _("web address"), blank=True, help_text=_("Where to file online, if any.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("matter handled elsewhere")
        verbose_name_plural = _("matters handled elsewhere")

    def __str__(self):
        return self.title

    @property
    def phrase_list(self):
        return _lines(self.phrases)

    def clean(self):
        super().clean()
        if not [p for p in self.phrase_list if search_text(p)]:
            raise ValidationError(
                {"phrases": _("Give at least one word or phrase people type.")}
            )


class SearchMiss(models.Model):
    """A search that found nothing, or named a matter handled elsewhere, counted
    by its folded words so that staff see what the vocabulary lacks. No address,
    browser or time of day is kept; long numbers (phones, ID numbers) are masked
    before the words are stored."""

    page_cache_exempt = True

    class Kind(models.TextChoices):
        NOTHING = "nothing", _("Nothing found")
        ELSEWHERE = "elsewhere", _("Handled elsewhere")

    query = models.CharField(_("search words"), max_length=100, unique=True)
    kind = models.CharField(_("outcome"), max_length=10, choices=Kind.choices)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateField(_("first searched"), default=timezone.localdate)
    last_seen = models.DateField(
        _("last searched"), default=timezone.localdate, db_index=True
    )

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = _("search without a result")
        verbose_name_plural = _("searches without a result")
        indexes = [models.Index(fields=["-count"], name="searchmiss_most_frequent")]

    def __str__(self):
        return self.query
