"""Pages of Placements."""
