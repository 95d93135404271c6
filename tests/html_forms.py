"""What a browser sends when a page's form is submitted as it is shown: for tests
that send a form again from the page the server answered with."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, action):
        super().__init__()
        self.action = action
        self.inside = False
        self.found = False
        self.data = {}
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action", "").startswith(self.action)
            self.found |= self.inside
            return
        if not self.inside or attrs.get("disabled") is not None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = None  # not read yet
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            self.data[self.textarea] = self.data[self.textarea] or ""
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            text = self.data[self.textarea]
            # HTML drops a newline right after <textarea>
            self.data[self.textarea] = (
                data.removeprefix("\n") if text is None else text + data
            )


def form_data(html, action):
    """The fields of the form of ``html`` whose action starts with ``action``,
    as the browser sends them: checked boxes only, a textarea's text."""
    parser = _Form(action)
    parser.feed(html)
    parser.close()
    assert parser.found, f"no form sent to {action}"
    return parser.data
