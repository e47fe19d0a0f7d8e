"""gettext catalogs: extract, update and compile with pybabel.

`python -m tools.catalogs compile` (run by `make run` and `make test`) builds the .mo
files; `extract` refreshes locales/messages.pot and merges it into every language's .po;
`status` prints the README's language table from locales/languages.yaml.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from locales import SOURCE_LANGUAGE, language_codes, languages
from tools.paths import APP_PYTHON, LOCALES_DIR, PROJECT_DIR

POT_FILE = LOCALES_DIR / "messages.pot"
# The staff workspace's Dutch-only texts (backend/workspace/text.py): a domain of its own.
STAFF_DOMAIN = "staff"
STAFF_POT_FILE = LOCALES_DIR / "staff.pot"
STAFF_LANGUAGE = "nl"
# The calls whose texts are the staff domain's: nl_/nl_plural (backend/workspace/text.py),
# staff_text (backend/accounts.py), and gettext's names in the templates.
STAFF_KEYWORDS = ("nl_", "nl_plural:1,2", "staff_text", "_", "gettext", "ngettext:1,2")


def _pybabel(*args: str) -> None:
    subprocess.run([str(APP_PYTHON), "-m", "babel.messages.frontend", "-q", *args], check=True, cwd=PROJECT_DIR)


def extract() -> None:
    _pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-c",
        "TRANSLATORS:",
        "-k",
        "N_plural:1,2",
        "-o",
        str(POT_FILE),
        ".",
    )
    for code in language_codes():
        if code == SOURCE_LANGUAGE:
            continue
        po_file = LOCALES_DIR / code / "LC_MESSAGES" / "messages.po"
        if po_file.exists():
            _pybabel(
                "update",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
                "-i",
                str(POT_FILE),
                "-d",
                str(LOCALES_DIR),
                "-l",
                code,
            )
        else:
            _pybabel("init", "-i", str(POT_FILE), "-d", str(LOCALES_DIR), "-l", code)


def extract_staff() -> None:
    _pybabel(
        "extract",
        "-F",
        "babel-staff.cfg",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "--no-default-keywords",
        *(argument for keyword in STAFF_KEYWORDS for argument in ("-k", keyword)),
        "-o",
        str(STAFF_POT_FILE),
        ".",
    )
    po_file = LOCALES_DIR / STAFF_LANGUAGE / "LC_MESSAGES" / f"{STAFF_DOMAIN}.po"
    command = "update" if po_file.exists() else "init"
    extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if po_file.exists() else []
    _pybabel(
        command, *extra, "-D", STAFF_DOMAIN, "-i", str(STAFF_POT_FILE), "-d", str(LOCALES_DIR), "-l", STAFF_LANGUAGE
    )


def compile_catalogs() -> None:
    _pybabel("compile", "--statistics", "-d", str(LOCALES_DIR))
    _pybabel("compile", "--statistics", "-D", STAFF_DOMAIN, "-d", str(LOCALES_DIR), "-l", STAFF_LANGUAGE)


def status_table() -> str:
    rows = [
        "| language | code | direction | catalog | complete | reviewed by a native speaker |",
        "|---|---|---|---|---|---|",
    ]
    for lang in languages():
        rows.append(
            f"| {lang.native_name} ({lang.english_name}) | `{lang.code}` | {lang.direction} | {lang.made_by} | "
            f"{'yes' if lang.complete else 'no'} | {'yes' if lang.reviewed else '**no**'} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["extract", "compile", "status"])
    args = parser.parse_args()
    if args.command == "extract":
        extract()
        extract_staff()
    elif args.command == "status":
        print(status_table())
    else:
        compile_catalogs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
