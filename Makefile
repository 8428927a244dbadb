# MSW Practice Lab: two commands.
#   make lab    set up .venv and open the course in JupyterLab (module 00)
#   make test   set up .venv with the test extra and run every test layer
#   make exam   serve the self-study practice page with Voila (no JupyterLab needed)
# Both are idempotent: the venv is reinstalled only when pyproject.toml changes.

PYTHON       ?= python3
VENV         := .venv
BIN          := $(VENV)/bin
HOST         ?= 127.0.0.1
PORT         ?= 8888
OPEN_BROWSER ?= True
HOME_NOTEBOOK := modules/00_start_here.ipynb
ifeq ($(strip $(TOKEN)),)
TOKEN := $(shell $(PYTHON) -c 'import secrets; print(secrets.token_hex(16))')
endif
ALLOW_ROOT   := $(if $(filter 0,$(shell id -u)),--allow-root,)
OVERRIDES    := $(VENV)/share/jupyter/lab/settings/overrides.json
NODE_TOOLS   := node_modules/.installed
# Debian packages the tests need: command -> package (browser and hub tests: chromium,
# npm, nodejs; the autograding sandbox: bubblewrap; accounts for the not-root and hub tests: acl;
# the PostgreSQL gradebook test: postgresql).
SYSTEM_PACKAGES := /usr/bin/chromium:chromium npm:npm node:nodejs bwrap:bubblewrap setfacl:acl \
                   pg_ctlcluster:postgresql

.PHONY: formgrader lab exam test check clean-notebooks system-packages

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MSW Practice Lab needs Python 3.11 or later; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed-base

# Installed with apt when run as root; otherwise make stops and names what is missing.
system-packages:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "make test needs these Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

# configurable-http-proxy (JupyterHub) and axe-core (accessibility), from the lock file.
$(NODE_TOOLS): package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# JupyterLab reads these defaults at start-up: no news or update-check pop-ups.
$(OVERRIDES): jupyter/overrides.json | $(BIN)/python
	mkdir -p $(dir $@)
	cp $< $@

# Students' JupyterLab: the practice assignment in an exchange of their own (no class hub
# needed), and no instructor tools in the Nbgrader menu (jupyter/student/).
STUDENT_CONFIG := JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter/student"

lab: $(VENV)/.installed-base $(OVERRIDES)
	$(BIN)/mswlab practice-assignment
	@echo ""
	@echo "  MSW Practice Lab is starting. Open this address in your browser:"
	@echo "  http://$(HOST):$(PORT)/lab/tree/$(HOME_NOTEBOOK)?token=$(TOKEN)"
	@echo "  (Stop the server with Ctrl+C. Port busy? Run: make lab PORT=8899)"
	@echo ""
	exec env $(STUDENT_CONFIG) $(BIN)/jupyter lab $(HOME_NOTEBOOK) --ServerApp.root_dir="$(CURDIR)" \
	  --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
	  --IdentityProvider.token=$(TOKEN) --ServerApp.open_browser=$(OPEN_BROWSER) $(ALLOW_ROOT)

# Instructors' JupyterLab: served from course/, where nbgrader_config.py sets the course id, so the
# Formgrader shows the course (from the repository root it would say the course id is not set).
COURSE ?= $(CURDIR)/course
formgrader: $(VENV)/.installed-base $(OVERRIDES)
	@echo ""
	@echo "  The course's Formgrader is starting. Open this address in your browser:"
	@echo "  http://$(HOST):$(PORT)/formgrader?token=$(TOKEN)"
	@echo "  (JupyterLab itself: http://$(HOST):$(PORT)/lab?token=$(TOKEN); stop with Ctrl+C)"
	@echo ""
	cd "$(COURSE)" && exec $(abspath $(BIN))/jupyter lab --ServerApp.root_dir="$(COURSE)" \
	  --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
	  --IdentityProvider.token=$(TOKEN) --ServerApp.open_browser=$(OPEN_BROWSER) $(ALLOW_ROOT)

# Voila's own settings: one kernel kept warm (it runs the page's imports before anyone asks), and
# the kernel of a page closed for KERNEL_IDLE seconds shut down, checked every KERNEL_CHECK seconds
# (Voila's leave-page call is refused, so without culling every closed page keeps its kernel; an
# open page beats once a second, so it is never idle).
KERNEL_IDLE  ?= 120
KERNEL_CHECK ?= 30
VOILA_KERNELS = --preheat_kernel=True --pool_size=1 --MappingKernelManager.cull_idle_timeout=$(KERNEL_IDLE) \
                --MappingKernelManager.cull_interval=$(KERNEL_CHECK)

exam: $(VENV)/.installed-base
	@echo ""
	@echo "  Self-study practice is starting. Open http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@echo ""
	exec $(BIN)/voila apps/self_study.ipynb --Voila.ip=$(HOST) --port=$(PORT) $(VOILA_KERNELS) \
	  $(if $(filter False,$(OPEN_BROWSER)),--no-browser,)

# Two workers, one test file each at a time (--dist loadfile keeps a file's fixtures together):
# most tests wait on kernels and the browser, so two workers fit two cores.
TEST_WORKERS ?= 2

# Tests marked timing (a wall-clock goal) run alone after the parallel run, so they time this program
# and not the neighbouring tests. Then the unit, widget and content layers run again with the clock
# moved years ahead (time-machine): green must not depend on the day the suite runs.
FAR_DATE ?= 2031-02-28

test: $(VENV)/.installed-test $(OVERRIDES) system-packages $(NODE_TOOLS)
	$(BIN)/mswlab check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not timing"
	$(BIN)/python -m pytest -m timing tests
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not timing" --clock-date $(FAR_DATE) tests/unit tests/widgets tests/content

check: $(VENV)/.installed-base
	$(BIN)/mswlab check

clean-notebooks: $(VENV)/.installed-base
	$(BIN)/mswlab clean
