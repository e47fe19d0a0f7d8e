"""What staff see, made once in Python for the workspace pages and the JSON API alike: an
intake by section, its summary in the list, labels of statuses and sources, Dutch dates."""
