"""The offline translation service with tiny Argos packages the test builds itself: install from
a folder, a direct pair, a pivot through English, a language without a model, bad packages,
and no network at all."""

from __future__ import annotations

import socket
import zipfile
from pathlib import Path

import pytest

from backend.config import VAR_DIR
from backend.translation.machine import MachineTranslator, install_packages
from tests.support.tiny_argos import build_package


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    downloads = tmp_path_factory.mktemp("argosmodels")
    build_package(downloads, "ar", "en", ["hello", "world"], ["انا مهندسة", "عندي ثلاثة اطفال"])
    build_package(downloads, "en", "nl", ["hallo", "wereld"], ["hello world", "i am an engineer"])
    build_package(downloads, "tr", "nl", ["goedemorgen"], ["günaydın", "mühendisim"])
    installed = tmp_path_factory.mktemp("installed")
    names = install_packages(downloads, installed)
    assert sorted(names) == ["translate-ar_en-tiny", "translate-en_nl-tiny", "translate-tr_nl-tiny"]
    return installed


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the translation service tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_direct_pair(packages: Path, no_network: None) -> None:
    translator = MachineTranslator(packages)
    assert translator.translate("günaydın", "tr", "nl") == ("goedemorgen", "tr>nl")


def test_a_pivot_through_english(packages: Path, no_network: None) -> None:
    translator = MachineTranslator(packages)
    assert translator.route("ar", "nl") == ["ar", "en", "nl"]
    assert translator.translate("انا مهندسة", "ar", "nl") == ("hallo wereld", "ar>en>nl")
    # Every line is translated on its own, and no sentence-splitting model is fetched.
    assert translator.translate("انا مهندسة.\nعندي ثلاثة اطفال", "ar", "nl") == (
        "hallo wereld\nhallo wereld",
        "ar>en>nl",
    )


def test_no_model_means_no_machine_translation(packages: Path, no_network: None) -> None:
    translator = MachineTranslator(packages)
    for language in ("ti", "so", "am", "ps", "ku"):
        assert translator.route(language, "nl") is None
        assert translator.translate("ሓኪም እየ", language, "nl") is None


def test_nothing_installed_yet(tmp_path: Path) -> None:
    translator = MachineTranslator(tmp_path / "missing")
    assert translator.pairs() == set() and translator.translate("hello", "en", "nl") is None


def test_a_bad_package_installs_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    build_package(folder, "tr", "nl", ["goedemorgen"], ["günaydın"])
    with zipfile.ZipFile(folder / "broken.argosmodel", "w") as archive:
        archive.writestr("something/readme.txt", "not a model")
    (folder / "not-a-zip.argosmodel").write_text("hello")
    target = tmp_path / "installed"
    with pytest.raises(ValueError, match="not an Argos package"):
        install_packages(folder, target)
    assert not target.exists() or list(target.iterdir()) == []


def test_argos_keeps_out_of_the_home_folder(packages: Path) -> None:
    import os

    MachineTranslator(packages)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        assert Path(os.environ[variable]).is_relative_to(VAR_DIR)
