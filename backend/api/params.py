"""Numbers, moments and days a request may carry, bounded to what the database and the date
arithmetic behind them hold: an id past 32 bits, a date in the year 9999 or a time zone offset that
pushes a moment out of range is a clear 422, never a database or overflow error (500)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, AwareDatetime, Field

# PostgreSQL `integer`: the type of every numeric id column (backend/models.py).
MAX_ID = 2**31 - 1

RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
"""A numeric id in a path."""
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A numeric id inside a request body."""
AfterId = Annotated[int, Query(ge=0, le=MAX_ID)]
"""'Everything after this id' in a query (0: from the start)."""

# Far enough for every real appointment, absence or legal date, and far enough from the ends of
# Python's calendar that adding the law's weeks (or a time zone offset) never overflows.
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)
Day = Annotated[date, Field(ge=EARLIEST_DAY, le=LATEST_DAY)]


EARLIEST_MOMENT = datetime.combine(EARLIEST_DAY, time.min, tzinfo=UTC)
LATEST_MOMENT = datetime.combine(LATEST_DAY, time.max, tzinfo=UTC)


def _within_range(moment: datetime) -> datetime:
    # Compared, not converted: converting year 1 at +01:00 to UTC is itself an OverflowError.
    if not EARLIEST_MOMENT <= moment <= LATEST_MOMENT:
        raise ValueError(f"must lie between {EARLIEST_DAY} and {LATEST_DAY}")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_within_range)]
"""A moment with its time zone offset (staff pages send UTC, "…Z")."""
