"""The log of searches that found nothing or named a matter handled elsewhere,
for staff to grow the vocabulary from. One row per distinct folded query with a
count: no address, browser, user or time of day; long numbers (phone and ID
numbers) masked; queries too long to be a search are not kept."""

import datetime
import random
import re

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from ..text import search_query

MAX_WORDS = 12
MAX_LENGTH = 100
LONG_NUMBER = re.compile(r"\d{4,}")
EMAIL = re.compile(r"\S+@\S+")
KEEP_DAYS = 365
PRUNE_CHANCE = 0.01


def clean(raw):
    """The query as it is stored: folded, long numbers and e-mail addresses
    masked; "" when it is not worth keeping."""
    text = search_query(EMAIL.sub(" ", raw or ""))
    text = LONG_NUMBER.sub("#", text)
    if not text or len(text.split()) > MAX_WORDS:
        return ""
    return text[:MAX_LENGTH]


def record(raw, kind):
    """Count one search ``raw`` with outcome ``kind`` (SearchMiss.Kind). Never
    fails the page that calls it."""
    from ..models import SearchMiss

    text = clean(raw)
    if not text:
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            updated = SearchMiss.objects.filter(query=text).update(
                count=F("count") + 1, last_seen=today, kind=kind
            )
            if not updated:
                SearchMiss.objects.create(
                    query=text, kind=kind, first_seen=today, last_seen=today
                )
        if random.random() < PRUNE_CHANCE:  # noqa: S311 - not for security
            prune(today)
    except DatabaseError:
        pass  # a lost count is better than a failed search page


def kind_of(found):
    """The SearchMiss kind of an engine outcome that listed nothing."""
    from ..models import SearchMiss

    if found is not None and found.topics:
        return SearchMiss.Kind.ELSEWHERE
    return SearchMiss.Kind.NOTHING


def prune(today=None):
    """Forget searches made once and not repeated for a year."""
    from ..models import SearchMiss

    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=KEEP_DAYS)
    SearchMiss.objects.filter(count=1, last_seen__lt=cutoff).delete()
