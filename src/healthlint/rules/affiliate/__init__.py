"""affiliate rules (one module per catalog id)."""
