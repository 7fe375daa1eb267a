"""The report stage: renders records (tables, HTML, JSON, exports); no analysis happens here."""
