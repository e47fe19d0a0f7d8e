"""How much of what people type arrives in the intake: the team's own held-out evaluation.

    make bench-understanding                 # typed answers + whole conversations (starts the system)
    make bench-understanding ARGS=--answers  # typed answers only (no system; seconds)
    make bench-understanding ARGS="--set set-1 --language ti"

The sets in bench/understanding/<set>/ were written by helpers who had not seen the readers, the
word lists or the NLU data (see FORMAT.md); nothing is tuned to them.

* **typed answers** (`answers/<code>.yaml`): each message is interpreted for its question exactly
  as the dialogue does (forms.understanding.interpret, with the trained NLU model's intent and
  confidence from `rasa test nlu`) and compared with the value it must give. *right*: the expected
  value (or request, or refusal); *refused*: nothing read where something was expected (the person
  is asked again); *misread*: a wrong value or a wrong request (the harmful error).
* **conversations** (`conversations/*.yaml`): a persona walks the whole pre-intake through the
  real chat gateway (backend, Rasa, action server), answering each question as written, tapping
  "Yes" when the assistant checks a value that is right; afterwards the intake is read through
  the staff API and compared fact by fact. Also counted: questions asked again after an answer
  (refusals), the most times one question was asked, and turns until the intake was sent.

Prints Markdown tables for the README and writes bench/results/understanding-<set>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bench.nlu_accuracy import run_rasa_test
from bench.understanding.scoring import ConversationResult, judge
from forms import load_schema
from forms.schema import Question
from forms.understanding import Interpretation, interpret
from locales import translate
from tools.paths import PROJECT_DIR, VAR_DIR

HERE = Path(__file__).resolve().parent
RESULTS = PROJECT_DIR / "bench" / "results"
# The date the sets were written against ("I am 34" is a year of birth relative to it).
SET_DATES = {
    "set-1": date(2026, 12, 5),
    "set-2": date(2026, 12, 6),
    "set-3": date(2026, 12, 6),
    "set-4": date(2026, 12, 6),
}


# -- typed answers -----------------------------------------------------------------------------------


def _nlu_predictions(texts: list[str]) -> dict[str, tuple[str | None, float]]:
    """The trained model's intent and confidence for each text (rasa test nlu, like make bench-nlu)."""
    from tools.train import ensure_model

    model = ensure_model()
    lines = ["    - " + json.dumps(t, ensure_ascii=False)[1:-1] for t in dict.fromkeys(texts) if "\n" not in t]
    # Rasa writes no results for a test file with a single intent: the texts go under two labels
    # (the labels do not matter, only the predictions are used).
    half = len(lines) // 2
    data_text = (
        'version: "3.1"\nnlu:\n- intent: inform\n  examples: |\n'
        + "\n".join(lines[:half])
        + "\n- intent: thanks\n  examples: |\n"
        + "\n".join(lines[half:])
        + "\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "items.yml"
        data.write_text(data_text, encoding="utf-8")
        results = run_rasa_test(["--model", str(model), "--nlu", str(data)], Path(folder) / "out")
    predictions: dict[str, tuple[str | None, float]] = {}
    for result in results:
        prediction = result.get("intent_prediction") or {}
        if isinstance(prediction, dict):
            predictions[str(result.get("text"))] = (prediction.get("name"), float(prediction.get("confidence") or 0))
    return predictions


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    by_kind: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misreads: list[dict[str, Any]] = field(default_factory=list)


def kind_of(question: Question) -> str:
    if question.type == "single_choice" and any(o.territory for o in question.options):
        return "country"
    if question.type == "text" and question.validation.person_name:
        return "name"
    return question.type


def evaluate_answers(folder: Path, languages: list[str] | None, today: date, use_nlu: bool) -> dict[str, Tally]:
    schema = load_schema()
    sets = {}
    for path in sorted((folder / "answers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if languages and data["language"] not in languages:
            continue
        sets[data["language"]] = data["items"]
    texts = [str(item["text"]) for items in sets.values() for item in items]
    predictions = _nlu_predictions(texts) if use_nlu else {}
    tallies: dict[str, Tally] = {}
    for language, items in sets.items():
        tally = tallies.setdefault(language, Tally())

        def translator(message: str, lang: str = language) -> str:
            return translate(lang, message)

        for item in items:
            question = schema.question(item["question"])
            text = str(item["text"])
            intent, confidence = predictions.get(text, (None, 0.0))
            # No earlier answers: a typed answer is read without knowing the person's first language.
            result = interpret(question, text, language, intent, confidence, translator, today)
            verdict = judge(question, item["expect"], result)
            tally.counts[verdict] += 1
            tally.by_kind[kind_of(question)][verdict] += 1
            if verdict != "right":
                got = result.reading.value if result.reading is not None else None
                tally.misreads.append(
                    {
                        "question": question.id,
                        "text": text,
                        "expect": item["expect"],
                        "verdict": verdict,
                        "got": {"kind": result.kind, "value": got, "request": result.request, "no": result.no_answer},
                    }
                )
    return tallies


# -- short replies ------------------------------------------------------------------------------------

# Short replies and what each must come out as, interpreted as the dialogue does at a yes/no
# question ("Have you applied for a DigiD?") and at a date question ("What is your date of
# birth?"). Read from a set's short_replies/ folder (written blind, see FORMAT.md) or, for sets
# without one, from the held-out NLU messages of bench/nlu_heldout/ (their intents as meanings).
SHORT_REPLY_EXPECTATIONS = {
    "yes": ("digid_applied", ("answer", "yes")),
    "no": ("digid_applied", ("answer", "no")),
    "dont_know": ("digid_applied", ("answer", "unknown")),
    "skip": ("date_of_birth", ("no_answer", "skipped")),
    "help": ("date_of_birth", ("request", "help")),
    "back": ("date_of_birth", ("request", "back")),
    "pause": ("date_of_birth", ("request", "pause")),
    "person": ("date_of_birth", ("request", "person")),
}
MEANING_OF_INTENT = {
    "affirm": "yes",
    "deny": "no",
    "dont_know": "dont_know",
    "skip": "skip",
    "help": "help",
    "go_back": "back",
    "pause": "pause",
    "human_handoff": "person",
}


def _outcome(result: Interpretation) -> tuple[str, str | None]:
    if result.kind in ("request", "check_request"):
        return result.kind, result.request
    if result.kind == "no_answer":
        return "no_answer", result.no_answer
    if result.kind == "answer" and result.reading is not None:
        return "answer", str(result.reading.value)
    return "refused", None


def _short_replies(folder: Path, languages: list[str] | None) -> list[tuple[str, str, str]]:
    """(language, meaning, text) of a set's short_replies/, else of bench/nlu_heldout/."""
    from bench.nlu_accuracy import HELD_OUT_DIR

    replies: list[tuple[str, str, str]] = []
    if (folder / "short_replies").is_dir():
        for path in sorted((folder / "short_replies").glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if languages and data["language"] not in languages:
                continue
            # Unquoted `yes` / `no` are YAML booleans: read them as the meanings they spell.
            meanings = {"True": "yes", "False": "no"}
            replies += [
                (data["language"], meanings.get(str(r["means"]), str(r["means"])), str(r["text"]))
                for r in data["replies"]
            ]
        return replies
    for path in sorted(HELD_OUT_DIR.glob("*.yml")):
        if languages and path.stem not in languages:
            continue
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if meaning := MEANING_OF_INTENT.get(block["intent"]):
                for line in str(block["examples"]).splitlines():
                    if text := line.strip().removeprefix("- ").strip():
                        replies.append((path.stem, meaning, text))
    return replies


def evaluate_short_replies(folder: Path, languages: list[str] | None, today: date) -> dict[str, Counter[str]]:
    """understood / asked again / taken for something else, per language."""
    schema = load_schema()
    examples = _short_replies(folder, languages)
    predictions = _nlu_predictions([text for _, _, text in examples])
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for language, meaning, text in examples:
        question_id, wanted = SHORT_REPLY_EXPECTATIONS[meaning]
        predicted, confidence = predictions.get(text, (None, 0.0))

        def translator(message: str, lang: str = language) -> str:
            return translate(lang, message)

        got = _outcome(
            interpret(schema.question(question_id), text, language, predicted, confidence, translator, today)
        )
        if got == wanted:
            verdict = "understood"
        elif got == ("check_request", wanted[1]) or (
            wanted == ("no_answer", "skipped") and got == ("check_request", "skip")
        ):
            verdict = "checked"  # "Do you want to ...?" and the person says yes: one turn more
        elif got[0] in ("refused", "check_request"):
            verdict = "asked again"
        else:
            verdict = "taken for another"
        counts[language][verdict] += 1
        counts[f"meaning: {meaning}"][verdict] += 1  # which kinds of reply fail, across languages
        if verdict != "understood":
            misses.append({"language": language, "means": meaning, "text": text, "verdict": verdict, "got": list(got)})
    detail = VAR_DIR / "bench" / f"short-replies-{folder.name}-{secrets.token_hex(3)}-misses.json"
    detail.parent.mkdir(parents=True, exist_ok=True)
    detail.write_text(json.dumps(misses, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nEvery miss, for the team (not for tuning to this set): {detail}")
    return counts


# -- whole conversations -------------------------------------------------------------------------------


def run_conversations(
    folder: Path, languages: list[str] | None, postgres: bool, port_offset: int = 0
) -> list[ConversationResult]:
    from backend.models import StaffRole
    from bench.conversation_load import start
    from bench.understanding.persona import Persona, walk
    from forms.schema import load_municipalities
    from tests.system_fixtures import create_staff

    personas = [Persona.load(p) for p in sorted((folder / "conversations").glob("*.yaml"))]
    personas = [p for p in personas if not languages or p.language in languages]
    system, database = start(postgres, port_offset)
    results = []
    try:
        codes = tuple(m.code for m in load_municipalities())
        username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, codes)
        for persona in personas:
            results.append(walk(persona, system.config.backend_url, username, password))
    finally:
        system.stop()
        if database is not None:
            database.__exit__(None, None, None)  # type: ignore[attr-defined]
    return results


# -- report ----------------------------------------------------------------------------------------------


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def report(tallies: dict[str, Tally], conversations: list[ConversationResult], name: str) -> dict[str, Any]:
    print(f"\nUnderstanding benchmark, {time.strftime('%Y-%m-%d')}, set {name}\n")
    if tallies:
        print("Typed answers (each message interpreted for its question as the dialogue does):\n")
        print("| language | messages | right | refused | misread |")
        print("|---|---:|---:|---:|---:|")
        total: Counter[str] = Counter()
        for language, tally in sorted(tallies.items()):
            n = sum(tally.counts.values())
            total.update(tally.counts)
            c = tally.counts
            print(
                f"| {language} | {n} | {_percent(c['right'], n)} | {_percent(c['refused'], n)} "
                f"| {_percent(c['misread'], n)} |"
            )
        n = sum(total.values())
        print(
            f"| **all** | {n} | {_percent(total['right'], n)} | {_percent(total['refused'], n)} "
            f"| {_percent(total['misread'], n)} |"
        )
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for tally in tallies.values():
            for kind, counts in tally.by_kind.items():
                kinds[kind].update(counts)
        print("\n| kind of question | messages | right | refused | misread |")
        print("|---|---:|---:|---:|---:|")
        for kind, c in sorted(kinds.items()):
            n = sum(c.values())
            print(
                f"| {kind} | {n} | {_percent(c['right'], n)} | {_percent(c['refused'], n)} "
                f"| {_percent(c['misread'], n)} |"
            )
    if conversations:
        print("\nWhole conversations through the chat gateway, facts read back through the staff API:\n")
        print("| conversation | facts right | values exact | refusals | most asked (question) | turns | sent |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for r in conversations:
            print(
                f"| {r.id} | {_percent(r.right, r.facts)} ({r.right}/{r.facts}) | {_percent(r.exact, r.facts)} "
                f"| {r.refusals} | {r.most_asked} ({r.most_asked_question}) | {r.turns} "
                f"| {'yes' if r.submitted else 'NO'} |"
            )
        kinds_seen = ["start", "question", "item", "again", "check", "correction", "send", "other"]
        print("\nWhere the turns went (see ConversationResult.turn_kinds):\n")
        print("| conversation | " + " | ".join(kinds_seen) + " | all |")
        print("|---|" + "---:|" * (len(kinds_seen) + 1))
        for r in conversations:
            cells = " | ".join(str(r.turn_kinds.get(k, 0)) for k in kinds_seen)
            print(f"| {r.id} | {cells} | {r.turns} |")
    result = {
        "set": name,
        "date": time.strftime("%Y-%m-%d"),
        "answers": {
            lang: {"counts": dict(t.counts), "by_kind": {k: dict(v) for k, v in t.by_kind.items()}}
            for lang, t in tallies.items()
        },
        "conversations": [r.__dict__ for r in conversations],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"understanding-{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    misreads: dict[str, Any] = {lang: t.misreads for lang, t in tallies.items()}
    misreads["conversations"] = [{"id": r.id, "wrong": r.wrong, "last_turns": r.last_turns} for r in conversations]
    detail = VAR_DIR / "bench" / f"understanding-{name}-{secrets.token_hex(3)}-misses.json"
    detail.parent.mkdir(parents=True, exist_ok=True)
    detail.write_text(json.dumps(misreads, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"\nEvery miss, for the team (not for tuning to this set): {detail}")
    return result


def main() -> None:
    # The scripted people answer at once, faster than anyone types: the chat's per-conversation
    # and per-address limits (backend/config.py) are raised for this run only.
    os.environ.setdefault("INTAKE_MESSAGE_RATE_PER_CONVERSATION", "10000/minute")
    os.environ.setdefault("INTAKE_CONVERSATION_RATE_PER_ADDRESS", "10000/minute")
    os.environ.setdefault("INTAKE_LOGIN_RATE_PER_ACCOUNT", "1000/minute")  # a staff read per conversation
    os.environ.setdefault("INTAKE_LOGIN_RATE_PER_ADDRESS", "1000/minute")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="set-1", help="the folder under bench/understanding/")
    parser.add_argument("--language", action="append", help="only these languages (repeatable)")
    parser.add_argument("--answers", action="store_true", help="typed answers only (no running system)")
    parser.add_argument("--conversations", action="store_true", help="whole conversations only")
    parser.add_argument("--no-nlu", action="store_true", help="typed answers without the NLU model")
    parser.add_argument("--postgres", action="store_true", help="conversations on PostgreSQL + Redis")
    parser.add_argument("--short-replies", action="store_true", help="only the held-out short replies")
    parser.add_argument(
        "--port-offset", type=int, default=0, help="run the system on the bench ports + this (beside another bench)"
    )
    args = parser.parse_args()
    if args.short_replies:
        counts = evaluate_short_replies(HERE / args.set, args.language, date.today())
        print("\n| language | short replies | understood | checked first | asked again | taken for something else |")
        print("|---|---:|---:|---:|---:|---:|")
        total: Counter[str] = Counter()
        for language, c in sorted(counts.items(), key=lambda item: (item[0].startswith("meaning"), item[0])):
            n = sum(c.values())
            if not language.startswith("meaning"):
                total.update(c)
            print(
                f"| {language} | {n} | {_percent(c['understood'], n)} | {_percent(c['checked'], n)} "
                f"| {_percent(c['asked again'], n)} "
                f"| {_percent(c['taken for another'], n)} |"
            )
        n = sum(total.values())
        print(
            f"| **all** | {n} | {_percent(total['understood'], n)} | {_percent(total['checked'], n)} "
            f"| {_percent(total['asked again'], n)} "
            f"| {_percent(total['taken for another'], n)} |"
        )
        return
    folder = HERE / args.set
    today = SET_DATES.get(args.set, date.today())
    tallies = {} if args.conversations else evaluate_answers(folder, args.language, today, not args.no_nlu)
    conversations = [] if args.answers else run_conversations(folder, args.language, args.postgres, args.port_offset)
    report(tallies, conversations, args.set)


if __name__ == "__main__":
    main()
