"""Sanitising of bulletin HTML: one allow-list (nh3), after a pass that cleans
what Word leaves behind when staff paste from it.

What stays: paragraphs, headings, lists, tables, links, images, emphasis.
What goes: scripts and their content, event handlers (``onerror``…),
``javascript:``/``data:`` URLs, iframes and embeds, classes (``MsoNormal``),
``<font>``, ``<o:p>``, empty spans and paragraphs, and every style except text
alignment (styles are what break the layout on a phone).
"""

import re

import nh3

from thachha_portal.text import nfc

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub",
    "sup", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "p": {"style"},
    "h2": {"style"},
    "h3": {"style"},
    "h4": {"style"},
}
# Content removed with the tag, not just the tag.
DROPPED_WITH_CONTENT = {
    "script", "style", "xml", "title", "head", "iframe", "object", "embed",
    "noscript", "template", "svg", "math", "select", "textarea", "button",
}  # fmt: skip

_WORD_CONDITIONAL = re.compile(r"<!--\[if.*?<!\[endif\]-->", re.DOTALL | re.IGNORECASE)
_WORD_NAMESPACED = re.compile(r"</?[a-z]+:[a-z]+[^>]*>", re.IGNORECASE)
_EMPTY_INLINE = re.compile(r"<(span|strong|em|b|i|u|font)\b[^>]*>(\s|&nbsp;)*</\1>")
_EMPTY_PARAGRAPH = re.compile(r"<p\b[^>]*>(\s|&nbsp;|\xa0|<br\s*/?>)*</p>")
_EMPTY_STYLE = re.compile(r'\s+style=""')
_HEADING_ONE = re.compile(r"<(/?)h1\b", re.IGNORECASE)

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel="noopener noreferrer",
    filter_style_properties={"text-align"},
    strip_comments=True,
)


def clean_word_html(html: str) -> str:
    """Remove the debris of a paste from Word before sanitising: conditional
    comments, ``<o:p>`` and other namespaced tags."""
    html = _WORD_CONDITIONAL.sub("", html)
    return _WORD_NAMESPACED.sub("", html)


def sanitize_html(html: str) -> str:
    """The bulletin body as stored and shown: Word debris cleaned, allow-list
    applied, empty wrappers dropped, in the form every stored text has
    (``text.nfc``: no control character XML refuses, which would make the whole
    feed unwritable). Idempotent."""
    if not html:
        return ""
    html = clean_word_html(nfc(html))
    # The page title is the only h1; a pasted h1 becomes a section heading.
    html = _HEADING_ONE.sub(r"<\1h2", html)
    html = _EMPTY_STYLE.sub("", _cleaner.clean(html))
    previous = None
    while previous != html:
        previous = html
        html = _EMPTY_INLINE.sub("", html)
        html = _EMPTY_PARAGRAPH.sub("", html)
    return html.strip()
