"""The rasa-sdk action server: validates answers, drives the intake form, submits to the backend.

Started as `python -m rasa_sdk --actions actions` in the Python 3.11 environment.
"""
