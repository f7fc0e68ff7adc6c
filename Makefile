# coprod's two jobs: `make assess` (set up, then start an assessment) and `make test`.
.PHONY: setup assess test lint lock

setup:
	@sh scripts/setup.sh

assess: setup
	@.venv/bin/coprod assess

lint:
	.venv/bin/ruff check coprod tests benchmarks
	.venv/bin/ruff format --check coprod tests benchmarks
	.venv/bin/mypy coprod
	.venv/bin/lint-imports

test:
	@sh scripts/setup.sh --dev
	$(MAKE) lint
	.venv/bin/python -m pytest

# Refresh the lock files in requirements/ to the newest versions pyproject.toml allows.
UV_COMPILE = .venv/bin/uv pip compile pyproject.toml requirements/build.in --universal \
	--python-version 3.11 --generate-hashes --custom-compile-command "make lock" -q
lock:
	@[ -x .venv/bin/uv ] || { [ -x .venv/bin/python ] || python3 -m venv .venv; .venv/bin/python -m pip install -q uv; }
	$(UV_COMPILE) --upgrade -o requirements/run.txt
	$(UV_COMPILE) --upgrade --extra dev -o requirements/dev.txt
