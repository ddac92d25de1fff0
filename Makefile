# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE := build/release
TESTBUILD := build/test
DB ?= var/boucle.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test deps web build build-test bench clean format

deps:
	@bash scripts/install-deps.sh

web: deps
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

build: deps web
	@cmake -S . -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUCLE_TESTS=OFF -DBOUCLE_BENCH=ON >/dev/null
	@ninja -C $(RELEASE) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	@$(RELEASE)/boucle demo --db $(DB)
	@echo "Open http://$(LISTEN)/ in a browser and log in with one of the accounts above (Ctrl-C stops)."
	@$(RELEASE)/boucle serve --db $(DB) --listen $(LISTEN) --web web/dist

build-test: deps web
	@cmake -S . -B $(TESTBUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBOUCLE_SANITIZE=ON -DBOUCLE_TESTS=ON >/dev/null
	@ninja -C $(TESTBUILD) -j $(JOBS)

# Debug build with AddressSanitizer and UndefinedBehaviorSanitizer; ends with ctest's summary.
test: build-test
	@cd $(TESTBUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run.sh $(RELEASE)

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build
