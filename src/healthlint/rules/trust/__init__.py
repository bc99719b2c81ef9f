"""trust rules (one module per catalog id)."""
