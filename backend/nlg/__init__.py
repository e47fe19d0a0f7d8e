"""Natural-language generation: every text the assistant says, rendered from the catalogs."""
