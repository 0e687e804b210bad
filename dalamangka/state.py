"""URL state."""
