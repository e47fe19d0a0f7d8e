"""The pre-intake questions and how answers to them are read.

`forms/intake.yaml` is the single home of every question. This package loads it into typed
objects (`schema.py`) and turns what a person typed into a clean value (`answers.py`).
Both the action server and the backend import it; neither keeps a list of questions.
"""

from forms.schema import IntakeSchema, Option, Question, Section, load_schema

__all__ = ["IntakeSchema", "Option", "Question", "Section", "load_schema"]
