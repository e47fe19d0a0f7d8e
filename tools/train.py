"""Train the Rasa model only when its inputs changed.

The model file is named by a hash of its inputs (config, domain, training data and the
Rasa version), and kept in the model cache: an unchanged bot is never trained twice.
`python -m tools.train` prints the model's path.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from tools.paths import BOT_DIR, LOG_DIR, MODEL_CACHE_DIR, PROJECT_DIR, RASA_BIN, rasa_environment


def model_inputs() -> list[Path]:
    files = [BOT_DIR / "config.yml"]
    files += sorted((BOT_DIR / "domain").glob("*.yml"))
    files += sorted((BOT_DIR / "data").rglob("*.yml"))
    files += sorted((BOT_DIR / "rasa_addons").glob("*.py"))
    return files


def inputs_hash() -> str:
    digest = hashlib.sha256()
    digest.update((PROJECT_DIR / "requirements" / "rasa.txt").read_bytes())
    for path in model_inputs():
        digest.update(str(path.relative_to(PROJECT_DIR)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODEL_CACHE_DIR / f"intake-{inputs_hash()}.tar.gz"


def ensure_model() -> Path:
    target = model_path()
    if target.exists():
        print(f"    model is up to date ({target.name})")
        return target
    MODEL_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_file = LOG_DIR / "train.log"
    print(f"    training a new model (about 30 s; log: {log_file.relative_to(PROJECT_DIR)}) ...", flush=True)
    started = time.monotonic()
    with log_file.open("w") as log:
        result = subprocess.run(
            [
                str(RASA_BIN),
                "train",
                "--config",
                str(BOT_DIR / "config.yml"),
                "--domain",
                str(BOT_DIR / "domain"),
                "--data",
                str(BOT_DIR / "data"),
                "--out",
                str(MODEL_CACHE_DIR),
                "--fixed-model-name",
                target.stem.removesuffix(".tar"),
                "--quiet",
            ],
            cwd=BOT_DIR,
            env=rasa_environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0 or not target.exists():
        print(log_file.read_text()[-3000:], file=sys.stderr)
        raise SystemExit(f"Training failed (exit {result.returncode}); see {log_file}")
    print(f"    trained in {time.monotonic() - started:.0f} s: {target.name}")
    return target


if __name__ == "__main__":
    print(ensure_model())
