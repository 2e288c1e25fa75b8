# The single entry point: `make run` serves the assistant, `make test` checks it.
SHELL := /bin/bash
# Rasa would otherwise send usage data and error reports out; nothing leaves this machine.
export RASA_TELEMETRY_ENABLED := false
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DOMAIN := build/domain.yml
MODEL := models/assistant.tar.gz
TRAINING_DATA := data/nlu data/rules data/stories
# Anything that changes what the model learns: a change here retrains on the next run.
# Facts and wording are not among them: answers are rendered when sent (bot/nlg.py),
# and the training domain holds only the responses' names.
TRAINING_FILES := $(sort $(shell find $(TRAINING_DATA) -name '*.yml'))
# The names of the training files: rewritten only when one is added or removed, since a
# file that is gone cannot make the model older than it.
TRAINING_LIST := build/training-files.txt
TRAINING_INPUTS := config.yml $(DOMAIN) $(TRAINING_LIST) $(TRAINING_FILES) \
	data/commands.yml bot/textnorm.py $(wildcard bot/nlu/*.py)

CHROMIUM := /usr/bin/chromium
# Japanese glyphs for the screenshots the browser tests save for review.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: install domain train validate browser run test bench clean FORCE

install: $(INSTALLED)

$(INSTALLED): requirements.txt constraints.txt scripts/python310
	rm -rf $(VENV)
	"$$(scripts/python310)" -m venv $(VENV)
	@echo "Installing the pinned packages into $(VENV) (about 3 GB; log: $(VENV)/install.log)"
	@$(BIN)/pip install --disable-pip-version-check --upgrade pip > $(VENV)/install.log 2>&1 \
		&& $(BIN)/pip install --disable-pip-version-check -r requirements.txt -c constraints.txt \
		>> $(VENV)/install.log 2>&1 || { tail -n 30 $(VENV)/install.log; exit 1; }
	touch $@

.env:
	install -m 600 .env.example .env

domain: $(DOMAIN)

# Rewritten only when domain.yml or the responses' names change.
$(DOMAIN): domain.yml data/responses.yml bot/render.py | $(INSTALLED)
	$(BIN)/python -m bot.render $@

train: $(MODEL)

$(TRAINING_LIST): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(TRAINING_FILES) > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

FORCE:

$(MODEL): $(TRAINING_INPUTS) | $(INSTALLED)
	$(BIN)/rasa train --config config.yml --domain $(DOMAIN) --data $(TRAINING_DATA) \
		--out models --fixed-model-name assistant
	@# rasa leaves the file alone when nothing changed; the stamp must still move.
	touch $@

validate: $(DOMAIN) | $(INSTALLED)
	$(BIN)/rasa data validate --config config.yml --domain $(DOMAIN) --data $(TRAINING_DATA)

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser: $(CHROMIUM) $(CJK_FONT)

$(CHROMIUM) $(CJK_FONT):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk > /dev/null

run: $(MODEL) .env
	$(BIN)/python -m bot.serve

test: validate $(MODEL) .env browser
	$(BIN)/python -m pytest tests

# Understanding against baselines, and load; prints and writes bench/results.md.
bench: $(MODEL) .env
	$(BIN)/python -m bench

clean:
	rm -rf build models reports var .pytest_cache
