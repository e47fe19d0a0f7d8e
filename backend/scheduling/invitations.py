"""The enforcement chain of the Integration Act for invitations (domain.md §1.7).

1. First invitation. 2. Unanswered: written warning and a second invitation.
3. Unanswered again: a €250 fine and a third invitation. 4. Unanswered a third time: a
second €250 fine, and the PIP is set without the person's input.
Booking an appointment counts as the response to every open invitation.
"""

from __future__ import annotations

from collections.abc import Sequence

from backend.models import Invitation, InvitationStep

CHAIN = (
    InvitationStep.FIRST_INVITATION,
    InvitationStep.WARNING_SECOND_INVITATION,
    InvitationStep.FINE_THIRD_INVITATION,
    InvitationStep.SECOND_FINE,
)
FINE_EUR = {InvitationStep.FINE_THIRD_INVITATION: 250, InvitationStep.SECOND_FINE: 250}


def next_step(invitations: Sequence[Invitation]) -> InvitationStep | None:
    """The step that comes after those already taken (None when the chain is complete)."""
    taken = {i.step for i in invitations}
    return next((step for step in CHAIN if step not in taken), None)
