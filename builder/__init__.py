"""Build steps: raw/ TOML → validated records → Parquet, manifest and JSON Schemas (not shipped)."""
