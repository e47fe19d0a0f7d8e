"""Rasa components of this project (imported by the Rasa server, Python 3.10)."""
