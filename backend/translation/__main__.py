"""`python -m backend.translation install <folder>`: install the `.argosmodel` files of a folder.
`python -m backend.translation pairs`: list what can be translated into Dutch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backend.errors import STAFF_LANGUAGE, _
from backend.translation.machine import install_packages, machine_translator, packages_dir
from locales import language_codes, translate


def say(message: str, **values: object) -> str:
    """Operators read the command's messages in Dutch, like the rest of the staff side."""
    return translate(STAFF_LANGUAGE, message).format(**values)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.translation", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    install = sub.add_parser("install", help="install every .argosmodel file of a folder")
    install.add_argument("folder", type=Path)
    sub.add_parser("pairs", help="which languages reach Dutch, and how")
    args = parser.parse_args()
    if args.command == "install":
        if not args.folder.is_dir():
            print(say(_("Not a folder: {folder}"), folder=args.folder), file=sys.stderr)
            return 2
        try:
            installed = install_packages(args.folder)
        except (ValueError, OSError) as error:
            print(say(_("Nothing installed: {error}"), error=error), file=sys.stderr)
            return 1
        if not installed:
            print(say(_("No .argosmodel files in {folder}."), folder=args.folder), file=sys.stderr)
            return 1
        print(say(_("Installed into {folder}: {packages}"), folder=packages_dir(), packages=", ".join(installed)))
        return 0
    translator = machine_translator()
    for code in language_codes():
        if code == "nl":
            continue
        route = translator.route(code, "nl")
        print(f"{code:6} {'>'.join(route) if route else say(_('no model: human translation queue'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
