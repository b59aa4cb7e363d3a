"""Reading pages the way a browser and a person do: forms as submitted, links, visible text.

Shared by the browser tests, the crawler (dashboard/tests/test_crawl.py) and the "open and save
unchanged" tests (progress/tests/test_forms_unchanged.py). Only the standard library: the point
is to submit exactly what Chromium would, not what a test author assumes the form holds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

# --- forms ----------------------------------------------------------------------------------

# Input types whose value is never submitted as typed text (buttons are sent only when clicked).
BUTTON_TYPES = {"submit", "image", "button", "reset"}


@dataclass
class Control:
    """One form control as the browser holds it after parsing the page."""

    tag: str
    name: str
    type: str
    value: str
    checked: bool = False
    disabled: bool = False
    multiple: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)
    text: str = ""  # a button's label

    def label(self) -> str:
        return " ".join((self.text or self.value).split())


@dataclass
class Form:
    """A <form> with its controls in document order."""

    action: str
    method: str
    enctype: str
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    def buttons(self) -> list[Control]:
        return [
            c
            for c in self.controls
            if (c.tag == "button" and c.type == "submit")
            or (c.tag == "input" and c.type in {"submit", "image"})
        ]

    def button(self, label: str) -> Control:
        """The submit button whose label contains `label` (case-sensitive, spaces collapsed)."""
        found = [b for b in self.buttons() if label in b.label()]
        if not found:
            labels = [b.label() for b in self.buttons()]
            raise AssertionError(f"no button “{label}” in the form; buttons: {labels}")
        return found[0]

    def button_named(self, name: str) -> Control:
        found = [b for b in self.buttons() if b.name == name]
        if not found:
            raise AssertionError(
                f"no button named “{name}”; buttons: {[b.name for b in self.buttons()]}"
            )
        return found[0]

    def names(self) -> set[str]:
        return {c.name for c in self.controls if c.name}

    def values(self) -> list[tuple[str, str]]:
        """data() without the CSRF token (new on every page), to compare two renderings."""
        return [(k, v) for k, v in self.data() if k != "csrfmiddlewaretoken"]

    def data(self, clicked: Control | None = None) -> list[tuple[str, str]]:
        """The form data set a browser builds on submit (HTML §4.10.21.4), as ordered pairs.

        Disabled controls and unchecked boxes are left out, a <select> sends its selected
        options (or its first option when none is marked and it is not multiple), a textarea's
        line breaks become CRLF, file inputs send nothing here, and only the clicked button
        (if it has a name) is included.
        """
        pairs: list[tuple[str, str]] = []
        for control in self.controls:
            if not control.name or control.disabled:
                continue
            if control.tag == "button" or (control.tag == "input" and control.type in BUTTON_TYPES):
                if clicked is control and control.type in {"submit", "image", ""}:
                    pairs.append((control.name, control.value))
                continue
            if control.tag == "input" and control.type in {"checkbox", "radio"}:
                if control.checked:
                    pairs.append((control.name, control.value or "on"))
                continue
            if control.tag == "input" and control.type == "file":
                continue
            if control.tag == "select":
                selected = [v for v, s in control.options if s]
                if not selected and not control.multiple and control.options:
                    selected = [control.options[0][0]]
                pairs.extend((control.name, v) for v in selected)
                continue
            if control.tag == "textarea":
                text = control.value.replace("\r\n", "\n").replace("\r", "\n")
                pairs.append((control.name, text.replace("\n", "\r\n")))
                continue
            pairs.append((control.name, control.value))
        return pairs

    def data_dict(self, clicked: Control | None = None) -> dict[str, str | list[str]]:
        """data() for Django's test client: repeated names become lists."""
        out: dict[str, str | list[str]] = {}
        for name, value in self.data(clicked):
            if name in out:
                previous = out[name]
                out[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
            else:
                out[name] = value
        return out


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: list[str] | None = None  # value, then text parts
        self._option_attrs: dict[str, str | None] = {}
        self._textarea: Control | None = None
        self._button: Control | None = None
        self._disabled_fieldsets = 0
        self._fieldsets: list[bool] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag == "form":
            self._form = Form(
                action=attrs.get("action") or "",
                method=(attrs.get("method") or "get").lower(),
                enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
                attrs={k: v or "" for k, v in attrs.items()},
            )
            self.forms.append(self._form)
            return
        if tag == "fieldset":
            disabled = "disabled" in attrs
            self._fieldsets.append(disabled)
            self._disabled_fieldsets += disabled
            return
        if self._form is None:
            return
        disabled = "disabled" in attrs or self._disabled_fieldsets > 0
        name = attrs.get("name") or ""
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value")
            if value is None:
                value = "on" if kind in {"checkbox", "radio"} else ""
            self._form.controls.append(
                Control("input", name, kind, value, checked="checked" in attrs, disabled=disabled)
            )
        elif tag == "select":
            self._select = Control(
                "select", name, "select", "", disabled=disabled, multiple="multiple" in attrs
            )
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            value = attrs.get("value")
            self._option = [value if value is not None else "\0"]
            self._option_attrs = attrs
        elif tag == "textarea":
            self._textarea = Control("textarea", name, "textarea", "", disabled=disabled)
            self._form.controls.append(self._textarea)
        elif tag == "button":
            self._button = Control(
                "button",
                name,
                (attrs.get("type") or "submit").lower(),
                attrs.get("value") or "",
                disabled=disabled,
            )
            self._form.controls.append(self._button)

    def _close_option(self) -> None:
        if self._option is None or self._select is None:
            return
        value, *text = self._option
        if value == "\0":  # no value attribute: the option's text, spaces collapsed
            value = " ".join("".join(text).split())
        self._select.options.append((value, "selected" in self._option_attrs))
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "fieldset" and self._fieldsets:
            self._disabled_fieldsets -= self._fieldsets.pop()
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops one line break right after <textarea>.
            value = self._textarea.value
            if value.startswith("\r\n"):
                value = value[2:]
            elif value.startswith("\n"):
                value = value[1:]
            self._textarea.value = value
            self._textarea = None
        elif tag == "button":
            self._button = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option.append(data)
        elif self._button is not None:
            self._button.text += data


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, *, having: str) -> Form:
    """The first form with a control named `having` (a field name is the stable handle)."""
    forms = parse_forms(html)
    for form in forms:
        if having in form.names():
            return form
    raise AssertionError(
        f"no form with a field “{having}” on the page; forms: {[sorted(f.names()) for f in forms]}"
    )


