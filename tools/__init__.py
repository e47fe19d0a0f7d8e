"""Developer and operator tools: generate Rasa files, train when needed, run the whole system."""
