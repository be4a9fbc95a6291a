# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both build .venv first when it is missing or requirements.txt changed.
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
LINT := $(VPY) -m ruff check .
STAMP := $(VENV)/.installed

.PHONY: setup demo demo-det lint test clean-venv FORCE

setup: $(STAMP)

# FORCE_CUDA=1 make setup compiles mmcv's CUDA ops (docs/gpu.md), in a ready .venv too
$(STAMP): requirements.txt pyproject.toml tools/setup_env.sh tools/build_mmcv_wheel.sh $(if $(filter 1,$(FORCE_CUDA)),FORCE)
	PYTHON=$(PYTHON) VENV=$(VENV) bash tools/setup_env.sh
	touch $(STAMP)

FORCE:

demo: $(STAMP)
	$(VPY) tools/demo.py

demo-det: $(STAMP)
	$(VPY) tools/demo_det.py

lint: $(STAMP)
	$(LINT)

# The suite runs on one pytest-xdist worker per core (at most 4, pytest.ini), one torch
# thread each (tests/conftest.py); PYTEST_ARGS="-n 0" runs it in one process.
# The last line sums up where the time went.
PYTEST_ARGS ?=
test:
	@t0=$$(date +%s); \
	$(MAKE) --no-print-directory setup || exit $$?; t1=$$(date +%s); \
	$(LINT); status=$$?; t2=$$(date +%s); \
	if [ $$status -eq 0 ]; then $(VPY) -m pytest $(PYTEST_ARGS); status=$$?; fi; t3=$$(date +%s); \
	echo "[make test] environment $$((t1 - t0)) s, lint $$((t2 - t1)) s, tests $$((t3 - t2)) s, total $$((t3 - t0)) s"; \
	exit $$status

clean-venv:
	rm -rf $(VENV)
