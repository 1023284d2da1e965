"""Self-check rules (SPEC §6): the engine, the rules and their explanations."""
