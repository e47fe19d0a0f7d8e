# The two commands of the README: `make run` and `make test`. Everything else is a helper.
.PHONY: run test venvs generate catalogs extract model lint lock bench bench-scheduling bench-nlu bench-understanding clean

run: venvs                ## start the whole system (installs what it needs on first run)
	@.venv/bin/python -m tools.run

test: venvs               ## run the whole test suite (what CI runs)
	@./scripts/test.sh

venvs:
	@./scripts/bootstrap.sh

generate: venvs           ## regenerate bot/domain/generated.yml from forms/intake.yaml
	@.venv/bin/python -m tools.generate_rasa

extract: venvs            ## refresh locales/messages.pot and merge it into every catalog
	@.venv/bin/python -m tools.catalogs extract

catalogs: venvs           ## compile the .mo files
	@.venv/bin/python -m tools.catalogs compile

model: venvs              ## train the Rasa model if its inputs changed
	@.venv/bin/python -m tools.train

lint: venvs
	@.venv/bin/ruff check . && .venv/bin/mypy

bench: venvs              ## conversation load benchmark against the real running system
	@.venv/bin/python -m bench.conversation_load $(ARGS)

bench-scheduling: venvs   ## slot search and booking under contention on PostgreSQL
	@.venv/bin/python -m bench.scheduling

bench-nlu: venvs          ## intent accuracy per language (cross-validation of the NLU data)
	@.venv/bin/python -m bench.nlu_accuracy

lock:                     ## re-resolve and pin dependencies (needs the package registry)
	@./scripts/lock.sh

clean:
	rm -rf var .cache bot/.rasa

bench-understanding: venvs  ## the team's held-out evaluation: typed answers and whole conversations
	@.venv/bin/python -m bench.understanding $(ARGS)
