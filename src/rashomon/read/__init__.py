"""The read stage: one reader per language turns Articles into Readings."""
