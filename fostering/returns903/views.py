"""Pages of SSDA903 return."""
