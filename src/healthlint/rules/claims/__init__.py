"""claims rules (one module per catalog id)."""
