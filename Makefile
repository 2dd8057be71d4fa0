# The two commands a new user needs:  make run  (set up and start)  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/dev.txt

.PHONY: run test install lint lock

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Quorate is starting at http://127.0.0.1:8000 (stop it with Ctrl+C)."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite, in parallel on every core; the browser tests (marked "browser") share one
# worker. The ten slowest tests are listed at the end.
test: install
	@command -v chromium >/dev/null 2>&1 || echo "Note: Debian's chromium is not installed, \
	so the browser tests will be skipped. Install it with: sudo apt-get install chromium"
	$(BIN)/python -m pytest -n auto --dist loadgroup --durations=10 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

install: $(VENV)/.installed

$(VENV)/.installed: $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $@

# Re-resolve the lock files after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/main.txt
	$(BIN)/uv pip compile pyproject.toml --group pyproject.toml:dev --python-version 3.11 \
		--generate-hashes -c requirements/main.txt -q -o requirements/dev.txt
