# coprod's two jobs: `make assess` (set up, then start an assessment) and `make test`.
.PHONY: setup assess test lint

setup:
	@sh scripts/setup.sh

assess: setup
	@.venv/bin/coprod assess

lint:
	.venv/bin/ruff check coprod tests benchmarks
	.venv/bin/ruff format --check coprod tests benchmarks
	.venv/bin/mypy coprod

test:
	@sh scripts/setup.sh --dev
	$(MAKE) lint
	.venv/bin/python -m pytest
