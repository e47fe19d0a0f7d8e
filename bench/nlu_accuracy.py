"""How well typed conversational replies are understood, per language.

    .venv/bin/python -m bench.nlu_accuracy [folds]        (make bench-nlu)

Two measurements, both with the pipeline of bot/config.yml:

* **held-out**: the trained model (the same one `make run` uses) predicts the messages in
  `bench/nlu_heldout/<code>.yml`, written separately from the training data and never copied into
  it: the closest we have to messages nobody on the team has seen;
* **cross-validation**: Rasa's k-fold cross-validation of the training data itself
  (`bot/data/nlu/<code>.yml`), every example predicted by a model that did not see it.

What counts is what the dialogue does with a prediction: below `REQUEST_CONFIDENCE` a typed
message is read as an answer to the question (intent `inform`), so an unsure "help" is a miss and
an unsure guess on an answer is right. "Wrong request" counts answers or requests taken for a
different request with confidence: the harmful errors (the person is misunderstood).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from forms.understanding import REQUEST_CONFIDENCE
from locales import get_language
from tools.paths import BOT_DIR, PROJECT_DIR, RASA_BIN, rasa_environment
from tools.train import ensure_model

TRAINING_DIR = BOT_DIR / "data" / "nlu"
HELD_OUT_DIR = PROJECT_DIR / "bench" / "nlu_heldout"
ANSWER_INTENT = "inform"


def examples_by_language(folder: Path) -> dict[str, str]:
    """Example text -> language code, from the per-language files of a folder."""
    language_of: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        if get_language(path.stem) is None:
            continue  # not a language file (e.g. the names of languages)
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    language_of.setdefault(text, path.stem)
    return language_of


def run_rasa_test(arguments: list[str], out: Path) -> list[dict[str, object]]:
    command = [str(RASA_BIN), "test", "nlu", *arguments, "--successes", "--out", str(out), "--quiet"]
    done = subprocess.run(command, cwd=BOT_DIR, env=rasa_environment(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"rasa test nlu failed:\n{done.stderr[-3000:]}")
    results: list[dict[str, object]] = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        if path.exists():
            results.extend(json.loads(path.read_text(encoding="utf-8")))
    return results


def effective_intent(result: dict[str, object]) -> str:
    """What the dialogue acts on: the predicted intent when sure, otherwise an answer."""
    prediction = result.get("intent_prediction") or {}
    if not isinstance(prediction, dict):
        return ANSWER_INTENT
    confident = float(prediction.get("confidence") or 0.0) >= REQUEST_CONFIDENCE
    return str(prediction.get("name")) if confident else ANSWER_INTENT


@dataclass
class Score:
    total: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    wrong_request: Counter[str] = field(default_factory=Counter)

    def add(
        self, results: list[dict[str, object]], language_of: dict[str, str], leave_out: frozenset[str] = frozenset()
    ) -> None:
        for result in results:
            language = language_of.get(str(result["text"]))
            if language is None or str(result["text"]).casefold() in leave_out:
                continue
            acted_on = effective_intent(result)
            self.total[language] += 1
            if acted_on == result["intent"]:
                self.right[language] += 1
            elif acted_on != ANSWER_INTENT:
                self.wrong_request[language] += 1

    def count(self, language: str | None) -> int:
        return self.total[language] if language else sum(self.total.values())

    def share(self, counter: Counter[str], language: str | None = None) -> str:
        if language is None:
            return f"{sum(counter.values()) / max(1, sum(self.total.values())):.0%}"
        return f"{counter[language] / max(1, self.total[language]):.0%}"


def main() -> int:
    folds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    model = ensure_model()
    held_out, unseen, cross = Score(), Score(), Score()
    training = examples_by_language(TRAINING_DIR)
    with tempfile.TemporaryDirectory() as folder:
        results = run_rasa_test(["--model", str(model), "--nlu", str(HELD_OUT_DIR)], Path(folder) / "held-out")
        held_out.add(results, examples_by_language(HELD_OUT_DIR))
        # Short messages ("thanks", "no") are naturally in the training data too; the
        # messages that are not are the real test of typing nobody has seen.
        unseen.add(results, examples_by_language(HELD_OUT_DIR), frozenset(t.casefold() for t in training))
        cross.add(
            run_rasa_test(
                ["--nlu", "data/nlu", "--config", "config.yml", "--cross-validation", "--folds", str(folds)],
                Path(folder) / "cross",
            ),
            training,
        )
    print(
        "| language | held-out messages | understood | wrong request | not in training data: messages "
        f"| understood | wrong request | training examples | understood ({folds}-fold cross-validation) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for code in [*sorted(cross.total, key=lambda c: -held_out.total[c]), None]:
        lang = get_language(code)
        label = f"{lang.native_name} ({lang.english_name})" if lang else "**all**"
        cells = [label]
        for score in (held_out, unseen):
            cells += [str(score.count(code)), score.share(score.right, code), score.share(score.wrong_request, code)]
        cells += [str(cross.count(code)), cross.share(cross.right, code)]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
