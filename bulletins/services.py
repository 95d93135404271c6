"""Writes that carry rules. The admin and the public views call these, never
``save()`` directly, so the rules and the history hold everywhere."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Airing, Bulletin, Comment, Rating, StatusChange

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


def allowed_targets(*, bulletin, user):
    """The statuses ``user`` may move ``bulletin`` to (for forms and buttons)."""
    return [
        to
        for (frm, to), perm in TRANSITIONS.items()
        if frm == bulletin.status and user.has_perm(perm)
    ]


def bulletin_check_transition(*, bulletin, to_status, user, reason=""):
    """Raise PermissionDenied or ValidationError if the move is not allowed."""
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


@transaction.atomic
def bulletin_transition(*, bulletin, to_status, user, reason="", published_at=None):
    """Move ``bulletin`` to ``to_status`` if ``user`` may, and record the step.

    Publishing keeps a publication time already set (a time in the future
    schedules the item) or takes ``published_at``, else now.
    """
    bulletin_check_transition(
        bulletin=bulletin, to_status=to_status, user=user, reason=reason
    )
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
