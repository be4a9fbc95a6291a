"""Test helpers: tiny datasets in the real on-disk formats, derived configs, subprocess runs."""
