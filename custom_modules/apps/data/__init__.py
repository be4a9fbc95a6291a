"""Data preparation behind ``tools/data/*.py``: generated demo data and annotation files."""
