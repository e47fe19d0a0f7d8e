"""Free-text answers in Dutch: machine translation (Argos, offline) or the human translation queue."""
