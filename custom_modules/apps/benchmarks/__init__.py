"""Speed measurements behind ``tools/benchmark_*.py``: each side alternately, median ratio."""
