"""Who may see what, and the audit record of every staff route: the one place for both.

ACCESS. The functions below answer "may this staff member see this intake / this field / this
translation item / this appointment". Routes, queries and pages ask them; nothing else decides.

- Case managers see the intakes (and their appointments and translations) of the municipalities
  they serve, and those of no known municipality yet (the whole region's: see `serves`).
- Volunteers see only the translation work of the municipalities they help, and never the
  answer to a question marked `sensitive` in forms/intake.yaml (health: special-category data).
- Administrators manage staff accounts and the audit log and act on the person's AVG rights;
  they do not read intakes in their daily work.

For queries: `municipality_scope` / `intake_scope` (the rule of `serves` as SQL); for one
field: `may_see_field`.

DECLARING A ROUTE. Every route says what it is, with exactly one of these, and
tests/backend/test_route_coverage.py fails for a route that does not:

1. `audited(action, object_type, roles)` -- a staff route that reads or changes personal data
   (any staff route, really: use it unless you have a reason). It logs the staff member in,
   refuses other roles (403), and when the route ends writes ONE audit_event row, whatever
   happened: `action` when it succeeded, `action_refused` when it was refused (403/404: also
   another municipality's intake), `action_failed` when it failed (any other error, also one
   raised after the check, or the commit failing), with the status code in its detail. The row
   is committed even when the request's own changes are rolled back. Use it as a parameter:

       @router.get("/{intake_id}/pdf")
       def intake_pdf(
           intake_id: uuid.UUID,
           audit: Annotated[Audit, audited("export_intake_pdf", "intake", CASE_MANAGERS)],
           session: SessionDep,
       ) -> Response:
           intake = policy.intake_for(session, audit, intake_id)  # names it in the record; 404 if not theirs
           audit.note(pages=3)                                   # optional: numbers, ids, never contents
           ...

   `audit.user` is the staff member. `intake_for`, `appointment_for` and `translation_for`
   look the object up, name it in the record (before the check, so that a refused read names
   what was asked for) and refuse with 404. For a list, call `audit.note(count=len(rows))`.
   A route that does something about an intake records `object_type="intake"` with the intake's
   id: the person's subject access overview and erasure find the entries by it.

   Also: `audit.about_intake(intake)` / `audit.about(id)` to name what the route works on;
   `audit.answered_with(400)` for a page that shows a refusal in its form instead of raising
   it; `audit.nothing_shown()` for a poll that found nothing new (no success row, a refusal
   still is); `audit.write_now()` when the route itself must see its record (subject access).

   Pages that log in by the workspace's session cookie pass `login=workspace_user`. Put the
   `audited` parameter before any other check of the login or role, so that a refusal by it
   is recorded too (FastAPI resolves parameters in order).

2. `staff_only(roles, reason)` -- a staff route that returns no one's personal data but the
   staff member's own, or reference data (the municipalities, the RIT's rooms). Checks the
   role; writes no audit row.

3. `not_staff(reason)` -- a route without a staff login: the person's own chat (by the phone's
   token), Rasa's and the action server's internal calls, health and metrics. Usually set once
   on the router: `APIRouter(..., dependencies=[not_staff("...")])`.

A 401 (no valid login) is not recorded: nobody is known to record. Events outside routes (the
retention job, the command line, failed logins) use `backend.audit.record`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import Depends, HTTPException
from fastapi.exceptions import RequestValidationError
from sqlalchemy import ColumnElement, SQLColumnExpression, false, or_
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backend import audit as audit_log
from backend.deps import SessionDep, current_user
from backend.errors import ApiError, NotFound, NotPermitted
from backend.models import AnswerTranslation, Appointment, Intake, StaffRole, StaffUser
from forms import Question, load_schema

CASE_MANAGERS = frozenset({StaffRole.CASE_MANAGER})
ADMINISTRATORS = frozenset({StaffRole.ADMINISTRATOR})
TRANSLATORS = frozenset({StaffRole.CASE_MANAGER, StaffRole.VOLUNTEER})
ALL_STAFF = frozenset(StaffRole)

log = logging.getLogger(__name__)

# audit_event.action is 40 characters; the longest suffix is "_refused".
MAX_ACTION_LENGTH = 40 - len("_refused")


# -- Access ------------------------------------------------------------------------------------


def serves(user: StaffUser, municipality_code: str | None) -> bool:
    """Whether the staff member serves the municipality. An intake whose municipality is not
    known (the person named none of the seven, and the assistant kept their words for the case
    manager) belongs to the whole region: every case manager sees it, so that it is never lost
    and one of them finds out where the person lives. Volunteers never see those."""
    if municipality_code is None:
        return user.role == StaffRole.CASE_MANAGER
    return municipality_code in user.municipality_codes


def may_read_intake(user: StaffUser, intake: Intake) -> bool:
    return user.role == StaffRole.CASE_MANAGER and serves(user, intake.municipality_code)


def may_see_field(user: StaffUser, question: Question) -> bool:
    """Health answers (questions marked `sensitive`) never for volunteers; every field for case
    managers (of an intake they may read)."""
    if user.role == StaffRole.VOLUNTEER:
        return not question.sensitive
    return user.role == StaffRole.CASE_MANAGER


def may_translate(user: StaffUser, translation: AnswerTranslation, intake: Intake) -> bool:
    """An item of the translation queue: volunteers of the intake's municipality (not one of
    unknown municipality), never a health answer; case managers of intakes they may read."""
    question = load_schema().question(translation.answer.question_id)
    if not may_see_field(user, question):
        return False
    if user.role == StaffRole.VOLUNTEER:
        return intake.municipality_code is not None and serves(user, intake.municipality_code)
    return may_read_intake(user, intake)


def may_handle_appointment(user: StaffUser, appointment: Appointment) -> bool:
    """Appointments go with the intake: whoever may read it plans its appointments."""
    return may_read_intake(user, appointment.intake)


def municipality_scope(
    user: StaffUser, code: SQLColumnExpression[str | None], only: str | None = None
) -> ColumnElement[bool]:
    """The rule of `serves` as a condition on a column (or subquery) holding a municipality
    code, for queries, so that another municipality's rows never crowd out a limit. With
    `only`, that one municipality (and then none of unknown municipality). Administrators:
    nothing (they do not work on intakes, chats or translations)."""
    if user.role == StaffRole.ADMINISTRATOR:
        return false()
    codes = user.municipality_codes if only is None else user.municipality_codes & {only}
    served: ColumnElement[bool] = code.in_(sorted(codes))
    if only is None and serves(user, None):
        served = or_(served, code.is_(None))
    return served


def intake_scope(user: StaffUser, municipality: str | None = None) -> ColumnElement[bool]:
    """`municipality_scope` on Intake (lists, the calendar, the translation queue)."""
    return municipality_scope(user, Intake.municipality_code, municipality)


# -- The audit record of a route -----------------------------------------------------------------


@dataclass
class Audit:
    """What a route did, filled in while it runs; written by `audited` when it ends."""

    user: StaffUser
    action: str
    object_type: str
    object_id: str | None = None
    municipality_code: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    session: Session | None = field(default=None, repr=False)
    written: bool = False
    # Set by `answered_with`: a page that shows a refusal itself rather than raising it.
    status: int | None = None

    def about(self, object_id: object, municipality_code: str | None = None) -> None:
        """Name the object (an intake's id, a staff account's id) the route reads or changes."""
        self.object_id = str(object_id)
        self.municipality_code = municipality_code

    def about_intake(self, intake: Intake) -> None:
        self.about(intake.id, intake.municipality_code)

    def note(self, **detail: object) -> None:
        """Add to the record's detail: counts, filters, ids, never the person's words or name."""
        self.detail.update(detail)

    def answered_with(self, status: int) -> None:
        """The route answers with this error status itself (a page that shows the refusal in
        its form): recorded as `action_refused` or `action_failed` like a raised error."""
        self.status = status

    def nothing_shown(self) -> None:
        """Nothing personal was shown after all (a poll that found nothing new): no record of
        success. A refusal or a failure is still recorded."""
        self.written = True

    def write_now(self) -> None:
        """Write the success record now rather than at the end (the subject access overview
        lists itself). Should the route still fail, it is taken back and the failure recorded."""
        assert self.session is not None
        _write(self.session, self, self.user.id, status=None)
        self.session.flush()
        self.written = True


Kind = Literal["audited", "staff_only", "not_staff"]


@dataclass(frozen=True)
class Declaration:
    """What a route declared (read by the route-coverage test)."""

    kind: Kind
    roles: frozenset[StaffRole]
    action: str | None = None
    object_type: str | None = None
    reason: str | None = None


def _status_of(error: BaseException) -> int:
    if isinstance(error, ApiError):
        return error.status_code
    if isinstance(error, HTTPException):
        return error.status_code
    if isinstance(error, RequestValidationError):
        return 422
    return 500


def _write(session: Session, record: Audit, actor_id: int, status: int | None) -> None:
    action = record.action
    detail = dict(record.detail)
    if status is not None:
        action += "_refused" if status in (403, 404) else "_failed"
        detail["status"] = status
    audit_log.record_for(
        session, actor_id, action, record.object_type, record.object_id, record.municipality_code, detail or None
    )


def audited(
    action: str,
    object_type: str,
    roles: frozenset[StaffRole],
    login: Callable[..., StaffUser] = current_user,
) -> Any:
    """A staff route that reads or changes personal data (see the module's docstring)."""
    if len(action) > MAX_ACTION_LENGTH:
        raise ValueError(f"audit action {action!r} is longer than {MAX_ACTION_LENGTH} characters")

    # `login`: who is logged in. The JSON API's bearer token by default; the workspace's pages
    # pass their session cookie's (backend/workspace/sessions.py), with the same record. (A
    # default value, not an annotation: the annotation of a function made here could not name
    # `login` once annotations are strings.)
    logged_in = Depends(login)

    def audited_route(session: SessionDep, user: StaffUser = logged_in) -> Iterator[Audit]:
        actor_id = user.id  # read now: a rollback below expires the user
        record = Audit(user=user, action=action, object_type=object_type, session=session)
        try:
            if user.role not in roles:
                raise NotPermitted()
            yield record
            if not record.written:
                _write(session, record, actor_id, status=record.status)
            # Committed here, with the route's own changes: a failing commit is recorded below.
            session.commit()
        except Exception as error:
            # The request's changes are undone (the session would roll them back anyway); the
            # record of what was tried is committed on its own.
            try:
                session.rollback()
                _write(session, record, actor_id, status=_status_of(error))
                session.commit()
                # Loaded again and set apart from the session, whose own rollback would empty
                # it again: error pages (the workspace's) still show who is logged in.
                session.refresh(user)
                session.expunge(user)
            except SQLAlchemyError:
                # The database itself is gone (what failed the request, likely): the request's
                # own error is the one to answer; this is logged without personal data.
                log.exception("audit record of %s could not be written", action)
            raise

    return _declared(audited_route, Declaration("audited", roles, action=action, object_type=object_type))


def staff_only(roles: frozenset[StaffRole], reason: str, login: Callable[..., StaffUser] = current_user) -> Any:
    """A staff route that returns no one's personal data but the caller's own, or reference data."""

    logged_in = Depends(login)

    def staff_route(user: StaffUser = logged_in) -> StaffUser:
        if user.role not in roles:
            raise NotPermitted()
        return user

    return _declared(staff_route, Declaration("staff_only", roles, reason=reason))


def not_staff(reason: str) -> Any:
    """A route without a staff login (the person's chat, internal calls, health, metrics)."""

    async def public_route() -> None:
        return None

    return _declared(public_route, Declaration("not_staff", frozenset(), reason=reason))


def _declared(dependency: Callable[..., Any], declaration: Declaration) -> Any:
    dependency.declaration = declaration  # type: ignore[attr-defined]
    # scope="function": the record is written when the route returns, before the response is
    # sent (and the session, of the same scope, is still open).
    return Depends(dependency, scope="function")


def declaration_of(call: Callable[..., Any] | None) -> Declaration | None:
    return getattr(call, "declaration", None)


# -- Looking up what a route works on (named in the record, then checked) -----------------------


def intake_for(session: Session, audit: Audit, intake_id: uuid.UUID) -> Intake:
    """An intake the staff member may read. Another municipality's intake is 'not found', not
    'forbidden', so that its existence is not revealed either."""
    audit.about(intake_id)
    intake = session.get(Intake, intake_id)
    if intake is None or not may_read_intake(audit.user, intake):
        raise NotFound()
    audit.about_intake(intake)
    return intake


def appointment_for(session: Session, audit: Audit, appointment_id: uuid.UUID) -> Appointment:
    """An appointment of an intake the staff member may read; recorded as about that intake."""
    audit.note(appointment=str(appointment_id))
    appointment = session.get(Appointment, appointment_id)
    if appointment is None or not may_handle_appointment(audit.user, appointment):
        raise NotFound()
    audit.about_intake(appointment.intake)
    return appointment


def translation_for(session: Session, audit: Audit, translation_id: int) -> tuple[AnswerTranslation, Intake]:
    """An item of the translation queue the staff member may translate; recorded as about its intake."""
    audit.note(translation_id=translation_id)
    translation = session.get(AnswerTranslation, translation_id)
    if translation is None:
        raise NotFound()
    intake = session.get_one(Intake, translation.answer.intake_id)
    if not may_translate(audit.user, translation, intake):
        raise NotFound()
    audit.about_intake(intake)
    return translation, intake
