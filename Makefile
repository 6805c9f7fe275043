# newsarchive: `make site` builds the sample archive into site/; `make test` runs every test.
# Both create .venv on first use; the stamps make re-runs fast (reinstall only when pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve clean tools

# Pagefind 1.6 from the npm registry (package-lock.json): its search is 4-6x faster than
# PyPI's 1.5 on large archives. Without npm the build falls back to PyPI's Pagefind.
NODE_TOOLS := node_modules/.stamp
$(NODE_TOOLS): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "npm not found: using PyPI's Pagefind 1.5 (slower search on large archives; install Node.js and npm, then make again)"; \
	fi
tools: $(NODE_TOOLS)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-site: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.stamp-site

site: $(VENV)/.stamp-site $(NODE_TOOLS)
	$(VENV)/bin/newsarchive build
	@echo
	@echo "Built site/. Open site/index.html from disk (search works offline there too),"
	@echo "or serve it for the full Pagefind search: $(PY) -m http.server -d site"
	@echo "then open http://localhost:8000/ . For offline readers: $(VENV)/bin/newsarchive pack"

test: $(VENV)/.stamp-test $(NODE_TOOLS)
	$(PY) -m pytest

serve: $(VENV)/.stamp-site $(NODE_TOOLS)
	$(VENV)/bin/newsarchive serve

# Removes site/ and the files the generator wrote (listed in its manifests);
# never hand-written pages, never site-data/.
clean:
	@if [ -x $(PY) ]; then $(PY) -m generator.site clean; else rm -rf site; fi
