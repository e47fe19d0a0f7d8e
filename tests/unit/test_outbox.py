"""The action server's outbox (actions/outbox.py): saves wait on disk until the backend took them,
go in order per conversation, are sent as one when typed with the same helper, and keep flags."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from actions.outbox import Deliverer, Delivery, Outbox, RowState, classify


def body(sequence: int, name: str, helper: int | None = None, **flags: bool) -> dict[str, Any]:
    return {
        "conversation_id": "c" * 40,
        "answers": [{"question_id": "full_name", "value": name}],
        "sequence": sequence,
        "typed_with": {"volunteer_id": helper},
        "complete": flags.get("complete", False),
        "help_requested": flags.get("help_requested", False),
    }


def test_saves_survive_a_new_outbox_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    row = Outbox(path).add("conversation", 1, body(1, "A"))
    reopened = Outbox(path)  # as after a kill -9 of the action server
    assert reopened.pending() == 1 and reopened.state(row) == RowState.PENDING
    batch = reopened.next_batch("conversation")
    assert batch is not None and batch.body["answers"][0]["value"] == "A"
    reopened.delivered(batch.ids)
    assert reopened.state(row) == RowState.DELIVERED and reopened.pending() == 0


def test_runs_with_the_same_helper_go_as_one_in_order_with_every_flag(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add("c", 30, body(30, "C", helper=7))
    outbox.add("c", 10, body(10, "A", help_requested=True))  # written late, older: goes first
    outbox.add("c", 20, body(20, "B", complete=True))
    outbox.add("other", 5, body(5, "X"))

    first = outbox.next_batch("c")
    assert first is not None and len(first.ids) == 2
    # The newest of the run, with the flags of the saves it stands for.
    assert first.body["sequence"] == 20 and first.body["answers"][0]["value"] == "B"
    assert first.body["complete"] and first.body["help_requested"]
    outbox.delivered(first.ids)
    # Typed with a volunteer beside the person: sent on its own, so its source stays right.
    second = outbox.next_batch("c")
    assert second is not None and second.body["sequence"] == 30 and second.body["typed_with"] == {"volunteer_id": 7}
    assert outbox.pending("other") == 1


def test_a_failed_delivery_waits_longer_each_time(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.add("c", 1, body(1, "A"))
    assert outbox.due_conversations(time.time()) == ["c"]
    delays = [outbox.retry_later("c", max_delay_seconds=3.0) for _ in range(5)]
    assert delays[0] < delays[2] and max(delays) <= 3.0 * 1.2
    assert outbox.due_conversations(time.time()) == []
    assert outbox.due_conversations(time.time() + 4) == ["c"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, Delivery.DELIVERED),
        (400, Delivery.REFUSED),
        (422, Delivery.REFUSED),
        (410, Delivery.GONE),  # the conversation was erased meanwhile: dropped
        (401, Delivery.NOT_ALLOWED),  # a wrong internal token: retried and reported
        (403, Delivery.NOT_ALLOWED),
        (429, Delivery.RETRY),
        (500, Delivery.RETRY),
        (503, Delivery.RETRY),
    ],
)
def test_what_a_response_means(status: int, expected: Delivery) -> None:
    assert classify(httpx.Response(status, text="{}"))[0] == expected


def test_the_deliverer_retries_until_the_backend_takes_it_and_keeps_what_it_refuses(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    received: list[dict[str, Any]] = []
    answers = iter([Delivery.RETRY, Delivery.RETRY, Delivery.DELIVERED, Delivery.REFUSED])

    def make_send() -> Any:
        async def send(save: dict[str, Any]) -> tuple[Delivery, str]:
            received.append(save)
            return next(answers), "test"

        return send

    deliverer = Deliverer(outbox, make_send, max_delay_seconds=0.2)
    kept = outbox.add("c", 1, body(1, "A"))
    deliverer.start()
    deadline = time.monotonic() + 10
    while outbox.state(kept) == RowState.PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
    assert outbox.state(kept) == RowState.DELIVERED and len(received) == 3

    refused = outbox.add("c", 2, body(2, "B"))
    deliverer.wake()
    while outbox.state(refused) == RowState.PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
    assert outbox.state(refused) == RowState.REFUSED and outbox.pending() == 0
