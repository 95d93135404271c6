"""Django's ``makemessages``, reading the public pages' Jinja2 templates too.

Django's command reads its own engine's templates by turning them into Python
for xgettext. A ``*.jinja`` file is turned into Python here the same way: each
text that Jinja2's own extractor finds (``_()``, ``gettext()``,
``pgettext()``, ``ngettext()``, ``{% trans %}`` blocks) becomes a call on its
line, so that the catalogue points at the template's lines.
"""

import io

from django.core.management.commands import makemessages
from jinja2.ext import babel_extract

from thachha_portal.templating import SUFFIX

# gettext's keywords as Jinja2 reports them, written as the Python that
# xgettext reads (message ids in the order gettext wants them).
CALLS = {
    "_": "gettext({0!r})",
    "gettext": "gettext({0!r})",
    "pgettext": "pgettext({0!r}, {1!r})",
    "ngettext": "ngettext({0!r}, {1!r}, 1)",
    "npgettext": "npgettext({0!r}, {1!r}, {2!r}, 1)",
}


def texts_of(source):
    """The texts of the Jinja2 template ``source``, as Jinja2's extractor finds
    them: ``(line, function, arguments)``, the arguments being the message ids
    in the order gettext wants them (context first for ``pgettext``)."""
    with io.BytesIO(source.encode("utf-8")) as fileobj:
        for lineno, function, message, _comments in babel_extract(
            fileobj, tuple(CALLS), [], {}
        ):
            arguments = message if isinstance(message, tuple) else (message,)
            yield lineno, function, tuple(a for a in arguments if a is not None)


def python_of(source):
    """Python source holding, line for line, the texts of the Jinja2 template
    ``source``."""
    lines = [""] * (source.count("\n") + 1)
    for lineno, function, arguments in texts_of(source):
        lines[lineno - 1] += CALLS[function].format(*arguments) + "; "
    return "\n".join(lines) + "\n"


class BuildFile(makemessages.BuildFile):
    def preprocess(self):
        if not self.translatable.file.endswith(SUFFIX):
            return super().preprocess()
        with open(self.path, encoding="utf-8") as source:
            content = python_of(source.read())
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(content)


class Command(makemessages.Command):
    build_file_class = BuildFile

    def handle(self, *args, **options):
        if options.get("domain", "django") == "django":
            extensions = options.get("extensions") or ["html", "txt", "py"]
            options["extensions"] = [*extensions, SUFFIX.lstrip(".")]
        return super().handle(*args, **options)
