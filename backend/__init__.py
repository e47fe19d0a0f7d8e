"""FastAPI backend: the chat gateway, the NLG endpoint, intakes, staff access and audit."""
