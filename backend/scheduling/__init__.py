"""RIT appointments: resources, slot search, atomic booking, reminders and the legal chain."""
