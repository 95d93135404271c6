"""What every form open to the public shares: a rate limit per client address and
a honeypot field (people never see it; robots fill it in). The bulletins' reader
forms add a signed timestamp on top (bulletins/forms.py).

A filled honeypot is refused like any other error, with a message and the form
shown again with what was typed: a person whose browser filled the hidden field
loses nothing and knows, instead of being thanked for an answer that was
thrown away."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited


def over_limit(request, group, rate=None):
    """Count this POST against ``group`` for the client's address and say whether
    the address is over ``rate`` (PUBLIC_FORM_RATE unless given)."""
    return is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=rate or settings.PUBLIC_FORM_RATE,
        method="POST",
        increment=True,
    )


class HoneypotForm(forms.Form):
    """A form with the ``website`` honeypot; render it with
    ``{% include "includes/honeypot.html" %}``."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form could not be sent. Please try again."), code="honeypot"
            )
        return cleaned
