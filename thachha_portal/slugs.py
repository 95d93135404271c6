"""Web-address slugs for Vietnamese names, made on the server.

The admin's JavaScript slug filler (urlify.js) drops letters such as ư and ơ
("Người có công" → "ngi-co-cong"), so slugged models leave the slug blank in the
form and fill it from the name with ``text.slug_from`` (``NFCModel.normalise``,
run when they are cleaned or saved). A slug typed by staff is kept.
"""

from .text import slug_from


def fill_slug(instance, source, *, fallback, field="slug"):
    """Give ``instance`` a slug made from ``source`` if it has none, unique among
    the other rows of its model ("ten", "ten-2", …)."""
    if getattr(instance, field):
        return
    max_length = instance._meta.get_field(field).max_length
    base = slug_from(source, max_length - 4) or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 1
    while others.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    setattr(instance, field, slug)
