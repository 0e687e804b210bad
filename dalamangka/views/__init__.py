"""View builders (filled in below)."""
