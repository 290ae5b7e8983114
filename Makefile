# Two entry points: `make demo` (main job on bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test system-deps bench eval clean web-assets

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[server,test]'
	$(VENV)/bin/sitrep build-gazetteer
	touch $(STAMP)

demo: install
	$(VENV)/bin/sitrep demo

# Chromium (browser tests) and PostgreSQL (server-mode tests) from Debian; tests skip without them.
system-deps:
	-bash scripts/install_system_deps.sh

# The fast eval suites are gated (eval/floors.json) when ../shared holds the eval data.
GATED_SUITES := plover,timex,news
SHARED ?= ../shared

test: install system-deps
	$(PY) -m pytest
	@if [ -d "$(SHARED)/eval" ]; then \
		$(VENV)/bin/sitrep eval --only $(GATED_SUITES) --gate --shared "$(SHARED)" --out $(VENV)/eval-gate.json; \
	else echo "accuracy gate skipped: no $(SHARED)/eval"; fi

bench: install
	$(PY) benchmarks/bench_pipeline.py

eval: install
	$(VENV)/bin/sitrep eval

clean:
	rm -rf $(VENV) sitrep-demo.db* .pytest_cache

# Optional: refresh the vendored world map and fetch Swagger UI for /docs (needs npm).
web-assets:
	-bash scripts/fetch_web_assets.sh