# --- links and visible text -----------------------------------------------------------------


class _TextParser(HTMLParser):
    """Visible text (script, style, template and head left out) and the links with their text."""

    HIDDEN = {"script", "style", "template", "head", "noscript"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._hidden = 0
        self._stack: list[str] = []
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag not in self.VOID:
            self._stack.append(tag)
        if self._hidden:
            return
        # Words a person reads or hears that are not text nodes.
        for attr in ("title", "placeholder", "aria-label", "alt"):
            if attrs.get(attr):
                self.parts.append(f" {attrs[attr]} ")
        if tag == "input" and (attrs.get("type") or "").lower() in {"submit", "button", "reset"}:
            self.parts.append(f" {attrs.get('value') or ''} ")
        if tag == "a" and attrs.get("href") is not None:
            self._link, self._href = [], attrs.get("href") or ""
        if tag in {"br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "option"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if tag in self._stack:
            while self._stack:
                top = self._stack.pop()
                if top in self.HIDDEN:
                    self._hidden -= 1
                if top == tag:
                    break
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.parts.append(data)
        if self._link is not None:
            self._link.append(data)


@dataclass
class PageText:
    text: str
    links: list[tuple[str, str]]


def read_page(html: str) -> PageText:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return PageText(" ".join("".join(parser.parts).split()), parser.links)


def visible_text(html: str) -> str:
    return read_page(html).text


# Interface words of an untranslated Django, DRF, django-axes or browser default. Matched as whole
# words with their capital ("Fanpage" in a task title is not "Page"); an English word that does
# reach the page, even inside data, is worth a look.
ENGLISH_UI = (
    "Not Found",
    "Server Error",
    "Forbidden",
    "Submit",
    "Save",
    "Page",
    "Next",
    "Previous",
    "Search",
    "Login",
    "Log in",
    "Logout",
    "Log out",
    "Required",
    "This field",
    "Cancel",
    "Delete",
    "Loading",
    "Error",
    "Home",
    "Back",
)
_ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_UI) + r")(?![\w-])")


def english_words(text: str) -> list[str]:
    """English interface words in a page's visible text, each with a little context."""
    found = []
    for match in _ENGLISH.finditer(text):
        start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
        found.append(f"“{match.group(1)}” in …{text[start:end]}…")
    return found


# --- numbers and URLs -----------------------------------------------------------------------

# A figure as the pages print it: 7, 1.275.000 (dots group thousands), never 1.5 or 12/2024.
FIGURE = re.compile(r"^(?:Xem\s+)?(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+(?:\(\d+\)\s*)?[^\d/.]*)?$")


def figure_of(text: str) -> int | None:
    """The number a figure link shows ('38', '1.275', 'Xem 38 nhiệm vụ', '12 quá hạn'), else
    None for link text that is not a figure ('Kế hoạch số 87/KH-UBND', '1.2. Triển khai…')."""
    match = FIGURE.match(" ".join(text.split()))
    return int(match.group(1).replace(".", "")) if match else None


def parse_day(value: str) -> dt.date | None:
    """A cut-off as the URLs carry it (2024-03-31 or 31/03/2024)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def normalise_url(base: str, href: str) -> str | None:
    """Same-site path + sorted non-empty query, or None for other sites, anchors and schemes."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    if base.startswith("/"):
        base = f"http://testserver{base}"
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in {"http", "https"} or parts.netloc != urlsplit(base).netloc:
        return None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if v != "")
    return parts.path + (f"?{urlencode(query)}" if query else "")


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))
