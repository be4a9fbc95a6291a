# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both build .venv first when it is missing or requirements.txt changed.
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo demo-det lint test clean-venv

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml tools/setup_env.sh
	PYTHON=$(PYTHON) VENV=$(VENV) bash tools/setup_env.sh
	touch $(STAMP)

demo: $(STAMP)
	$(VPY) tools/demo.py

demo-det: $(STAMP)
	$(VPY) tools/demo_det.py

lint: $(STAMP)
	$(VPY) -m ruff check .

test: lint
	$(VPY) -m pytest

clean-venv:
	rm -rf $(VENV)
