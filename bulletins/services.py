"""Writes that carry rules. The admin and the public views call these, never
``save()`` directly, so the rules and the history hold everywhere."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thachha_portal.dates import format_date

from .models import Airing, Bulletin, Comment, Rating, StatusChange, to_the_minute

S = Bulletin.Status
PUBLISH = "bulletins.publish_bulletin"
SUBMIT = "bulletins.submit_bulletin"

# (from, to) → the permission the move needs.
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): SUBMIT,
    (S.SUBMITTED, S.DRAFT): SUBMIT,
    (S.DRAFT, S.PUBLISHED): PUBLISH,
    (S.SUBMITTED, S.PUBLISHED): PUBLISH,
    (S.PUBLISHED, S.DRAFT): PUBLISH,
    (S.DRAFT, S.HIDDEN): PUBLISH,
    (S.SUBMITTED, S.HIDDEN): PUBLISH,
    (S.PUBLISHED, S.HIDDEN): PUBLISH,
    (S.HIDDEN, S.DRAFT): PUBLISH,
    (S.HIDDEN, S.PUBLISHED): PUBLISH,
}


# A publication time typed as "now" (the calendar's “Bây giờ”) is a few minutes
# old when the form is sent; anything older dates the item before it was
# published, and would count it for a month it was not on the website.
PUBLICATION_GRACE = datetime.timedelta(minutes=10)


def publication_time_error(*, bulletin, published_at, now=None):
    """Why ``bulletin`` cannot become published at ``published_at``, or None.

    Now, or later (a schedule), is allowed, with ``PUBLICATION_GRACE`` for the
    form being open. An earlier time only when the item comes back to the
    website (from draft or hidden) with the time it has kept since it was on
    the website then: its history has it leave "published" after that time.
    """
    now = now or timezone.now()
    if published_at >= now - PUBLICATION_GRACE:
        return None
    if bulletin.pk:
        kept = (
            Bulletin.objects.filter(pk=bulletin.pk)
            .values_list("published_at", flat=True)
            .first()
        )
        if (
            kept
            and to_the_minute(kept) == to_the_minute(published_at)
            and bulletin.status_changes.filter(
                from_status=S.PUBLISHED, changed_at__gte=kept
            ).exists()
        ):
            return None
    return past_publication_message(published_at)


def past_publication_message(published_at):
    return _(
        "Publication time %(time)s has already passed: an item cannot be dated "
        "before it is published. Leave the publication time empty to publish "
        "now, or choose a later time to schedule the item."
    ) % {"time": format_date(published_at)}


def allowed_targets(*, bulletin, user):
    """The statuses ``user`` may move ``bulletin`` to (for forms and buttons)."""
    return [
        to
        for (frm, to), perm in TRANSITIONS.items()
        if frm == bulletin.status and user.has_perm(perm)
    ]


def bulletin_check_transition(*, bulletin, to_status, user, reason=""):
    """Raise PermissionDenied or ValidationError if the move is not allowed
    (the publication time is checked apart: ``publication_time_error``)."""
    perm = TRANSITIONS.get((bulletin.status, to_status))
    if perm is None:
        raise ValidationError(
            _("A bulletin cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(bulletin.status).label, "to": S(to_status).label}
        )
    if not user.has_perm(perm):
        raise PermissionDenied(
            _("Only an approver can publish, unpublish or hide a bulletin.")
            if perm == PUBLISH
            else _("You may not submit bulletins for approval.")
        )
    if to_status == S.HIDDEN and not reason.strip():
        raise ValidationError(_("Give the reason for hiding the item."))
    if (bulletin.status, to_status) == (S.PUBLISHED, S.DRAFT) and not reason.strip():
        raise ValidationError(_("Give the reason for unpublishing the item."))


@transaction.atomic
def bulletin_transition(*, bulletin, to_status, user, reason="", published_at=None):
    """Move ``bulletin`` to ``to_status`` if ``user`` may, and record the step.

    Publishing keeps a publication time already set (a time in the future
    schedules the item) or takes ``published_at``, else now; never a time
    already passed (``publication_time_error``).
    """
    bulletin_check_transition(
        bulletin=bulletin, to_status=to_status, user=user, reason=reason
    )
    if to_status == S.PUBLISHED and (published_at or bulletin.published_at):
        error = publication_time_error(
            bulletin=bulletin, published_at=published_at or bulletin.published_at
        )
        if error:
            raise ValidationError(error)
    from_status = bulletin.status
    bulletin.status = to_status
    if to_status == S.PUBLISHED:
        bulletin.published_at = published_at or bulletin.published_at or timezone.now()
        bulletin.hidden_reason = ""
    elif to_status == S.HIDDEN:
        bulletin.hidden_reason = reason.strip()
    else:
        bulletin.hidden_reason = ""
    bulletin.full_clean()
    bulletin.save()
    StatusChange.objects.create(
        bulletin=bulletin,
        from_status=from_status,
        to_status=to_status,
        changed_by=user if user.is_authenticated else None,
        reason=reason.strip(),
    )
    return bulletin


def bulletin_submit(*, bulletin, user):
    return bulletin_transition(bulletin=bulletin, to_status=S.SUBMITTED, user=user)


def bulletin_publish(*, bulletin, user, published_at=None):
    return bulletin_transition(
        bulletin=bulletin, to_status=S.PUBLISHED, user=user, published_at=published_at
    )


def bulletin_unpublish(*, bulletin, user, reason=""):
    """Take a published item off the website, back to draft: like hiding, only
    with a reason, which its history keeps."""
    return bulletin_transition(
        bulletin=bulletin, to_status=S.DRAFT, user=user, reason=reason
    )


@transaction.atomic
def airing_record(
    *,
    bulletin,
    aired_at,
    station,
    duration_minutes,
    read_by,
    user=None,
    recording=None,
    note="",
):
    """Record one reading on the loudspeakers. Only for a published bulletin,
    and not in the future (Airing.clean)."""
    airing = Airing(
        bulletin=bulletin,
        aired_at=aired_at,
        station=station,
        duration_minutes=duration_minutes,
        read_by=read_by,
        note=note,
        recorded_by=user if user and user.is_authenticated else None,
    )
    if recording:
        airing.recording = recording
    airing.full_clean()
    airing.save()
    return airing


@transaction.atomic
def rating_submit(*, bulletin, stars, voter):
    """One vote per visitor per bulletin: a second vote raises ValidationError."""
    rating = Rating(bulletin=bulletin, stars=stars, voter=voter)
    rating.full_clean(exclude=["voter"])
    if Rating.objects.filter(bulletin=bulletin, voter=voter).exists():
        raise ValidationError(_("You have already rated this item. Thank you!"))
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError as error:  # two clicks at once
        raise ValidationError(
            _("You have already rated this item. Thank you!")
        ) from error
    return rating


@transaction.atomic
def comment_submit(*, bulletin, name, body, voter, email=""):
    """A reader's comment, held for moderation. The caller has checked consent."""
    comment = Comment(
        bulletin=bulletin,
        name=name.strip(),
        email=email.strip(),
        body=body.strip(),
        voter=voter,
        consent_at=timezone.now(),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_moderate(*, comment, status, user, reason=""):
    """Approve or hide a comment (never delete), recording who and when."""
    if not user.has_perm("bulletins.change_comment"):
        raise PermissionDenied(_("Only a moderator can moderate comments."))
    comment.status = status
    comment.hidden_reason = reason.strip() if status == Comment.Status.HIDDEN else ""
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    return comment


def comments_bulk_approve(*, queryset, user):
    """Approve many comments at once (admin action)."""
    count = 0
    for comment in queryset.exclude(status=Comment.Status.APPROVED):
        comment_moderate(comment=comment, status=Comment.Status.APPROVED, user=user)
        count += 1
    return count
