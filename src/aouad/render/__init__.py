"""Turning rows into text: machine formats (no Rich) and tables (Rich, loaded lazily)."""
