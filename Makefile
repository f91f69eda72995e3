# The two commands: `make run` serves the demo council, `make test` runs everything CI runs.
.PHONY: run test lint bench clean

run:
	scripts/run.sh

test:
	scripts/test.sh

lint:
	scripts/test.sh --lint-only

bench:
	scripts/bootstrap.sh --test
	.venv/bin/python bench/pages.py

clean:
	rm -rf var/*.sqlite3* var/.demo-loaded var/pgtest fostering/static/vendor
