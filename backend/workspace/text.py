"""The staff workspace's Dutch: its own gettext domain, `staff`, in the nl catalog only.

The workspace is for the region's case managers and volunteers and is Dutch only, so its texts
are not put in front of translators of the person's eleven other languages (the `messages`
domain). Source texts are English like everywhere else; the Dutch lives in
locales/nl/LC_MESSAGES/staff.po (`python -m tools.catalogs extract` / `compile`).

- In templates: `{{ _("Log in") }}`, `{{ ngettext("%(num)d intake", "%(num)d intakes", n) }}`
  (Jinja's i18n extension, new style: placeholders are `%(name)s`, filled by the call).
- In Python (presenters, pages): `nl_("Started")`, `nl_("%(days)d days left", days=3)`,
  `nl_plural("%(num)d day", "%(num)d days", n)`; the extraction looks for exactly these names
  in backend/presenters and backend/workspace (see babel-staff.cfg).
"""

from __future__ import annotations

import gettext
from functools import cache

from locales import LOCALES_DIR

STAFF_DOMAIN = "staff"
STAFF_LANGUAGE = "nl"


@cache
def staff_translations() -> gettext.GNUTranslations:
    """The compiled Dutch catalog of the workspace. Missing means `make catalogs` was not run:
    an error, not a page in English."""
    return gettext.translation(STAFF_DOMAIN, localedir=LOCALES_DIR, languages=[STAFF_LANGUAGE])


def nl_(message: str, **values: object) -> str:
    """The Dutch of a workspace text, with its `%(name)s` placeholders filled."""
    text = staff_translations().gettext(message)
    return text % values if values else text


def nl_plural(singular: str, plural: str, count: int, **values: object) -> str:
    """The Dutch singular or plural for `count`; `%(num)d` is the count."""
    return staff_translations().ngettext(singular, plural, count) % {"num": count, **values}
