"""Question banks: the models, safe YAML reading, loading and discovery, JSON Schema, question order."""
