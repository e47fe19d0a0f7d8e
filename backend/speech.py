"""Read aloud: the assistant's messages as speech, made on this server with espeak-ng.

espeak-ng (Debian package `espeak-ng`) turns text into a WAV; opusenc (package `opus-tools`)
makes it a small Ogg Opus file (about 3 KB a second at 16 kbit/s instead of 44 KB of WAV),
which every phone browser plays. Without opusenc the WAV is served. Nothing is downloaded at
run time: the voices come with the Debian package.

What is spoken is cached on disk (var/speech) per text and language, named by a keyed hash so
that a file name says nothing about the text. A message can hold a person's answers (the
summaries), so cached files are removed after `CACHE_DAYS` days without use.

Who may ask for which text is decided by the caller (backend/api/speech.py): only texts the
assistant said in that conversation; this module speaks what it is given.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from backend.config import get_settings
from tools.paths import VAR_DIR

log = logging.getLogger(__name__)

SPEECH_DIR = VAR_DIR / "speech"
CACHE_DAYS = 7
PRUNE_EVERY_SECONDS = 3600
OPUS_BITRATE_KBPS = 16
MAX_SPOKEN_CHARACTERS = 3000
ESPEAK_TIMEOUT_SECONDS = 20

# The espeak-ng voice per conversation language (`espeak-ng --voices`, espeak-ng 1.51 of Debian 12).
# None: espeak-ng has no voice for it; the page says so and offers the other ways of help.
# - Dari (fa_AF) is read with the Persian voice: the same language, written the same way.
# - Tigrinya has no voice of its own; it is read with the Amharic voice, which reads the same
#   Ethiopic script syllable by syllable. An approximation (a Tigrinya speaker hears an Amharic
#   accent), better than nothing for someone who cannot read; to be replaced by a Tigrinya voice.
# - Kurmanji: espeak-ng's "ku" voice is Kurmanji in Latin script.
# - Somali and Pashto: no voice in espeak-ng.
VOICES: dict[str, str | None] = {
    "ar": "ar",
    "ti": "am",
    "fa_AF": "fa",
    "fa": "fa",
    "so": None,
    "tr": "tr",
    "ku": "ku",
    "am": "am",
    "ps": None,
    "en": "en-gb",
    "fr": "fr-fr",
    "nl": "nl",
}


@dataclass(frozen=True)
class Audio:
    path: Path
    media_type: str


def voice_for(language: str | None) -> str | None:
    return VOICES.get(language or "")


def has_voice(language: str | None) -> bool:
    return voice_for(language) is not None


def languages_with_voice() -> list[str]:
    return [code for code, voice in VOICES.items() if voice is not None]


def spoken_form(text: str) -> str:
    """The text as it is read: list bullets and repeated spaces do not need to be heard."""
    text = text.replace("•", " ")
    return re.sub(r"[ \t]+", " ", text).strip()[:MAX_SPOKEN_CHARACTERS]


def _cache_name(text: str, language: str) -> str:
    key = get_settings().internal_api_token.encode()
    return hmac.new(key, f"{language}\0{text}".encode(), hashlib.sha256).hexdigest()


def _opusenc() -> str | None:
    return shutil.which("opusenc")


def speak(text: str, language: str) -> Audio:
    """The text spoken in the language, from the cache or made now. Raises LookupError when the
    language has no voice, RuntimeError when espeak-ng is missing or fails."""
    voice = voice_for(language)
    if voice is None:
        raise LookupError(language)
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed (scripts/system-services.sh installs it)")
    spoken = spoken_form(text)
    opusenc = _opusenc()
    suffix, media_type = (".ogg", "audio/ogg") if opusenc else (".wav", "audio/wav")
    path = SPEECH_DIR / (_cache_name(spoken, language) + suffix)
    if path.exists():
        os.utime(path)  # used: kept another CACHE_DAYS days
        return Audio(path, media_type)
    _prune_now_and_then()
    # The text goes to espeak-ng on its standard input, never on the command line (where any
    # user of the machine could read it in the process list).
    wav = subprocess.run(
        [espeak, "-v", voice, "--stdin", "--stdout"],
        input=spoken.encode(),
        capture_output=True,
        check=True,
        timeout=ESPEAK_TIMEOUT_SECONDS,
    ).stdout
    if opusenc:
        data = subprocess.run(
            [opusenc, "--quiet", "--speech", "--bitrate", str(OPUS_BITRATE_KBPS), "-", "-"],
            input=wav,
            capture_output=True,
            check=True,
            timeout=ESPEAK_TIMEOUT_SECONDS,
        ).stdout
    else:
        data = wav
    # Written under another name and renamed: a request at the same moment never reads half a file.
    # The folder is made here, after espeak-ng: a cache cleared meanwhile (its folder removed) is
    # made again rather than failing this request.
    SPEECH_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=SPEECH_DIR, suffix=".part", delete=False) as part:
        part.write(data)
    Path(part.name).replace(path)
    return Audio(path, media_type)


_last_prune = 0.0


def _prune_now_and_then() -> None:
    """Remove spoken texts not used for CACHE_DAYS days (at most once an hour, by the process
    that is about to add one)."""
    global _last_prune
    now = time.time()
    if now - _last_prune < PRUNE_EVERY_SECONDS:
        return
    _last_prune = now
    oldest = now - CACHE_DAYS * 86400
    try:
        paths = list(SPEECH_DIR.iterdir())
    except FileNotFoundError:  # nothing cached yet, or the cache was cleared
        return
    for path in paths:
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except FileNotFoundError:
            pass
