"""An appointment as an iCalendar file (RFC 5545) that a phone's calendar can import."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Alarm, Calendar, Event

from backend.models import Appointment, as_utc
from backend.scheduling.messages import details_of
from backend.scheduling.types import APPOINTMENT_TYPES
from locales import translate


def calendar_file(appointment: Appointment, language: str) -> bytes:
    kind = APPOINTMENT_TYPES[appointment.type_code]
    calendar = Calendar()
    calendar.add("prodid", "-//RIT Westfriesland//Intake assistant//NL")
    calendar.add("version", "2.0")
    event = Event()
    # The same UID for every version of the appointment: a moved appointment replaces the old one.
    event.add("uid", f"{appointment.id}@rit-westfriesland")
    event.add("sequence", int(as_utc(appointment.starts_at).timestamp()) // 60)
    event.add("summary", translate(language, kind.label))
    event.add("dtstart", as_utc(appointment.starts_at))
    event.add("dtend", as_utc(appointment.ends_at))
    event.add("location", f"{appointment.location.name}, {appointment.location.address}")
    event.add("description", details_of(appointment, language))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", translate(language, kind.label))
    alarm.add("trigger", timedelta(hours=-2))
    event.add_component(alarm)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
