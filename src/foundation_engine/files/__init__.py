"""Writing and guarding files: input limits, safe patterns for rule packs, atomic writes."""
