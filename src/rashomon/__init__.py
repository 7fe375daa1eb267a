"""rashomon."""
