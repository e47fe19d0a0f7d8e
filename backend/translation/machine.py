"""Offline machine translation with Argos Translate packages (`argos-translate-lt`).

Packages are `.argosmodel` files (zip archives: a CTranslate2 model, a SentencePiece model,
metadata.json) that an operator installs from a folder with
`python -m backend.translation install <folder>`; they are unpacked into the packages folder
(`INTAKE_ARGOS_PACKAGES_DIR`, default `var/argos/packages`). Nothing is ever downloaded: this
module never calls the package index, and splits sentences itself instead of letting Argos fetch
a sentence-splitting model. A pair without a direct package pivots through English
(for example ar > en > nl). Languages without any package (Tigrinya, Somali, Amharic, Pashto,
Kurmanji today) have no route: their answers go to the human translation queue.
"""

from __future__ import annotations

import os
import re
import threading
import zipfile
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from backend.config import VAR_DIR

DEFAULT_PACKAGES_DIR = VAR_DIR / "argos" / "packages"
PIVOT = "en"
# Our language codes where Argos uses another one: Dari is translated with the Persian model.
ARGOS_CODE = {"fa_AF": "fa"}
SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+")


def packages_dir() -> Path:
    return Path(os.environ.get("INTAKE_ARGOS_PACKAGES_DIR", str(DEFAULT_PACKAGES_DIR)))


def _keep_argos_inside_the_project() -> None:
    """argostranslate creates data, config and cache folders when imported: under `var/`, never
    in the home folder. Set before the first import of argostranslate."""
    base = VAR_DIR / "argos"
    for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        os.environ[variable] = str(base / folder)
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir())
    os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")


class OfflineSentences:
    """Sentence splitting by punctuation (also Arabic ؟ and Ethiopic ።), without any model."""

    def split_sentences(self, text: str) -> list[str]:
        return [part for part in SENTENCE_END.split(text.strip()) if part]


@dataclass
class _Pair:
    package: Any  # argostranslate.package.Package
    translator: Any = None  # ctranslate2.Translator, loaded on first use


class MachineTranslator:
    """The installed packages of one folder. Thread-safe; models load on first use."""

    def __init__(self, folder: Path) -> None:
        _keep_argos_inside_the_project()
        from argostranslate.package import Package

        self.folder = folder
        self._pairs: dict[tuple[str, str], _Pair] = {}
        self._lock = threading.Lock()
        if folder.exists():
            for path in sorted(folder.iterdir()):
                if (path / "metadata.json").exists():
                    package = Package(path)
                    if package.type == "translate":
                        self._pairs[(package.from_code, package.to_code)] = _Pair(package)

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def route(self, source: str, target: str) -> list[str] | None:
        """Language codes from source to target: direct, or through English; None if impossible."""
        source, target = ARGOS_CODE.get(source, source), ARGOS_CODE.get(target, target)
        if source == target:
            return [source]
        if (source, target) in self._pairs:
            return [source, target]
        if (source, PIVOT) in self._pairs and (PIVOT, target) in self._pairs:
            return [source, PIVOT, target]
        return None

    def translate(self, text: str, source: str, target: str) -> tuple[str, str] | None:
        """(translation, route such as "ar>en>nl"), or None when no package route exists."""
        route = self.route(source, target)
        if route is None:
            return None
        for step_from, step_to in pairwise(route):
            text = self._translate_step(text, self._pairs[(step_from, step_to)])
        return text, ">".join(route)

    def _translate_step(self, text: str, pair: _Pair) -> str:
        import ctranslate2
        from argostranslate.translate import apply_packaged_translation

        with self._lock:
            if pair.translator is None:
                pair.translator = ctranslate2.Translator(str(pair.package.package_path / "model"), device="cpu")
            paragraphs = [p for p in text.split("\n") if p.strip()]
            translated = [
                apply_packaged_translation(pair.package, p, pair.translator, OfflineSentences(), 1)[0].value
                for p in paragraphs
            ]
        return "\n".join(translated)


@cache
def machine_translator() -> MachineTranslator:
    return MachineTranslator(packages_dir())


def install_packages(source_folder: Path, target: Path | None = None) -> list[str]:
    """Unpack every `.argosmodel` of a folder into the packages folder; returns the pairs installed.

    Raises ValueError for a file that is not an Argos package (then nothing is installed).
    """
    target = target or packages_dir()
    archives = sorted(source_folder.glob("*.argosmodel"))
    roots = [_package_root(path) for path in archives]  # check every file before installing any
    target.mkdir(parents=True, exist_ok=True)
    for path in archives:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(target)
    machine_translator.cache_clear()
    return roots


def _package_root(path: Path) -> str:
    """The one top folder of an Argos package archive; ValueError for anything else."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise ValueError(f"{path.name}: not an Argos package (not a zip archive)") from None
    roots = {name.split("/", 1)[0] for name in names}
    if len(roots) != 1 or any(".." in Path(n).parts or n.startswith("/") for n in names):
        raise ValueError(f"{path.name}: not an Argos package (one top folder expected)")
    root = roots.pop()
    if f"{root}/metadata.json" not in names:
        raise ValueError(f"{path.name}: not an Argos package (no metadata.json)")
    return root
