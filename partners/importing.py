"""Import partners from an XLSX or CSV table.

1. :func:`read_table` reads the file into rows of strings (the type is read from the content:
   an XLSX is a zip archive, anything else must be text in UTF-8 or Windows-1251).
2. :func:`guess_mapping` maps each column to a partner field from its Russian header.
3. :func:`check` is the dry run: every line with its errors, the partner it would update, and
   the registry's partners with a similar name (offered for merging after the import).
4. :func:`save` writes everything in one transaction, and only when no line has an error.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import tables
from partners.models import Category, Contact, Partner
from partners.naming import Similar, normalise_name, similar_partners
from partners.tables import ImportFileError  # noqa: F401 - raised by read_table

FIELDS = [
    ("name", gettext_lazy("Name")),
    ("short_name", gettext_lazy("Short name")),
    ("category", gettext_lazy("Category")),
    ("address", gettext_lazy("Address")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("E-mail")),
    ("site", gettext_lazy("Site")),
    ("notes", gettext_lazy("Notes")),
    ("contact_name", gettext_lazy("Contact person")),
    ("contact_position", gettext_lazy("Contact's position")),
    ("contact_phone", gettext_lazy("Contact's phone")),
    ("contact_email", gettext_lazy("Contact's e-mail")),
]
FIELD_NAMES = [name for name, _label in FIELDS]
PARTNER_FIELDS = ["short_name", "address", "phone", "email", "site", "notes"]
MAX_LENGTHS = {
    "name": 300, "short_name": 150, "address": 300, "phone": 100, "email": 254, "site": 200,
    "notes": 5000, "contact_name": 200, "contact_position": 200, "contact_phone": 100,
    "contact_email": 254,
}


# --------------------------------------------------------------------------- reading


def read_table(upload) -> list[list[str]]:
    """Rows of stripped strings, the header first (see :mod:`partners.tables`)."""
    return tables.read_table(upload, header_field=guess_field)


# --------------------------------------------------------------------------- mapping

# (field, words any of which in the header means it, words that rule it out)
_HEADER_RULES = [
    ("contact_email", ("почт", "email", "e mail", "mail"), ("контакт", "лиц")),
    ("contact_phone", ("телеф", "тел"), ("контакт", "лиц")),
    ("contact_position", ("должност",), ()),
    ("contact_name", ("контактн", "фио", "лицо", "представител"), ()),
    ("short_name", ("кратк", "сокращ"), ()),
    ("category", ("категор", "вид партн", "тип"), ()),
    ("email", ("почт", "email", "e mail", "mail"), ()),
    ("phone", ("телеф", "тел"), ()),
    ("site", ("сайт", "www", "url", "интернет"), ()),
    ("address", ("адрес",), ()),
    ("notes", ("примеч", "коммент", "заметк"), ()),
    ("name", ("наименован", "название", "партн", "организац", "учрежден"), ()),
]


def guess_field(header: str) -> str:
    text = normalise_name(header)
    padded = f" {text} "
    for field_name, words, required in _HEADER_RULES:
        if required and not any(word in text for word in required):
            continue
        if any((f" {word}" in padded) if len(word) <= 3 else (word in text) for word in words):
            return field_name
    return ""


def guess_mapping(headers: list[str]) -> list[str]:
    """One field name (or "") per column; each field is used by one column at most."""
    used: set[str] = set()
    mapping = []
    for header in headers:
        field_name = guess_field(header)
        if field_name in used:
            field_name = ""
        used.add(field_name)
        mapping.append(field_name)
    return mapping


# --------------------------------------------------------------------------- the registry


class PartnerNameIndex:
    """The importers' one in-memory index of the registry for bulk matching.

    Keyed by the one rule for «the same partner» (:func:`partners.naming.normalise_name`, as
    ``Partner.objects.same_as``): a name is found by a partner's name, then by its short name.
    """

    def __init__(self, queryset=None):
        self.by_name: dict[str, Partner] = {}
        self.by_short: dict[str, Partner] = {}
        partners = Partner.objects.select_related("category") if queryset is None else queryset
        for partner in partners:
            self.add(partner)

    def add(self, partner: Partner) -> None:
        self.by_name.setdefault(normalise_name(partner.name), partner)
        if partner.short_name:
            self.by_short.setdefault(normalise_name(partner.short_name), partner)

    def find(self, name: str) -> Partner | None:
        key = normalise_name(name)
        return (self.by_name.get(key) or self.by_short.get(key)) if key else None

    def similar(self, name: str, limit: int = 3) -> list[Similar]:
        return similar_partners(name, limit=limit, partners=list(self.by_name.values()))


# --------------------------------------------------------------------------- checking


@dataclass
class Line:
    number: int  # the line of the file, the header being line 1
    values: dict
    errors: list[str] = field(default_factory=list)
    existing: Partner | None = None
    category: Category | None = None
    similar: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.values.get("name", "")


@dataclass
class CheckResult:
    lines: list[Line]
    errors: list[str]  # errors of the mapping itself

    @property
    def ok(self) -> bool:
        return not self.errors and not any(line.errors for line in self.lines)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(bool(line.errors) for line in self.lines)

    @property
    def new_count(self) -> int:
        return sum(line.existing is None for line in self.lines)

    @property
    def update_count(self) -> int:
        return sum(line.existing is not None for line in self.lines)


def _category_index() -> dict[str, Category]:
    index = {}
    for category in Category.objects.all():
        index.setdefault(normalise_name(category.name), category)
        if category.plan_heading:
            index.setdefault(normalise_name(category.plan_heading), category)
    return index


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def _check_line(line: Line, categories, default_category) -> None:
    values = line.values
    if not values.get("name"):
        line.errors.append(_("The name is empty."))
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            line.errors.append(
                _("«%(field)s» is longer than %(max)s characters.")
                % {"field": dict(FIELDS)[name], "max": limit}
            )
    text = values.get("category", "")
    if text:
        line.category = categories.get(normalise_name(text))
        if line.category is None:
            line.errors.append(_("Unknown category «%(name)s».") % {"name": text})
    elif line.existing is not None:
        line.category = line.existing.category
    elif default_category is not None:
        line.category = default_category
    else:
        line.errors.append(_("The category is empty and no default category is chosen."))
    for name in ("email", "contact_email"):
        if values.get(name):
            try:
                _email(values[name])
            except ValidationError:
                line.errors.append(
                    _("«%(value)s» is not an e-mail address.") % {"value": values[name]}
                )
    if values.get("site"):
        site = values["site"]
        if "://" not in site:
            site = "https://" + site
        try:
            _url(site)
            values["site"] = site
        except ValidationError:
            line.errors.append(_("«%(value)s» is not a web address.") % {"value": values["site"]})
    contact_details = any(values.get(n) for n in ("contact_position", "contact_phone",
                                                  "contact_email"))
    if contact_details and not values.get("contact_name"):
        line.errors.append(_("The contact person's details are given without the name."))


def check(rows: list[list[str]], mapping: list[str], default_category=None) -> CheckResult:
    """The dry run: every line with its errors; nothing is written."""
    errors = []
    if "name" not in mapping:
        errors.append(_("Choose the column that holds the partner's name."))
    chosen = [name for name in mapping if name]
    for name in sorted(set(chosen)):
        if chosen.count(name) > 1:
            errors.append(
                _("Several columns are mapped to «%(field)s».") % {"field": dict(FIELDS)[name]}
            )
    unknown = set(chosen) - set(FIELD_NAMES)
    if unknown:
        errors.append(_("Unknown field in the mapping."))
    if errors:
        return CheckResult(lines=[], errors=errors)
    index = PartnerNameIndex()
    categories = _category_index()
    seen: dict[str, int] = {}
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: row[i].strip() for i, name in enumerate(mapping) if name and i < len(row)}
        line = Line(number=number, values=values)
        key = normalise_name(line.name)
        if key and key in seen:
            line.errors.append(
                _("The same partner as on line %(line)s.") % {"line": seen[key]}
            )
        elif key:
            seen[key] = number
            line.existing = index.find(line.name)
            if line.existing is None:
                line.similar = index.similar(line.name)
        _check_line(line, categories, default_category)
        lines.append(line)
    return CheckResult(lines=lines, errors=[])


@dataclass
class SaveResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    contacts: int = 0
    similar: list = field(default_factory=list)  # (new partner, similar existing partner)


@transaction.atomic
def save(result: CheckResult) -> SaveResult:
    """Write the checked lines; refuses when any line is in error."""
    if not result.ok:
        raise ValueError("refusing to save a table with errors")
    saved = SaveResult()
    for line in result.lines:
        values = line.values
        partner = line.existing
        if partner is None:
            partner = Partner.objects.create(
                name=" ".join(line.name.split()),
                category=line.category,
                **{name: values.get(name, "") for name in PARTNER_FIELDS},
            )
            saved.created.append(partner)
            saved.similar.extend((partner, similar.partner) for similar in line.similar)
        else:
            changed = False
            for name in PARTNER_FIELDS:
                if values.get(name) and not getattr(partner, name):
                    setattr(partner, name, values[name])
                    changed = True
            if values.get("category") and partner.category_id != line.category.pk:
                partner.category = line.category
                changed = True
            if changed:
                partner.save()
            saved.updated.append(partner)
        contact_name = values.get("contact_name")
        known = {normalise_name(c.name) for c in partner.contacts.all()}
        if contact_name and normalise_name(contact_name) not in known:
            Contact.objects.create(
                partner=partner,
                name=contact_name,
                position=values.get("contact_position", ""),
                phone=values.get("contact_phone", ""),
                email=values.get("contact_email", ""),
            )
            saved.contacts += 1
    return saved
