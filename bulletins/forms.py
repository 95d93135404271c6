"""Readers' feedback forms: the star rating and comments.

Spam defence that stays accessible (no image captcha): a honeypot field that
people never see, a signed timestamp (too fast = a robot, too old = a stale
page), and a rate limit per visitor in the views (PUBLIC_FORM_RATE).
"""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from thachha_portal.clientip import client_network
from thachha_portal.public_forms import HoneypotForm
from thachha_portal.visitors import keyed_digest

TIMESTAMP_SALT = "bulletins.feedback.timestamp"
MIN_SECONDS = 3  # a person needs longer than this to choose and write
MAX_SECONDS = 6 * 60 * 60  # beyond this the page is stale: reload it


def voter_hash(request, bulletin):
    """Who a reader is for the one-vote rule, without accounts: a keyed hash
    (HMAC with the secret key) of the bulletin and the client's network
    (``clientip.client_network``). Not the browser's name, which anyone can
    change at each vote, nor a cookie, which clearing allows a new vote. The
    trade-off, said on the page: readers behind one shared address (a family's
    router, an office, some mobile networks) share one vote per bulletin. The
    address is never stored, and the hash differs per bulletin, so votes cannot
    be linked."""
    return keyed_digest("bulletin-vote", str(bulletin.pk), client_network(request))


def new_timestamp():
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


class FeedbackForm(HoneypotForm):
    """Honeypot and signed timestamp, shared by both forms."""

    ts = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("ts", new_timestamp())
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        try:
            stamp = signing.loads(
                self.data.get(self.add_prefix("ts"), ""), salt=TIMESTAMP_SALT
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Check your text and send it again."),
                code="timestamp",
            ) from None
        age = time.time() - int(stamp)
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was too fast. Wait a few seconds and send it again."),
                code="too_fast",
            )
        if age > MAX_SECONDS:
            raise forms.ValidationError(
                _(
                    "The page was open too long and the form has expired. Check "
                    "your text and send it again."
                ),
                code="too_old",
            )
        return cleaned

    def renew_timestamp(self):
        """A bound form shown again gets a fresh timestamp."""
        data = self.data.copy()
        data[self.add_prefix("ts")] = new_timestamp()
        self.data = data


class RatingForm(FeedbackForm):
    prefix = "rating"

    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose from 1 to 5 stars.")},
    )


class CommentForm(FeedbackForm):
    prefix = "comment"

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        error_messages={
            "invalid": _(
                "Enter an email address like ten@example.vn, or leave it empty."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write your comment."),
            "max_length": _("Keep the comment under %(limit_value)d characters."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and email are processed to publish and answer my "
            "comment, as described above."
        ),
        error_messages={
            "required": _(
                "Tick the consent box: without it we cannot keep your comment."
            )
        },
    )
